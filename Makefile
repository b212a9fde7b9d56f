# The two commands of the README. Both make their own virtual environment in .venv.
PYTHON ?= python3.11
VENV := .venv

.PHONY: demo test app eval bench bench-neo4j clean

demo: $(VENV)/.installed          ## load the sample article into ./polgraph-data and print the graph
	$(VENV)/bin/polgraph demo

test:                             ## install what the tests need, start Neo4j, run the whole suite
	bash scripts/test.sh

app: $(VENV)/.installed           ## open the viewer on ./polgraph-data
	$(VENV)/bin/polgraph app

EVAL := ../shared/eval
SAMPLE := loaders/sample/fr-regional-2015-buzzfeed.txt
eval: $(VENV)/.installed          ## extract and score the dev gold set and the seed article (needs ../shared/eval)
	@mkdir -p build/eval
	$(VENV)/bin/polgraph extract --format json $(EVAL)/dev/*.txt > build/eval/dev.jsonl
	$(VENV)/bin/polgraph extract --format json $(SAMPLE) > build/eval/seed.jsonl
	@echo "== dev set ($(EVAL)/dev)"
	@$(VENV)/bin/polgraph eval build/eval/dev.jsonl $(EVAL)/dev
	@echo "== seed article"
	@$(VENV)/bin/polgraph eval build/eval/seed.jsonl $(EVAL)/fr-regional-2015-buzzfeed.gold.json | sed -n 1,4p

bench: $(VENV)/.installed         ## benchmarks on the embedded store, 10k to 1M edges (long; see bench/README.md)
	$(VENV)/bin/python bench/run.py

bench-neo4j: $(VENV)/.installed   ## the same against a real Neo4j started like the tests' one
	bash scripts/bench-neo4j.sh

# setuptools prints a note on every editable install of a package-dir layout like this one ("Editable
# installation ... folders with the same name as your package"): information only, filtered by its text.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(VENV)/bin/pip install -q -e .
	touch $@

clean:
	rm -rf $(VENV) polgraph-data build dist *.egg-info
