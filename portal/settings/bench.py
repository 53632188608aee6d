"""`make bench` and `make bench-load`: production-like, but runnable on a developer's machine.

Like production: DEBUG off, cached templates, persistent connections, Redis as the cache (so
rate limits cost what they cost in production). Unlike production: a default secret key, the
loopback hosts and the test client's host, no HTTPS redirect or secure cookies, static files
served by WhiteNoise straight from the finders (no collectstatic step), and mail rendered in
full but thrown away, so one day's digests for 19,000 people neither print nor pile up.
"""

import os

from .base import *  # noqa: F403

# seed_scale and the bench (devtools/): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools.apps.DevtoolsConfig"]  # noqa: F405

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-only-not-secret-kompetanseportalen"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "devtools.bench.urls"

# Django caches templates whenever DEBUG is off; said explicitly, since it is what we measure.
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    (
        "django.template.loaders.cached.Loader",
        [
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    )
]

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,  # noqa: F405
        # Apart from the development server's keys in the same Redis.
        "KEY_PREFIX": "bench",
        "OPTIONS": {"socket_timeout": 0.5, "socket_connect_timeout": 0.5},
    }
}

MAILERS = {"default": {"BACKEND": "devtools.bench.mail.RenderAndDiscardBackend"}}

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

# django-axes logs every sign-in and sign-out at INFO; the bench signs in and out five times.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # noqa: F405
