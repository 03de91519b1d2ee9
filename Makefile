# Samskab: `make run` serves the demo, `make test` runs every test. See README.md.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Debian packages the tests need: the browser, fonts, PDF libraries, gettext for translations.
APT_RUN_PACKAGES := fonts-inter libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2
# xmlsec1: the program pysaml2 (the SSO tests' SAML identity provider) signs and encrypts with.
APT_TEST_PACKAGES := chromium $(APT_RUN_PACKAGES) poppler-utils gettext xmlsec1
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/samskab_ci

# Tests and type checks run with DEBUG off, like production; they need some key.
lint test test-sqlite test-postgres bench fuzz: export SECRET_KEY = insecure-key-for-tests-only

.PHONY: run test install install-test system-deps run-deps messages compile-messages lint format typecheck \
        test-sqlite test-postgres bench openapi fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

install: $(VENV)/.installed-base run-deps compile-messages

install-test: $(VENV)/.installed-test system-deps node_modules/.installed compile-messages

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Installs missing Debian packages when run as root (CI, fresh machines); otherwise says what is
# missing: the tests fail without them, the app runs but cannot make playbook PDFs and Word files.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "Missing Debian packages (install them as root): $$missing"; $(2); fi; \
	fi
endef

system-deps:
	$(call apt_install,$(APT_TEST_PACKAGES),exit 1)

run-deps:
	$(call apt_install,$(APT_RUN_PACKAGES),echo "Playbook PDFs and Word files need them.")

# Compile every .po (the site's under locale/, each app's under samskab/<app>/locale/) to .mo;
# msgfmt --check also validates placeholders.
compile-messages:
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	@for po in locale/*/LC_MESSAGES/*.po samskab/*/locale/*/LC_MESSAGES/*.po; do \
	  [ -f "$$po" ] || continue; msgfmt --check -o "$${po%.po}.mo" "$$po" || exit 1; done

# Re-extract translatable strings (then translate the new da entries). Each app with its own
# locale/ folder keeps its own catalogue; the rest (layout, lib, settings) goes to locale/.
APP_LOCALE_DIRS := $(patsubst %/locale,%,$(wildcard samskab/*/locale))
MAKEMESSAGES := makemessages --locale da --locale en --no-obsolete --no-location
messages: | $(BIN)/python
	@for app in $(APP_LOCALE_DIRS); do \
	  (cd $$app && DEBUG=True $(abspath $(BIN))/python $(abspath manage.py) $(MAKEMESSAGES)) || exit 1; done
	DEBUG=True $(MANAGE) $(MAKEMESSAGES) --ignore '.venv/*' --ignore 'node_modules/*' \
	  --ignore 'bench/*' --ignore 'var/*' $(foreach app,$(APP_LOCALE_DIRS),--ignore '$(app)/*')

run: install
	mkdir -p var
	DEBUG=True $(MANAGE) migrate --noinput
	DEBUG=True $(MANAGE) load_demo
	@echo "Starting the background worker and the web server on http://127.0.0.1:8000 (Ctrl-C stops both)"
	DEBUG=True $(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=True $(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy samskab

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The suite runs on SQLite always, and on PostgreSQL when one answers on 127.0.0.1:5432.
# With CI=true a missing PostgreSQL is a failure, not a skip.
test: install-test lint
	$(MAKE) --no-print-directory test-sqlite
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  $(MAKE) --no-print-directory test-postgres; \
	elif [ "$$CI" = "true" ]; then \
	  echo "CI=true but PostgreSQL is not reachable on 127.0.0.1:5432: failing."; exit 1; \
	else echo "PostgreSQL is not reachable on 127.0.0.1:5432: ran the tests on SQLite only."; fi

test-sqlite:
	@echo "== Tests on SQLite =="
	$(BIN)/pytest

test-postgres:
	@echo "== Tests on PostgreSQL ($(POSTGRES_URL)) =="
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -m "not browser"

# Every test marked `fuzz` (schemathesis against the API, hypothesis against the public form and
# the import parsers) with FUZZ_EXAMPLES examples each: at least FUZZ_MIN_CASES cases in all, or
# it fails. The last line is JSON: cases, server errors and schema violations (both must be 0).
# `make test` runs the same tests with a few examples each (FUZZ_EXAMPLES defaults to 30).
FUZZ_EXAMPLES ?= 800
fuzz: $(VENV)/.installed-test
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_MIN_CASES=10000 $(BIN)/pytest -p no:cacheprovider -q -m fuzz

# Regenerate the committed OpenAPI snapshot (docs/openapi.json) after changing the API.
openapi: $(VENV)/.installed-test
	DEBUG=True $(MANAGE) export_openapi_schema --api samskab.api.api.api --indent 1 --sorted --output docs/openapi.json

$(VENV)/.installed-bench: requirements/bench.txt requirements/test.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/bench.txt
	touch $@

# Benchmarks print JSON; they are not part of `make test`.
bench: $(VENV)/.installed-bench
	$(BIN)/python bench/analysis_bench.py
	$(BIN)/python bench/privacy_masking.py
	$(BIN)/python bench/explorer_bench.py
	$(BIN)/python bench/measurement_bench.py
	$(BIN)/python bench/value_page_bench.py
	$(BIN)/python bench/playbook_bench.py
	$(BIN)/python bench/capture_durability.py --db sqlite
	@if pg_isready -q -h 127.0.0.1 -p 5432; then $(BIN)/python bench/capture_durability.py --db postgres; fi

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
