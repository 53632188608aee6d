#!/usr/bin/env bash
# make messages: refresh the bokmål catalogues. The portal and the shared templates have
# locale/; each app keeps its own strings in <app>/locale/.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
export DJANGO_SETTINGS_MODULE=portal.settings.dev
"$PY" manage.py makemessages -l nb --no-obsolete -i .venv -i node_modules -i .local -i static \
  -i tests -i devtools -i learning -i marketinfo -i employers
for app in learning marketinfo employers; do
  (cd "$app" && "$PY" ../manage.py makemessages -l nb --no-obsolete)
done
"$PY" manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0
