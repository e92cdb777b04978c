# Kỹ Năng Số: the project's front door. `make run` serves the demo, `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install system-deps messages lint format bench migrate seed clean css

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

system-deps:
	@scripts/system_deps.sh

messages: install system-deps
	@$(MANAGE) compilemessages --ignore=.venv -v0

run: install system-deps messages
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.dev $(MANAGE) migrate --noinput -v0
	DJANGO_SETTINGS_MODULE=config.settings.dev HOST=$(HOST) PORT=$(PORT) $(MANAGE) seed_demo
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DJANGO_SETTINGS_MODULE=config.settings.dev HOST=$(HOST) PORT=$(PORT) $(MANAGE) runserver $(HOST):$(PORT)

test: install messages
	@scripts/system_deps.sh --browser
	@mkdir -p var
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install system-deps messages  ## pages against a bare view over gunicorn on 127.0.0.1; a benchmark, not a test
	@scripts/system_deps.sh --bench
	$(BIN)/python -m bench.run $(BENCH_ARGS)
	$(BIN)/python -m bench.page_weight
	$(BIN)/python -m bench.import_rate $(IMPORT_BENCH_ARGS)  # import rate; peak memory of both import commands on 600,000 rows

css:  ## rebuild static/css/kns.css from Bootstrap's Sass (needs node; the built file is committed, nothing else needs node)
	cd frontend && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) var staticfiles

.PHONY: mutation
MUTATION_CHILDREN ?= 1
mutation: install messages  ## mutmut over five services (docs/testing.md, "Mutation testing"); slow, so not in CI
	@mkdir -p var
	DATABASE_URL=sqlite:///$(CURDIR)/var/mutation.sqlite3 $(BIN)/mutmut run --max-children $(MUTATION_CHILDREN) $(MUTANTS)
	$(BIN)/python scripts/mutation_report.py

# The production shape on this machine (docs/deployment.md, "A cluster on one machine"): nginx in front of
# two gunicorn app servers, two Celery workers and beat, PostgreSQL kns_cluster, Redis database 11.
# SIZE=L (seed_scale), DURATION=10m and USERS=200 (cluster-load) can be changed on the command line.
.PHONY: cluster cluster-stop cluster-load
cluster: install messages
	@scripts/cluster.sh start

cluster-stop:
	@scripts/cluster.sh stop

cluster-load: cluster
	@scripts/cluster.sh load
