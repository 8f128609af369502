# Redline's two everyday commands (see README):
#   make demo   create .venv, install Redline into it, analyse the bundled examples
#   make test   run the whole test suite (installs the test extras first if needed)
PYTHON ?= python3
VENV := .venv
CORE := $(VENV)/.installed-core
DEV := $(VENV)/.installed-dev

.PHONY: demo test install bench clean

demo: $(CORE)
	$(VENV)/bin/redline extract examples/ --format summary

test: $(DEV)
	$(VENV)/bin/python -m pytest -q

install: $(CORE)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --upgrade --quiet pip

$(CORE): pyproject.toml $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e .
	touch $(CORE)

# Tests also need pytest, Playwright (driving Debian's Chromium), psycopg, DuckDB and PySpark.
$(DEV): pyproject.toml $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e '.[dev,spark]'
	touch $(CORE) $(DEV)

bench: $(DEV)
	$(VENV)/bin/python bench/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info
