#!/usr/bin/env bash
# The national data set for `make bench`, in its own database on the local PostgreSQL. Built
# once (manage.py seed_scale) and reused; exports DATABASE_URL for what follows when sourced.
#   BENCH_DB      the database (default portal_scale)
#   SCALE_FACTOR  the size when it has to be built (default 1.0 = all of NAV)
#   BENCH_SKIP_SETUP=1  skip install.sh and services.sh when the stack is known to be up
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
BENCH_DB="${BENCH_DB:-portal_scale}"
SCALE_FACTOR="${SCALE_FACTOR:-1.0}"
export BENCH_DB SCALE_FACTOR

if [ -z "${BENCH_SKIP_SETUP:-}" ]; then
  "$ROOT/scripts/install.sh"
  "$ROOT/scripts/services.sh" start
fi

bench_psql() {
  PGPASSWORD=portal "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U portal -v ON_ERROR_STOP=1 -qtA "$@"
}
if [ "$(bench_psql -d portal -c "select 1 from pg_database where datname = '$BENCH_DB'")" != 1 ]; then
  say "Ny database $BENCH_DB"
  bench_psql -d portal -c "create database \"$BENCH_DB\""
fi
export DATABASE_URL="postgres://portal:portal@127.0.0.1:$PG_PORT/$BENCH_DB"
export DJANGO_SETTINGS_MODULE=portal.settings.bench

"$PY" manage.py migrate --no-input -v 0
users="$(bench_psql -d "$BENCH_DB" -c "select count(*) from portal_user")"
if [ "$users" = 0 ]; then
  say "Bygger datasettet i $BENCH_DB (faktor $SCALE_FACTOR); det gjøres én gang"
  started=$(date +%s)
  "$PY" manage.py seed_scale --force --factor "$SCALE_FACTOR"
  say "Datasettet er bygd på $(( $(date +%s) - started )) s"
else
  say "Datasettet i $BENCH_DB finnes ($users brukere); bygges ikke på nytt"
fi

# The whole register through the real import (issue #15), once: employer search and pages
# are then measured at register size. Time and memory go to devtools/bench/RESULTS.md.
imported="$(bench_psql -d "$BENCH_DB" -c "select count(*) from employers_employer where register_updated_at is not null")"
if [ "$imported" = 0 ] && [ -z "${BENCH_SKIP_REGISTER:-}" ]; then
  say "Importerer hele Enhetsregisteret (generert fil i publisert format) i $BENCH_DB"
  "$PY" -m devtools.bench.register_import
fi

# As autovacuum keeps a production database: earlier runs (the import job is rolled back, the
# pages write visits and sessions) leave dead row versions that a restarted PostgreSQL may not
# have got round to, and index scans over them measure the leftovers instead of the portal.
say "VACUUM (ANALYZE) på $BENCH_DB"
bench_psql -d "$BENCH_DB" -c "SET client_min_messages TO error" -c "VACUUM (ANALYZE)"
