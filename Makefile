# The few commands people type. Everything installs into .venv on first use.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: run test bench worker beat serve lint format install clean system-packages

$(BIN)/python:
	@echo "Creating .venv with $(PY)…"
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Sourcewise needs Python 3.11; set PY=/path/to/python3.11")'
	$(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): requirements.txt | $(BIN)/python
	@echo "Installing dependencies into .venv (the first time takes a minute)…"
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	@echo "Installing dependencies and test tools into .venv (the first time takes a minute)…"
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

# What the PDF reports need from Debian: Pango (WeasyPrint lays text out with it), Chromium
# (kaleido draws the charts with it) and poppler-utils (tests read the PDFs with pdftotext).
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 chromium poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

## make system-packages: install the Debian packages above that are missing
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing from Debian:" $$missing; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## make run: install, migrate, load the demo data and serve on http://127.0.0.1:8000
run: $(RUN_STAMP) system-packages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "\nOpen http://127.0.0.1:8000 and sign in with a demo login above.\n"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## make serve: production mode under gunicorn (set DEBUG=False, SECRET_KEY, ALLOWED_HOSTS…)
serve: $(RUN_STAMP) system-packages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn -c gunicorn.conf.py

## make test: lint, check migrations and run the whole suite
test: $(DEV_STAMP) system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/long_functions.py
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

## make bench: print the speed figures of the engine, imports and lists
bench: $(DEV_STAMP) system-packages
	@for script in bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

## make worker: a Celery worker (needs REDIS_URL); run as many as you like
worker: $(RUN_STAMP) system-packages
	$(BIN)/celery -A outsourcing worker --loglevel INFO

## make beat: the scheduler (CELERY_BEAT_SCHEDULE: job sweep, file clean-up, contract
## reminders); run exactly one, beside the workers
beat: $(RUN_STAMP)
	$(BIN)/celery -A outsourcing beat --loglevel INFO

format: $(DEV_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
