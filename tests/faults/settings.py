"""Settings of the fault tests (scripts/test-faults.sh): production's, on plain loopback HTTP.

The web server and the Celery workers run with these against the faults cluster and Redis, so
that what a user would see (the 503 page, the Redis cache and broker with their timeouts) is
what production does. Only what plain HTTP on 127.0.0.1 and a test run need is changed.
"""

import os

os.environ.setdefault("SECRET_KEY", "faults-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")

from portal.settings.prod import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# No TLS in front of the test server: secure-only cookies would never come back over HTTP.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Fixture users get their password hashed in the test process: a cheap hasher for both sides.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No collectstatic for a test run.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# Mail goes to the test's own SMTP server, which can hold a worker in the middle of a task.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "127.0.0.1",
            "port": int(os.environ.get("FAULTS_SMTP_PORT", "1")),
            "timeout": 60,
        },
    }
}
# A killed worker's task is looked for every second, not every 100 (see kombu's redis
# transport: unacked_restore_interval × unacked_restore_throttle).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
