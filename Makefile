# The course's commands. `make book` and `make test` install everything they need into .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install book lab test exercises sync bench lint clean

install: $(INSTALLED)

$(INSTALLED): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 10) <= v <= (3, 12) else \
		"This course needs Python 3.10, 3.11 or 3.12; $(PYTHON) is %d.%d. Run make PYTHON=python3.11 ..." % v)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --progress-bar off -r requirements.txt
	touch $@

book: install  ## build the website into _build/html
	$(BIN)/jupyter-book build -W --keep-going .
	@echo "The book is built: open file://$(CURDIR)/_build/html/index.html"

lab: install  ## open the chapters in JupyterLab
	$(BIN)/jupyter lab notebooks/

test: install  ## run the whole test suite (unit, structure, exercises, every chapter end to end)
	$(BIN)/pytest

exercises: install  ## regenerate exercises/ (and the instructors' autograder zips) from solutions/
	$(BIN)/python -m dlbook.exercises

sync: install  ## after changing the repository URL in _config.yml: rewrite the Colab links and setup cells
	$(BIN)/python -m dlbook.course sync

bench: install  ## time every chapter and write benchmarks/results.md
	$(BIN)/python benchmarks/run.py

lint: install
	$(BIN)/ruff check dlbook tests benchmarks notebooks

clean:
	rm -rf _build .pytest_cache .ruff_cache
