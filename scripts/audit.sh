#!/usr/bin/env bash
# Known vulnerabilities in the locked Python packages and the npm packages (make audit; run by
# make test). Fails on any finding; see scripts/audit.py for what the registries let us check.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
mkdir -p "$LOCAL/audit"
say "pip-audit og npm audit"
"$VENV/bin/pip-audit" --requirement requirements/dev.lock --require-hashes --disable-pip \
  --no-deps --progress-spinner off --format json --output "$LOCAL/audit/pip.json" 2>/dev/null \
  || { echo "pip-audit fant sårbarheter:"; cat "$LOCAL/audit/pip.json"; exit 1; }
npm audit --json --package-lock-only > "$LOCAL/audit/npm.json" 2>/dev/null || true
"$PY" scripts/audit.py "$LOCAL/audit/pip.json" requirements/dev.lock "$LOCAL/audit/npm.json"
