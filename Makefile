# igkg: the two commands a newcomer needs.
#   make demo   set up the runtime (no test tools), then build + validate the graph, run the query
#               library, write the explorer
#   make test   set up the runtime and the test tools (Python packages, Debian's Chromium and
#               Virtuoso), then run every test
#   make docs   the ontology's HTML documentation in build/docs/
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
TESTING := $(VENV)/.installed-test
OUT    ?= build

.PHONY: demo test setup setup-test system-deps lint docs bench bench-1m clean

$(RUNTIME): pyproject.toml
	@echo "igkg setup: creating the virtual environment $(VENV) (Python: $$($(PYTHON) --version 2>&1))"
	@$(PYTHON) -m venv $(VENV)
	@echo "igkg setup: upgrading pip"
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "igkg setup: installing igkg and its runtime dependencies (pyoxigraph, rdflib, pySHACL, …; about a minute)"
	@$(BIN)/python -m pip install --quiet -e .
	@touch $(RUNTIME)
	@echo "igkg setup: done ($$(du -sh $(VENV) | cut -f1) in $(VENV))"

$(TESTING): $(RUNTIME) pyproject.toml
	@echo "igkg setup: installing the test tools (pytest, hypothesis, ruff, mypy, playwright, the Oxigraph server …)"
	@$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(TESTING)

setup: $(RUNTIME)

setup-test: $(TESTING)

demo: $(RUNTIME)
	@echo "igkg demo: building the graph, validating it, running the query library, writing $(OUT)/"
	@$(BIN)/igkg build --out $(OUT)
	@# On a desktop, open the explorer page (a local file: it loads nothing from the network).
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] && command -v xdg-open >/dev/null 2>&1; then \
	  xdg-open $(OUT)/explorer.html >/dev/null 2>&1 || true; fi
	@echo ""
	@echo "Where to look: $(OUT)/explorer.html (open it in a browser; it works offline),"
	@echo "  $(OUT)/igkg.ttl and $(OUT)/igkg.jsonld (the graph), $(OUT)/queries/ (every named query's result),"
	@echo "  $(OUT)/validation.txt (the SHACL report)."
	@echo "What to try next (after '. $(BIN)/activate'):"
	@echo "  igkg queries                                           # the named-query library"
	@echo "  igkg query citing-paragraph -p instrument='Tunis Agenda' -p paragraph=69"
	@echo "  igkg extract data/sources/seed-wgec-second-take.txt    # a text to linked data"
	@echo "  igkg --help                                            # every command; README.md has a tour"

system-deps:
	./scripts/install-system-deps.sh

test: $(TESTING) system-deps
	$(BIN)/python -m pytest

# The ontology's HTML documentation (pyLODE, the docs extra): $(OUT)/docs/index.html, opens offline.
docs: $(RUNTIME)
	@$(BIN)/python -m pip install --quiet -e ".[docs]"
	$(BIN)/python scripts/ontology_docs.py --out $(OUT)/docs

lint: $(TESTING)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

# Every benchmark of issue 13 in one run and ONE side-by-side table (benchmarks/run_all.py): load
# time and peak memory (igkg, Oxigraph's own loader, rdflib), every named query on igkg's --store
# and on rdflib with ratio and growth exponent, CLI output, push, validation, explorer, extraction;
# written to $(OUT)/bench/report.md and results.json. 10k and 100k triples: about 15 minutes on a
# shared 2-core machine. `make bench-1m` adds the 1M-triple size to the same table (about 30
# minutes there: rdflib alone needs minutes to parse and up to 30 s per query). BASELINE=DIR puts
# another checkout (e.g. the code before a change) side by side as the "today" columns.
BASELINE ?=
BENCH_ARGS = --work $(OUT)/bench $(if $(BASELINE),--baseline $(BASELINE),)

bench: $(TESTING) system-deps
	$(BIN)/python benchmarks/run_all.py --sizes 10000,100000 $(BENCH_ARGS)

bench-1m: $(TESTING)
	$(BIN)/python benchmarks/run_all.py --sizes 1000000 --skip-fixed $(BENCH_ARGS)

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
