#!/usr/bin/env bash
# make test: the same set-up as make run, without serving; then lint, checks and the whole suite.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
"$ROOT/scripts/install.sh"
"$ROOT/scripts/services.sh" start

say "ruff"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
say "Django-sjekker"
DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py makemigrations --check --dry-run -v 0
DJANGO_SETTINGS_MODULE=portal.settings.prod SECRET_KEY="check-deploy-only-$(date +%s%N)-not-a-real-secret-key-0123456789" \
  ALLOWED_HOSTS=kompetanse.intern.nav.no EMAIL_HOST=smtp.example.invalid \
  "$PY" manage.py check --deploy --fail-level WARNING
bash "$ROOT/scripts/audit.sh"
say "pytest"
export DJANGO_ALLOW_ASYNC_UNSAFE=true
"$VENV/bin/pytest" --create-db "$@"
# Own PostgreSQL and Redis on other ports, stopped and started under a running portal.
bash "$ROOT/scripts/test-faults.sh"
