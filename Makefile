# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
.PHONY: run test stop lint format messages backup restore

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

stop:
	@bash scripts/services.sh stop

backup:  ## pg_dump of DATABASE_URL (or the local database) into backups/
	@bash scripts/backup.sh backup $(FILE)

restore:  ## make restore FILE=backups/portal-....dump
	@bash scripts/backup.sh restore $(FILE)

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

messages:  ## update the bokmål catalogues: site-wide in locale/, each app in <app>/locale/
	.venv/bin/python manage.py makemessages -l nb --no-obsolete -i .venv -i node_modules -i .local -i static
