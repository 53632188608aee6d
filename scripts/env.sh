# Shared environment for the local stack. Sourced by the scripts in this folder.
# Everything lives under .local/ (ignored by git) and listens on loopback only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
PG_PORT="${PG_PORT:-54329}"
REDIS_PORT="${REDIS_PORT:-63799}"
PG_DATA="$LOCAL/pgdata"
PG_SOCKET="$LOCAL/pgsocket"
export DATABASE_URL="${DATABASE_URL:-postgres://portal:portal@127.0.0.1:$PG_PORT/portal}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}"
# Chromium, npm and gunicorn write under $HOME; keep that inside the project.
export HOME="$LOCAL/home"
export TMPDIR="$LOCAL/tmp"
export npm_config_cache="$LOCAL/npm-cache"
mkdir -p "$HOME" "$TMPDIR"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
