"""The test suite: the real PostgreSQL, fast hashing, tasks run in-process."""

import os

from .base import *  # noqa: F403

# seed_scale and the bench (devtools/): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools.apps.DevtoolsConfig"]  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Each test connects afresh; keep that cheap.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Static files come straight from the app folders and static/ (no collectstatic here).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Parallel suites on one server (e.g. several developers' checkouts) each use their own.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("TEST_DB_NAME", "test_portal")
}

# The contact form's shared secret (employers/api.py); the JWT path has its own tests.
CONTACT_FORM_TOKEN = "test-contact-form-token"
