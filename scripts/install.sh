#!/usr/bin/env bash
# Installs what is missing: Debian packages, the virtualenv in .venv, the npm assets.
# Each step is skipped when its result is already there, so a second run costs seconds.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)
[ -x "$PG_BIN/initdb" ] || need_apt+=(postgresql)
[ -f /usr/share/hunspell/nb_NO.dic ] || need_apt+=(hunspell-no)
command -v chromium >/dev/null || need_apt+=(chromium chromium-driver)
command -v msgfmt >/dev/null || need_apt+=(gettext)
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "Mangler ${need_apt[*]}; kjør som root eller installer dem selv." >&2; exit 1; }
  say "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

# Norwegian hunspell dictionary as a PostgreSQL text-search dictionary (see README: search).
tsearch="$("$PG_BIN/pg_config" --sharedir 2>/dev/null || echo /usr/share/postgresql/15)/tsearch_data"
if [ -f /usr/share/hunspell/nb_NO.dic ] && [ ! -f "$tsearch/nb_no.dict" ] && [ -w "$tsearch" ]; then
  say "Norsk ordbok for fulltekstsøk"
  iconv -f ISO-8859-1 -t UTF-8 /usr/share/hunspell/nb_NO.dic > "$tsearch/nb_no.dict"
  iconv -f ISO-8859-1 -t UTF-8 /usr/share/hunspell/nb_NO.aff > "$tsearch/nb_no.affix"
fi

# Every package pinned with its hashes (make lock writes the file from pyproject.toml).
if [ ! -x "$PY" ] || [ requirements/dev.lock -nt "$VENV/.installed" ]; then
  say "Python-miljø i .venv"
  [ -x "$PY" ] || "$("$ROOT/scripts/find-python.sh")" -m venv "$VENV"
  "$PY" -m pip install -q --disable-pip-version-check --require-hashes --no-deps \
    -r requirements/dev.lock
  touch "$VENV/.installed"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.installed ]; then
  say "npm-pakker"
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.installed
fi
if [ ! -f static/vendor/.built ] || [ node_modules/.installed -nt static/vendor/.built ] || [ scripts/build_assets.py -nt static/vendor/.built ]; then
  say "Designsystem og skrift til static/vendor"
  "$PY" scripts/build_assets.py
fi

if [ ! -f .local/.messages ] || [ -n "$(find . -name '*.po' -newer .local/.messages -not -path './.venv/*' -not -path './node_modules/*' 2>/dev/null | head -1)" ]; then
  say "Oversettelser"
  (cd "$ROOT" && DJANGO_SETTINGS_MODULE=portal.settings.dev "$PY" manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0)
  mkdir -p .local && touch .local/.messages
fi
