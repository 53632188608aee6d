#!/usr/bin/env bash
# make test-faults: stop and start real servers under the portal and check that nothing is lost.
# Uses its OWN PostgreSQL cluster and Redis under .local/faults/ on other loopback ports, so the
# shared servers of `make run` and the main suite are never touched. Everything it starts is
# stopped again on exit, also when a test fails or the run is interrupted.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

FAULTS="$LOCAL/faults"
FAULTS_PG_PORT="${FAULTS_PG_PORT:-54339}"
FAULTS_REDIS_PORT="${FAULTS_REDIS_PORT:-63809}"
FAULTS_PGDATA="$FAULTS/pgdata"
FAULTS_PGSOCKET="$FAULTS/pgsocket"
FAULTS_REDIS_DIR="$FAULTS/redis"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_ctl_cmd() {
  local prefix=""
  [ "$(id -u)" = 0 ] && prefix="runuser -u postgres -- "
  echo "$prefix$PG_BIN/pg_ctl -D $FAULTS_PGDATA"
}
PG_OPTIONS="-c listen_addresses=127.0.0.1 -p $FAULTS_PG_PORT -k $FAULTS_PGSOCKET -c fsync=off"
PG_START="$(pg_ctl_cmd) -l $FAULTS_PGDATA/server.log -w -t 30 start -o '$PG_OPTIONS'"
PG_STOP="$(pg_ctl_cmd) -m fast -w -t 30 stop"
REDIS_START="redis-server --bind 127.0.0.1 --port $FAULTS_REDIS_PORT --daemonize yes --save '' \
--appendonly no --dir $FAULTS_REDIS_DIR --pidfile $FAULTS_REDIS_DIR/redis.pid \
--logfile $FAULTS_REDIS_DIR/redis.log"

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$FAULTS_PGDATA" status >/dev/null 2>&1; }
redis_running() { timeout 2 redis-cli -h 127.0.0.1 -p "$FAULTS_REDIS_PORT" ping >/dev/null 2>&1; }

# What the tests started (gunicorn, workers, an import), if pytest could not stop it itself:
# each is the leader of its own process group, noted in .local/faults/pids/.
kill_leftovers() {
  local note pid
  for note in "$FAULTS/pids"/*; do
    [ -e "$note" ] || continue
    pid="$(basename "$note")"
    if grep -qz '^FAULTS_ENABLED=1$' "/proc/$pid/environ" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null
    fi
    rm -f "$note"
  done
}

teardown() {
  local status=$?
  set +e
  if [ -n "${PYTEST_PID:-}" ] && kill -0 "$PYTEST_PID" 2>/dev/null; then
    # Interrupted: let pytest run its fixtures' clean-up first, then make sure.
    kill -INT "$PYTEST_PID" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$PYTEST_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PYTEST_PID" 2>/dev/null
  fi
  kill_leftovers
  # A test may have left Redis stopped with SIGSTOP ("hung").
  [ -f "$FAULTS_REDIS_DIR/redis.pid" ] && kill -CONT "$(cat "$FAULTS_REDIS_DIR/redis.pid")" 2>/dev/null
  if redis_running; then
    timeout 5 redis-cli -h 127.0.0.1 -p "$FAULTS_REDIS_PORT" shutdown nosave >/dev/null 2>&1
  fi
  if [ -f "$FAULTS_PGDATA/PG_VERSION" ] && pg_running; then
    bash -c "$PG_STOP" >/dev/null 2>&1 || bash -c "$(pg_ctl_cmd) -m immediate stop" >/dev/null 2>&1
  fi
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# A fresh cluster each run: the tests may leave it in any state, and initdb takes seconds.
if [ -f "$FAULTS_PGDATA/PG_VERSION" ] && pg_running; then bash -c "$PG_STOP" >/dev/null; fi
rm -rf "$FAULTS"
mkdir -p "$FAULTS" "$FAULTS_REDIS_DIR"
owner=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
install -d -o "$owner" -g "$owner" -m 700 "$FAULTS_PGDATA"
install -d -o "$owner" -g "$owner" -m 755 "$FAULTS_PGSOCKET"

say "Feiltester: egen PostgreSQL på 127.0.0.1:$FAULTS_PG_PORT og Redis på 127.0.0.1:$FAULTS_REDIS_PORT"
# ICU nb-NO like the main cluster, so the portal behaves the same.
as_pg "$PG_BIN/initdb" -D "$FAULTS_PGDATA" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 --locale-provider=icu --icu-locale=nb-NO >/dev/null
bash -c "$PG_START" >/dev/null
psql_admin() {
  as_pg "$PG_BIN/psql" -h "$FAULTS_PGSOCKET" -p "$FAULTS_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"
}
psql_admin -c "create role portal login createdb password 'portal'"
psql_admin -c "create database portal owner portal"
psql_admin -d portal -c "create extension if not exists pg_trgm; create extension if not exists unaccent"
bash -c "$REDIS_START"
for _ in $(seq 50); do redis_running && break; sleep 0.1; done
redis_running || { echo "Redis startet ikke på $FAULTS_REDIS_PORT" >&2; exit 1; }

export DATABASE_URL="postgres://portal:portal@127.0.0.1:$FAULTS_PG_PORT/portal"
export REDIS_URL="redis://127.0.0.1:$FAULTS_REDIS_PORT/0"
export DJANGO_SETTINGS_MODULE=tests.faults.settings
export DJANGO_ALLOW_ASYNC_UNSAFE=true
# A killed worker's task comes back after this many seconds (production: an hour).
export CELERY_VISIBILITY_TIMEOUT=5
export FAULTS_ENABLED=1 FAULTS_PG_START="$PG_START" FAULTS_PG_STOP="$PG_STOP"
export FAULTS_REDIS_START="$REDIS_START" FAULTS_REDIS_PORT FAULTS_PGDATA FAULTS_DIR="$FAULTS"

say "Migrerer feiltest-databasen"
"$PY" manage.py migrate --no-input -v 0

say "pytest tests/faults"
# In the background, so that an interrupt reaches the trap at once (bash runs traps only
# between commands, and would otherwise wait for pytest to finish).
"$VENV/bin/pytest" tests/faults -p no:cacheprovider -p no:randomly -v "$@" &
PYTEST_PID=$!
wait "$PYTEST_PID"
