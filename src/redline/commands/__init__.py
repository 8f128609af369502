"""Sub-commands of the ``redline`` CLI, one module each (see :mod:`redline.cli`)."""
