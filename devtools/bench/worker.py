"""A day's reminders and digests in a fresh process, as a Celery worker runs them; prints the
result as one line of JSON (see devtools.bench.jobs.day_of_jobs)."""

import json
import os

import django

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    django.setup()
    from devtools.bench.jobs import day_of_jobs

    print(json.dumps(day_of_jobs(), default=str))
