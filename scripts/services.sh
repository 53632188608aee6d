#!/usr/bin/env bash
# Starts (or stops) the local PostgreSQL cluster and Redis under .local/, on loopback only.
# PostgreSQL refuses to run as root, so its cluster belongs to the postgres system user.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
mkdir -p "$LOCAL"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
redis_running() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; }

start() {
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "Ny PostgreSQL-klynge i .local/pgdata"
    owner=$([ "$(id -u)" = 0 ] && echo postgres || id -un)
    install -d -o "$owner" -g "$owner" -m 700 "$PG_DATA"
    install -d -o "$owner" -g "$owner" -m 755 "$PG_SOCKET"
    # ICU nb-NO so that Æ, Ø and Å sort the Norwegian way.
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 --locale-provider=icu --icu-locale=nb-NO >/dev/null
  fi
  if ! pg_running; then
    say "Starter PostgreSQL på 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCKET -c fsync=off -c max_connections=200" >/dev/null
  fi
  psql_admin() { as_pg "$PG_BIN/psql" -h "$PG_SOCKET" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [ "$(psql_admin -c "select 1 from pg_roles where rolname='portal'")" != 1 ]; then
    psql_admin -c "create role portal login createdb password 'portal'"
  fi
  if [ "$(psql_admin -c "select 1 from pg_database where datname='portal'")" != 1 ]; then
    psql_admin -c "create database portal owner portal"
  fi
  # Extensions need a superuser; template1 gives them to the test databases too.
  for db in portal template1; do
    psql_admin -d "$db" -c "create extension if not exists pg_trgm; create extension if not exists unaccent"
  done
  if ! redis_running; then
    say "Starter Redis på 127.0.0.1:$REDIS_PORT"
    mkdir -p "$LOCAL/redis"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save "" --appendonly no \
      --dir "$LOCAL/redis" --pidfile "$LOCAL/redis/redis.pid" --logfile "$LOCAL/redis/redis.log"
    for _ in $(seq 50); do redis_running && break; sleep 0.1; done
  fi
}

stop() {
  if [ -f "$PG_DATA/PG_VERSION" ] && pg_running; then
    say "Stopper PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
  if redis_running; then
    say "Stopper Redis"
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "bruk: $0 start|stop" >&2; exit 2 ;;
esac
