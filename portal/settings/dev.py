"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403

# seed_scale and the bench (devtools/): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools.apps.DevtoolsConfig"]  # noqa: F405

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-kompetanseportalen"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Static files come straight from the app folders and static/ (no collectstatic here).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The contact form's shared secret for local tries: curl -H "Authorization: Bearer …".
CONTACT_FORM_TOKEN = CONTACT_FORM_TOKEN or "dev-contact-form-token"  # noqa: F405
