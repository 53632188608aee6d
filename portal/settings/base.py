"""Settings shared by every environment. Configuration comes from environment variables."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "employers",
    "marketinfo",
    "learning",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "axes",
    "mozilla_django_oidc",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.UserLanguageMiddleware",
    "portal.middleware.RefuseControlCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "portal.slugs.SlugRedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
FORM_RENDERER = "portal.forms.NavFormRenderer"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://portal:portal@127.0.0.1:54329/portal"),
        # Persistent connections: each new connection also loads the Norwegian dictionary.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# No JIT compilation: on the national data set the planner's estimates for ordinary page
# queries cross jit_above_cost, and compiling then costs more than the query (a 60-person
# matrix went from 80 to 45 ms, a dashboard from 66 to 52 ms without it; devtools/bench/RESULTS.md).
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "portal.backends.PortalModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:login"

# Sessions live in the database: any web process can serve any request, and a Redis outage
# logs nobody out.
SESSION_ENGINE = "portal.sessions"
# A session ends after a working day without activity, and at the latest after 12 hours.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(60 * 60 * 8)))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(60 * 60 * 12)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
LOGIN_URL_PATH = "/konto/logg-inn/"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed logins (django-axes), per username.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# The lockout page says when to try again, in words and as Retry-After.
AXES_LOCKOUT_CALLABLE = "portal.ratelimit.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Locking by IP address as well would lock out a whole office behind one NAT address after
# one person's typos; failed logins per address are rate-limited instead (portal.ratelimit).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# How many proxies in front of the portal append to X-Forwarded-For (NAV's platform: 1, its
# ingress). With 0 the address is REMOTE_ADDR and the header is ignored, since clients write it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "portal.ratelimit.client_address"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".local" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:63799/0")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Content Security Policy (Django's built-in middleware): scripts only from us, with a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS"),
            "timeout": 10,
        },
    }
}
# Where people reach the portal; links in e-mails are made absolute with it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kompetanseportalen <ikke-svar@nav.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Single sign-on with Microsoft Entra ID (OpenID Connect). Off unless OIDC_RP_CLIENT_ID is set.
OIDC_ENABLED = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USERNAME_ALGO = "portal.oidc.username_from_email"
# The object id of the Entra ID group whose members may use the portal (empty: any employee).
OIDC_REQUIRED_GROUP = os.environ.get("OIDC_REQUIRED_GROUP", "")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("portal.oidc.EntraIdBackend")

# Celery: Redis as broker; tasks are acknowledged late so a killed worker's task runs again.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_TIMEOUT = 0.5
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 0.5,
    "socket_connect_timeout": 0.5,
    # One connection attempt when publishing: kombu's default retries after a 2 s sleep, and
    # a request must not wait that long; the outbox is the retry (portal/outbox.py). Workers
    # reconnect with their own policy (broker_connection_max_retries).
    "max_retries": 0,
    # With late acknowledgement a task taken by a worker that died goes back to the queue
    # this many seconds after it was taken: keep it longer than any task runs.
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
}
CELERY_TIMEZONE = TIME_ZONE

# The beat schedule is each app's <app>/beat.py, read in portal/celery.py once the apps are loaded.

# The free text of contact-log entries older than this is cleared (the rest is kept).
CONTACT_LOG_TEXT_RETENTION_YEARS = int(os.environ.get("CONTACT_LOG_TEXT_RETENTION_YEARS", "5"))
# Employers' contact form (employers/api.py). In production the form service sends an Entra ID
# token (client credentials), checked against the tenant's keys for audience, issuer and the
# service's client id (azp); without CONTACT_FORM_JWKS_URL a shared secret stands in (dev, tests).
CONTACT_FORM_JWKS_URL = os.environ.get("CONTACT_FORM_JWKS_URL", "")
CONTACT_FORM_AUDIENCE = os.environ.get("CONTACT_FORM_AUDIENCE", "")
CONTACT_FORM_ISSUER = os.environ.get("CONTACT_FORM_ISSUER", "")
CONTACT_FORM_ALLOWED_AZP = [
    azp.strip() for azp in os.environ.get("CONTACT_FORM_ALLOWED_AZP", "").split(",") if azp.strip()
]
CONTACT_FORM_TOKEN = os.environ.get("CONTACT_FORM_TOKEN", "")
CONTACT_FORM_REQUESTS_PER_MINUTE = int(os.environ.get("CONTACT_FORM_REQUESTS_PER_MINUTE", "60"))
# The contact person's name, e-mail and phone on a callback are cleared this long after it is done.
CALLBACK_CONTACT_RETENTION_MONTHS = int(os.environ.get("CALLBACK_CONTACT_RETENTION_MONTHS", "12"))
# The Brønnøysund register: its API (the update feed) and the limits on parsing its files.
BRREG_BASE_URL = os.environ.get("BRREG_BASE_URL", "https://data.brreg.no/enhetsregisteret/api")
REGISTER_IMPORT_MEMORY_BYTES = int(os.environ.get("REGISTER_IMPORT_MEMORY_MB", "256")) << 20
REGISTER_IMPORT_SECONDS = float(os.environ.get("REGISTER_IMPORT_SECONDS", "600"))

# Freshness (see portal/freshness.py): days of the default review interval by content kind.
FRESHNESS_DEFAULT_REVIEW_DAYS = {"static": 365, "fluid": 7}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact": {"()": "portal.logging.RedactPersonalData"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's own handlers for these two (DEFAULT_LOGGING) have no redaction filter:
        # replaced, so that their records reach the console handler above. The dev server's
        # request lines ("GET /sok/?q=… HTTP/1.1") come through django.server.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "level": "INFO", "propagate": True},
    },
}
