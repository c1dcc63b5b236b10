# igkg: the two commands a newcomer needs.
#   make demo   set up, then build + validate the graph, run the query library, write the explorer
#   make test   set up (Python packages, Debian's Chromium), then run every test
#   make docs   the ontology's HTML documentation in build/docs/
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= build

.PHONY: demo test setup setup-test system-deps lint docs bench bench-1m clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/igkg build --out $(OUT)
	@# On a desktop, open the explorer page (a local file: it loads nothing from the network).
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] && command -v xdg-open >/dev/null 2>&1; then \
	  xdg-open $(OUT)/explorer.html >/dev/null 2>&1 || true; fi

system-deps:
	./scripts/install-system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

# The ontology's HTML documentation (pyLODE, the docs extra): $(OUT)/docs/index.html, opens offline.
docs: $(STAMP)
	$(BIN)/python scripts/ontology_docs.py --out $(OUT)/docs

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/mypy

# Every benchmark, each side by side with the plain rdflib / pyvis / regex way, in one run.
# The store benchmark at its full size (1M triples) is `make bench-1m` (about 10 minutes).
bench: $(STAMP) system-deps
	$(BIN)/python benchmarks/queries_bench.py
	$(BIN)/python benchmarks/extract_bench.py
	$(BIN)/python benchmarks/viz_bench.py
	$(BIN)/python benchmarks/store_bench.py --triples 100000 --repeat 5

bench-1m: $(STAMP)
	$(BIN)/python benchmarks/store_bench.py --triples 1000000 --rdflib-timeout 30

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
