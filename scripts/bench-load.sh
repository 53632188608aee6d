#!/usr/bin/env bash
# make bench-load: the load test of issue #7. gunicorn with the production-like bench settings
# (sync workers, persistent database connections) on 127.0.0.1, locust headless from a second
# process: sign-in, warm-up, LOAD_RATE requests/s for LOAD_DURATION, then steps of
# LOAD_STEP_SECONDS at rising rates to find the highest rate held with p95 under 300 ms.
# Writes devtools/bench/load-results.json and devtools/bench/LOAD.md; raw locust files in
# .local/load/.
# Loopback only, and bounded: locust is stopped (SIGINT) after the sign-in timeout + warm-up +
# duration + step budget + 60 s, whatever happens.
#
# Overrides for a quick trial: LOAD_RATE (100), LOAD_DURATION (300s), LOAD_STEP_SECONDS (30s),
# LOAD_STEP_BUDGET (240s; 0 skips the steps), LOAD_USERS (120), LOAD_WORKERS (3),
# BENCH_DB (portal_scale; see scripts/bench-data.sh), LOAD_SETTINGS (portal.settings.bench).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

seconds() {  # 300, 30s, 5m -> seconds
  local value="$1"
  case "$value" in
    *m) echo $(( ${value%m} * 60 )) ;;
    *s) echo "${value%s}" ;;
    *) echo "$value" ;;
  esac
}

export LOAD_RATE="${LOAD_RATE:-100}"
export LOAD_DURATION="$(seconds "${LOAD_DURATION:-300}")"
export LOAD_WARMUP="$(seconds "${LOAD_WARMUP:-20}")"
export LOAD_STEP_SECONDS="$(seconds "${LOAD_STEP_SECONDS:-30}")"
export LOAD_STEP_BUDGET="$(seconds "${LOAD_STEP_BUDGET:-240}")"
export LOAD_USERS="${LOAD_USERS:-120}"
export LOAD_LOGIN_TIMEOUT="$(seconds "${LOAD_LOGIN_TIMEOUT:-240}")"
export LOAD_WORKERS="${LOAD_WORKERS:-3}"
WORKERS="$LOAD_WORKERS"
SETTINGS="${LOAD_SETTINGS:-portal.settings.bench}"
OUT="$LOCAL/load"
mkdir -p "$OUT"
rm -f "$OUT/phases.json" "$OUT"/locust_*.csv

# --- the data set ---------------------------------------------------------------------------
if [[ -f "$ROOT/scripts/bench-data.sh" ]]; then
  # Builds BENCH_DB (default portal_scale) when it is missing, and exports DATABASE_URL.
  source "$ROOT/scripts/bench-data.sh"
elif [[ -n "${BENCH_DB:-}" ]]; then
  export DATABASE_URL="postgres://portal:portal@127.0.0.1:$PG_PORT/$BENCH_DB"
else
  echo "scripts/bench-data.sh is missing: set BENCH_DB to a database built by seed_scale." >&2
  exit 1
fi
if [[ ! -x "$VENV/bin/locust" ]]; then
  echo "locust is missing from .venv: scripts/install.sh installs it (the bench extra)." >&2
  exit 1
fi
export DJANGO_SETTINGS_MODULE="$SETTINGS"

say "Katalog over personer og sider"
"$PY" -m devtools.bench.load catalogue "$OUT/catalogue.json"

# --- gunicorn on a free loopback port -------------------------------------------------------
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PIDFILE="$OUT/gunicorn.pid"
rm -f "$PIDFILE"
"$VENV/bin/gunicorn" portal.wsgi --config python:portal.gunicorn_conf \
  --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class sync \
  --pid "$PIDFILE" --no-control-socket --worker-tmp-dir /dev/shm \
  --timeout 60 --graceful-timeout 10 \
  --error-logfile "$OUT/gunicorn.log" --capture-output --log-level warning &
GUNICORN=$!
stop_gunicorn() {
  trap - EXIT INT TERM
  if kill -0 "$GUNICORN" 2>/dev/null; then
    kill -TERM "$GUNICORN" 2>/dev/null || true
    wait "$GUNICORN" 2>/dev/null || true
  fi
}
trap stop_gunicorn EXIT
trap 'stop_gunicorn; exit 130' INT TERM

for _ in $(seq 1 60); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/internal/isalive" && break
  kill -0 "$GUNICORN" 2>/dev/null || { echo "gunicorn stoppet, se $OUT/gunicorn.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/internal/isalive" \
  || { echo "gunicorn svarer ikke på 127.0.0.1:$PORT" >&2; exit 1; }
MASTER="$(cat "$PIDFILE" 2>/dev/null || echo "$GUNICORN")"

# --- locust ---------------------------------------------------------------------------------
BOUND=$(( LOAD_LOGIN_TIMEOUT + LOAD_WARMUP + LOAD_DURATION + LOAD_STEP_BUDGET + 60 ))
say "Last: $LOAD_USERS brukere, $LOAD_RATE req/s i ${LOAD_DURATION}s, så trinn (høyst ${BOUND}s)"
cat > "$OUT/settings.json" <<JSON
{"workers": $WORKERS, "settings_module": "$SETTINGS", "database": "${DATABASE_URL##*/}",
 "rate": $LOAD_RATE, "duration_s": $LOAD_DURATION, "warmup_s": $LOAD_WARMUP,
 "step_seconds": $LOAD_STEP_SECONDS, "step_budget_s": $LOAD_STEP_BUDGET, "port": $PORT}
JSON
LOAD_CATALOGUE="$OUT/catalogue.json" LOAD_RESULTS="$OUT/phases.json" LOAD_GUNICORN_PID="$MASTER" \
  timeout --signal=INT --kill-after=20 "$BOUND" \
  "$VENV/bin/locust" -f devtools/bench/locustfile.py --headless --host "http://127.0.0.1:$PORT" \
    --csv "$OUT/locust" --only-summary --loglevel WARNING --logfile "$OUT/locust.log" \
    --exit-code-on-error 0 --stop-timeout 5 \
  || echo "locust sluttet med feil ($?), se $OUT/locust.log" >&2

# Memory is read while gunicorn still runs, right after the load.
"$PY" -m devtools.bench.load report --phases "$OUT/phases.json" --gunicorn-pid "$MASTER" \
  --settings "$OUT/settings.json"
