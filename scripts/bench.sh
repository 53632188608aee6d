#!/usr/bin/env bash
# make bench: the national data set (built once, see bench-data.sh), then every page, partial
# and job timed in-process; writes devtools/bench/results.json and devtools/bench/RESULTS.md.
# Arguments go to devtools.bench.run (e.g. --requests 20). Exits non-zero only when a page
# fails, not on a missed budget.
source "$(dirname "${BASH_SOURCE[0]}")/bench-data.sh"
say "Måler sider, søk og jobber i $BENCH_DB"
"$PY" -m devtools.bench.run "$@"
