#!/usr/bin/env bash
# make run: set up, then serve on 127.0.0.1:$PORT with a Celery worker and beat. Ctrl-C stops all.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
export DJANGO_SETTINGS_MODULE=portal.settings.dev
PORT="${PORT:-8000}"

"$ROOT/scripts/install.sh"
"$ROOT/scripts/services.sh" start
say "Migrerer og laster demodata"
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py seed_demo

pids=()
cleanup() {
  trap - INT TERM EXIT
  say "Stopper webserver og Celery"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

mkdir -p "$LOCAL/celery"
"$VENV/bin/celery" -A portal worker --beat --loglevel=INFO --concurrency=2 \
  --schedule="$LOCAL/celery/beat-schedule" --logfile="$LOCAL/celery/worker.log" &
pids+=($!)
say "Kompetanseportalen: http://127.0.0.1:$PORT  (Ctrl-C stopper)"
"$PY" manage.py runserver "127.0.0.1:$PORT" &
pids+=($!)
wait -n "${pids[@]}"
