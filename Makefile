# Two commands for a newcomer:  make run   (set up + demo + serve)   and   make test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: run setup install install-test lint catalogues migrate demo test test-audit test-search-es test-fast browser-deps messages bench lock check-deploy clean

# Absolute links (e-mails, .ics, feeds, JSON-LD, API) name the address served here;
# the demo loader and configure_site write it into the Wagtail Site.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup ## Set up everything and serve the demo site on http://$(HOST):$(PORT)/
	$(PY) manage.py configure_site
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: install catalogues migrate demo ## Everything but serving

# Production packages (requirements.lock) for run/setup; test and lint tools on top of them
# (requirements-test.lock) for test/lint. Production never installs Playwright or Hypothesis.
$(VENV)/.installed: requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PY) -m pip install --quiet -r requirements-test.lock
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

catalogues: install
	$(PY) manage.py compile_catalogues

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Browser tests use Debian's chromium (no browser downloads work here).
browser-deps:
	@if [ -z "$$NO_BROWSER" ] && ! command -v chromium >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "WARNING: could not install chromium (run 'make browser-deps' as root); browser tests will be skipped"; \
	fi
	@command -v chromium >/dev/null && chromium --version 2>/dev/null || true

test: install-test catalogues browser-deps ## Set up and run the whole suite (DATABASE_URL picks the database)
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-audit

# A fresh Fernet key for each command that needs one (production refuses to start without
# REGISTRATION_ENCRYPTION_KEY); never a committed key.
NEW_FERNET_KEY = $$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')

# The outside audit's scenarios on the production settings module (tests/audit/conftest.py):
# Redis as the cache (AUDIT_CACHE_URL), a real collectstatic, the production role set-up.
AUDIT_CACHE_URL ?= redis://127.0.0.1:6379/15
AUDIT_ENV = DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY=audit-only-$$PPID-not-a-real-secret-0123456789abcdefghijklmnopqrstuvwxyz \
	REGISTRATION_ENCRYPTION_KEY=$(NEW_FERNET_KEY) \
	ALLOWED_HOSTS=testserver,localhost,127.0.0.1 CACHE_URL=$(AUDIT_CACHE_URL) CACHE_KEY_PREFIX=audit-$$PPID \
	STATIC_ROOT=$(CURDIR)/.audit-static MEDIA_ROOT=$(CURDIR)/.test-media EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
test-audit: install-test catalogues ## The audit scenarios against portal.settings.production
	$(AUDIT_ENV) $(PY) manage.py collectstatic --noinput --verbosity 0
	$(AUDIT_ENV) $(PY) -m pytest tests/audit $(or $(AUDIT_ARGS),-n 2)

# The search suite against the elasticsearch8 backend (elasticsearch client, osmem-server);
# `make test` runs these too (marker "elasticsearch"), this runs only them.
test-search-es: install-test catalogues ## Search tests on the Elasticsearch backend
	NO_BROWSER=1 DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest tests/search -m elasticsearch $(or $(PYTEST_ARGS),-n 0)

test-fast: install-test catalogues ## The suite without browser tests
	NO_BROWSER=1 DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -n 2 --dist loadgroup -m "not browser" $(PYTEST_ARGS)

messages: install ## Extract UI strings into locale/ (fi, sv, en) and refresh the English identity catalogue
	$(PY) manage.py makemessages -l fi -l sv -l en --no-location --no-wrap --no-obsolete --ignore=.venv --ignore=bench --ignore=tests
	$(PY) -m portal.i18n_tools fill-en
	$(PY) -m portal.i18n_tools report || true

bench: setup ## Benchmarks (see bench/README.md); BENCH_ARGS="--sizes 100,1000"
	$(PY) -m bench.run $(BENCH_ARGS)

lock: ## Regenerate requirements.lock (production) and requirements-test.lock from pyproject.toml
	rm -rf /tmp/lockvenv && $(PYTHON) -m venv /tmp/lockvenv && /tmp/lockvenv/bin/pip install --quiet --upgrade pip
	$(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	    open("/tmp/lock-prod.txt", "w").write("\n".join(p["dependencies"])); \
	    open("/tmp/lock-test.txt", "w").write("\n".join(p["optional-dependencies"]["test"]))'
	/tmp/lockvenv/bin/pip install --quiet -r /tmp/lock-prod.txt
	(echo "# Production: exact versions of every package (direct and transitive). Regenerate with \`make lock\`."; \
	    /tmp/lockvenv/bin/pip freeze) > requirements.lock
	/tmp/lockvenv/bin/pip install --quiet -r /tmp/lock-test.txt
	(echo "# Tests and lint: requirements.lock plus these (installed on top of it). Regenerate with \`make lock\`."; \
	    /tmp/lockvenv/bin/pip freeze | grep -vxFf requirements.lock) > requirements-test.lock

lint: install-test ## ruff (check + format), import-linter layers, migrations in step with the models
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run --verbosity 0

# Production uses a shared Redis cache (rate limits count there); nothing connects to it here.
check-deploy: install
	SECRET_KEY=check-only-$$RANDOM$$RANDOM$$RANDOM$$RANDOM-not-a-real-secret-value ALLOWED_HOSTS=example.fi \
	REGISTRATION_ENCRYPTION_KEY=$(NEW_FERNET_KEY) \
	CACHE_URL=$(or $(CACHE_URL),redis://127.0.0.1:6379/0) \
	DJANGO_SETTINGS_MODULE=portal.settings.production $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3* staticfiles .test-media .audit-static
