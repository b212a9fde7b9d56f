# The two commands of the README. Both make their own virtual environment in .venv.
PYTHON ?= python3.11
VENV := .venv

.PHONY: demo test app bench-neo4j clean

demo: $(VENV)/.installed          ## load the sample article into ./polgraph-data and print the graph
	$(VENV)/bin/polgraph demo

test:                             ## install what the tests need, start Neo4j, run the whole suite
	bash scripts/test.sh

app: $(VENV)/.installed           ## open the viewer on ./polgraph-data
	$(VENV)/bin/polgraph app

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e .
	touch $@

clean:
	rm -rf $(VENV) polgraph-data build dist *.egg-info
