#!/usr/bin/env bash
# make lock: pin every Python package, with hashes, from pyproject.toml's ranges.
# requirements/base.lock is what production installs; requirements/dev.lock adds the tools
# for tests and benchmarks. pip-tools runs from a throwaway venv so it is not a dependency.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
tools="$LOCAL/piptools"
[ -x "$tools/bin/pip-compile" ] || {
  "$("$ROOT/scripts/find-python.sh")" -m venv "$tools"
  "$tools/bin/pip" install -q --disable-pip-version-check "pip-tools==7.6.2"
}
compile() {
  # Hashes from PyPI alone: local wheel folders in a machine's pip.conf must not leak in.
  PIP_CONFIG_FILE=/dev/null "$tools/bin/pip-compile" -q --generate-hashes --allow-unsafe \
    --strip-extras --no-header --upgrade "$@" pyproject.toml
}
compile --output-file requirements/base.lock
compile --extra dev --extra bench --output-file requirements/dev.lock
