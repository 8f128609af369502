# Redline's two everyday commands (see README):
#   make demo   create .venv, install Redline into it, analyse the bundled examples
#   make test   run the whole test suite (installs first if needed)
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean

demo: $(STAMP)
	$(VENV)/bin/redline extract examples/ --format summary

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --upgrade --quiet pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $(STAMP)

bench: $(STAMP)
	$(VENV)/bin/python bench/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
