#!/usr/bin/env bash
# make backup / make restore FILE=...: pg_dump and pg_restore of the database in DATABASE_URL
# (the local cluster unless set). Backups go to backups/ (ignored by git) in PostgreSQL's
# custom format, which pg_restore can restore table by table.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
PG_DUMP="${PG_BIN}/pg_dump"
PG_RESTORE="${PG_BIN}/pg_restore"

case "${1:-}" in
  backup)
    mkdir -p backups
    file="${2:-backups/portal-$(date +%Y%m%d-%H%M%S).dump}"
    "$PG_DUMP" --format=custom --no-owner --no-privileges --file="$file" "$DATABASE_URL"
    say "Sikkerhetskopi: $file"
    ;;
  restore)
    file="${2:?bruk: make restore FILE=backups/<fil>.dump}"
    [ -f "$file" ] || { echo "Fant ikke $file" >&2; exit 1; }
    # Extensions belong to whoever created them (postgres here, the platform on managed
    # PostgreSQL), so --clean could not drop them and the restore failed. They are left out
    # of the restore and only created when missing, as the first migration does; pg_trgm and
    # unaccent are trusted extensions, which a database's owner may create.
    toc="$(mktemp)"
    trap 'rm -f "$toc"' EXIT
    "$PG_RESTORE" --list "$file" | grep -Ev '^[0-9]+; [0-9]+ [0-9]+ (COMMENT - )?EXTENSION ' >"$toc"
    for extension in $("$PG_RESTORE" --list "$file" |
      sed -nE 's/^[0-9]+; [0-9]+ [0-9]+ EXTENSION - ([A-Za-z0-9_]+) .*/\1/p'); do
      PGOPTIONS="-c client_min_messages=warning" \
        "$PG_BIN/psql" --quiet --no-psqlrc -v ON_ERROR_STOP=1 --dbname="$DATABASE_URL" \
        -c "CREATE EXTENSION IF NOT EXISTS \"$extension\""
    done
    "$PG_RESTORE" --clean --if-exists --no-owner --no-privileges --single-transaction \
      --use-list="$toc" --dbname="$DATABASE_URL" "$file"
    say "Gjenopprettet fra $file"
    ;;
  *) echo "bruk: $0 backup [fil] | restore fil" >&2; exit 2 ;;
esac
