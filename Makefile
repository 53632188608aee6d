# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing.
.PHONY: run test stop lint format messages backup restore lock audit test-faults bench bench-load

run:
	@bash scripts/run.sh

test:  ## lint, checks, the suite (with the browser tests), the fault tests and the audit
	@bash scripts/test.sh

stop:
	@bash scripts/services.sh stop

test-faults:  ## Redis and PostgreSQL stopped under a running portal (own servers, other ports)
	@bash scripts/test-faults.sh

bench:  ## the national data set (built once) and every page timed: devtools/bench/RESULTS.md
	@bash scripts/bench.sh

bench-load:  ## gunicorn under locust on loopback: devtools/bench/LOAD.md
	@bash scripts/bench-load.sh

audit:  ## known vulnerabilities in the locked Python and npm packages
	@bash scripts/audit.sh

lock:  ## re-pin requirements/*.lock (with hashes) from pyproject.toml
	@bash scripts/lock.sh

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
	@bash scripts/messages.sh
