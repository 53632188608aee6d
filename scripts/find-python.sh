#!/usr/bin/env bash
# Prints the path of a Python >= 3.12: from PATH first, else from pyenv; stops with a message.
for candidate in python3.13 python3.12; do
  for found in $(command -v "$candidate" 2>/dev/null) \
      $(command -v pyenv >/dev/null && for v in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.1[2-9]' | sort -rV); do PYENV_VERSION=$v pyenv which "$candidate" 2>/dev/null; done); do
    if "$found" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      echo "$found"; exit 0
    fi
  done
done
echo "Fant ikke Python 3.12 eller nyere (Django 6.1 krever det). Installer python3.12 og prøv igjen." >&2
exit 1
