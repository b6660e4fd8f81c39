# The course's commands. `make book` and `make test` install everything they need into .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# MathJax, require.js and the Jupyter widget manager, served by the site itself so that it works offline.
VENDOR := _vendor
# the stamp of a complete _vendor/; a new name fetches again when what is vendored changes
VENDORED := $(VENDOR)/.complete-2
NPM_PACKAGES := mathjax@3.2.2 requirejs@2.3.8 @jupyter-widgets/html-manager@1.0.15

.PHONY: install vendor book execute lab test check notebooks exercises grade sync bench flake headers lint format clean
# Options: `make bench BACKEND=jax`, `make flake SEEDS="0 1 2"`, `make bench NAMES="04 07"` (some chapters only).
BACKEND ?= tensorflow
SEEDS ?= 0 1 2
NAMES ?=
LINTED := dlbook tests benchmarks notebooks book/ext solutions
space := $(subst ,, )

install: $(INSTALLED)

$(INSTALLED): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; sys.exit(0 if (3, 10) <= v <= (3, 12) else \
		"This course needs Python 3.10, 3.11 or 3.12; $(PYTHON) is %d.%d. Run make PYTHON=python3.11 ..." % v)'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --progress-bar off -r requirements.txt
	touch $@

vendor: $(VENDORED)

$(VENDORED):
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed once, to fetch MathJax and the widget manager" \
		"so the site works offline. Install Node.js, then run make book again."; exit 1; }
	rm -rf $(VENDOR) _build/npm
	for attempt in 1 2 3; do \
		npm install --silent --no-save --no-audit --no-fund --prefix _build/npm $(NPM_PACKAGES) && break; sleep 10; \
	done; [ -d _build/npm/node_modules/mathjax ] || { echo \
		"Could not fetch $(NPM_PACKAGES) from the npm registry (offline?). Connect once and run make book" \
		"again: the files are kept in $(VENDOR)/ from then on."; exit 1; }
	mkdir -p $(VENDOR)/mathjax/output $(VENDOR)/html-manager
	cd _build/npm/node_modules/mathjax/es5 && cp -r tex-mml-chtml.js input a11y ui adaptors $(CURDIR)/$(VENDOR)/mathjax/
	cp -r _build/npm/node_modules/mathjax/es5/output/chtml* $(VENDOR)/mathjax/output/
	cp _build/npm/node_modules/requirejs/require.js $(VENDOR)/require.js
	cp _build/npm/node_modules/@jupyter-widgets/html-manager/dist/embed-amd.js $(VENDOR)/html-manager/
	cd _build/npm/node_modules/@jupyter-widgets/html-manager/dist && \
		cp *.woff *.woff2 *.ttf *.eot *.svg $(CURDIR)/$(VENDOR)/html-manager/  # the widgets' icon fonts
	touch $@

book: install $(VENDORED) execute  ## build the website into _build/html, every chapter from the execution cache
	DLBOOK_SITE_BUILD=1 $(BIN)/jupyter-book build --all -W --keep-going .
	@echo "The book is built: open file://$(CURDIR)/_build/html/index.html"

execute: install  ## run the chapters not yet in the execution cache (two at a time); NAMES=... for some
	$(BIN)/python -m dlbook.execution $(NAMES)

lab: install  ## open the chapters in JupyterLab
	$(BIN)/jupyter lab notebooks/

test: install  ## run the whole test suite (unit, structure, lint, exercises, every chapter end to end, the site)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/pytest

check: install  ## the fast tier: unit and structure tests and lint, no notebook executed (under 3 minutes)
	@$(BIN)/ruff check $(LINTED); lint=$$?; \
	$(BIN)/ruff format --check $(LINTED); format=$$?; \
	$(BIN)/pytest -m "not notebooks and not exercises and not grading and not site"; tests=$$?; \
	[ $$lint -eq 0 ] || echo "ruff check found problems (above): $(BIN)/ruff check --fix FILE fixes most"; \
	[ $$format -eq 0 ] || echo "some files are not formatted (above): $(BIN)/ruff format FILE formats them"; \
	exit $$(( lint || format || tests ))

notebooks: install  ## the notebooks tier alone: every chapter end to end (BACKEND=jax on JAX; NAMES=... for some)
	@[ "$(BACKEND)" != jax ] || $(BIN)/python -c "import jax" 2>/dev/null || $(BIN)/python -m pip install --quiet "jax[cpu]"
	KERAS_BACKEND=$(BACKEND) $(BIN)/pytest -m notebooks $(if $(NAMES),-k "$(subst $(space), or ,$(strip $(NAMES)))",)

exercises: install  ## regenerate exercises/ (and the instructors' autograder zips) from solutions/; MASTERS=... for some
	$(BIN)/python -m dlbook.exercises $(MASTERS)

grade: install  ## grade a folder of submitted notebooks: make grade SUBMISSIONS=folder (writes folder/grades.csv)
	@test -n "$(SUBMISSIONS)" || { echo "Name the folder of submissions: make grade SUBMISSIONS=path/to/folder"; exit 2; }
	$(BIN)/python -m dlbook.grade $(SUBMISSIONS)

sync: install  ## after changing the repository URL in _config.yml: rewrite the Colab links and setup cells
	$(BIN)/python -m dlbook.course sync

bench: install  ## time every chapter (BACKEND=jax for the JAX column), write benchmarks/results.md and the headers
	@[ "$(BACKEND)" != jax ] || $(BIN)/python -c "import jax" 2>/dev/null || $(BIN)/python -m pip install --quiet "jax[cpu]"
	$(BIN)/python benchmarks/run.py --backend $(BACKEND) $(NAMES)
	@[ -n "$(NAMES)" ] || $(BIN)/python benchmarks/widgets.py  # every widget's redraw latency, into results.md

flake: install  ## run every chapter with each of SEEDS (DLBOOK_SEED) and write benchmarks/flake.md
	$(BIN)/python benchmarks/run.py --seeds $(SEEDS) $(if $(NAMES),--,) $(NAMES)

headers: install  ## rewrite the chapters' "runs in about N s" from benchmarks/results.md, running nothing
	$(BIN)/python benchmarks/run.py --headers-only $(NAMES)

lint: install  ## ruff check and the format check; `make format` formats
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: install
	$(BIN)/ruff format $(LINTED)

clean:
	rm -rf _build .pytest_cache .ruff_cache $(VENDOR)
