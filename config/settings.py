"""Settings for Mandat, read from the environment (see .env.example and
docs/configuration.md). One file for every environment: production is the
default, the demo and the test suite set their own variables."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


class Env(environ.Env):
    """django-environ, reading an empty variable as unset: a copied
    .env.example has ``DATABASE_URL=`` and ``MEDIA_ROOT=``, which mean "the
    default", not an empty address or the current folder."""

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, **kwargs):
        if default is not self.NOTSET and self.ENVIRON.get(self.prefix + var) == "":
            return default
        return super().get_value(var, cast=cast, default=default, **kwargs)


env = Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")
VAR_DIR = Path(env.str("MANDAT_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example); "
            "`mandat demo` generates one under ./var/ for the demo."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    # Mandat's apps from the bottom up: each imports only those above it in
    # this list (docs/architecture.md, "Layers"; mandat/core/tests/test_layers.py).
    "mandat.core",
    "mandat.directory",
    "mandat.notifications",
    "mandat.accounts",
    "mandat.trainings",
    "mandat.evaluations",
    "mandat.meetings",
    "mandat.knowledge",
    "mandat.reports",
    "mandat.archive",
    "mandat.api",
    "mandat.privacy",
    "mandat.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Outside everything that may touch the database: turns a database that
    # is away into a Swedish 503 page (which still gets the headers above).
    "mandat.core.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mandat.core.security.NoStoreMiddleware",
    "mandat.core.middleware.LanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mandat.core.middleware.OrganisationMiddleware",
    "axes.middleware.AxesMiddleware",
]
# `make bench` only (bench/run.py): SQL queries, SQL time and CPU of each
# request in response headers, and the bare view of the ceiling. Never set
# in production: the headers tell anyone how long the database took.
MANDAT_BENCH = env.bool("MANDAT_BENCH", default=False)
if MANDAT_BENCH:
    MIDDLEWARE.insert(0, "mandat.core.bench.BenchMiddleware")

# <select> and <input> written in Python, the same HTML as Django's templates
# at a fraction of the time (mandat/core/renderers.py).
FORM_RENDERER = "mandat.core.renderers.FormRenderer"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mandat.portal.navigation.navigation",
            ],
        },
    },
]

# Database: SQLite under ./var/ unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'mandat.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock
    # at BEGIN so two writers queue on the busy timeout instead of failing with
    # "database is locked" when a read transaction later tries to write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Links sent by e-mail (docs/accounts.md): each works once, until it expires.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60 * 24)
LOGIN_LINK_TIMEOUT = env.int("LOGIN_LINK_TIMEOUT", default=60 * 20)
INVITATION_TIMEOUT = env.int("INVITATION_TIMEOUT", default=60 * 60 * 24 * 7)
# Requests for a log-in or new-password link, per hour: per e-mail address
# (whether or not it has an account) and per client address.
LINK_REQUEST_LIMIT_PER_ADDRESS = env.int("LINK_REQUEST_LIMIT_PER_ADDRESS", default=5)
LINK_REQUEST_LIMIT_PER_CLIENT = env.int("LINK_REQUEST_LIMIT_PER_CLIENT", default=30)

# The client's address: REMOTE_ADDR, or behind PROXY_COUNT reverse proxies
# the address the outermost proxy appended to X-Forwarded-For, trusted only
# from FORWARDED_ALLOW_IPS (the proxies gunicorn accepts headers from).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"])

# Log-in throttling (mandat/accounts/throttling.py): failures are counted per
# account (the address stripped and case-folded) and client; five lock that
# pair for 15 minutes, or the account alone when the client is unknown.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = env.int("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", default=20)
LOGIN_FAILURE_LIMIT_PER_CLIENT = env.int("LOGIN_FAILURE_LIMIT_PER_CLIENT", default=50)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_HANDLER = "mandat.accounts.throttling.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = "mandat.accounts.throttling.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "mandat.accounts.throttling.client_address"
AXES_USERNAME_CALLABLE = "mandat.accounts.throttling.username_key"
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Language: Swedish first, English available.
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="sv")
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Stockholm")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "mandat.core.uploads.UploadFileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# With STORAGE_BUCKET, uploaded documents go to an S3-compatible object store
# that every web and worker machine shares (docs/deployment.md) instead of
# MEDIA_ROOT. Objects are private and never linked to: downloads are streamed
# by Mandat's views, which check who asks, so no URL (signed or not) of the
# store reaches a user.
STORAGE_BUCKET = env.str("STORAGE_BUCKET", default="")
if STORAGE_BUCKET:
    _encryption = env.str("STORAGE_ENCRYPTION", default="")
    STORAGES["default"] = {
        "BACKEND": "mandat.core.object_storage.UploadS3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env.str("STORAGE_ENDPOINT_URL", default=None),
            "region_name": env.str("STORAGE_REGION", default=None),
            "access_key": env.str("STORAGE_ACCESS_KEY", default=None),
            "secret_key": env.str("STORAGE_SECRET_KEY", default=None),
            "addressing_style": env.str("STORAGE_ADDRESSING_STYLE", default=None),
            "default_acl": (
                "private" if env.bool("STORAGE_PRIVATE_ACL", default=True) else None
            ),
            "object_parameters": (
                {"ServerSideEncryption": _encryption} if _encryption else {}
            ),
            "querystring_auth": False,
            # A name already taken gets a suffix, as on the file system.
            "file_overwrite": False,
            # A download is buffered in memory up to 5 MB, beyond in a
            # temporary file.
            "max_memory_size": 5 * 1024 * 1024,
        },
    }
# In production WhiteNoise serves the files `collectstatic` gathered; the test
# suite and DEBUG serve them straight from the source folders.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=DEBUG)
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10 * 1024 * 1024)
# The register read every night from a folder (docs/directory.md): each
# organisation's files are in its own folder under this one, named by its
# short name (<REGISTER_DROP_ROOT>/<organisation>/), and nowhere else.
REGISTER_DROP_ROOT = Path(
    env.str("REGISTER_DROP_ROOT", default=str(BASE_DIR / "var" / "register"))
)
# Addresses an organisation gives Mandat to fetch from (its identity
# provider, its register file) may be on this machine or a private network
# only when this is on: for the tests' providers on 127.0.0.1, never in
# production (core/outbound.py).
OUTBOUND_LOCAL_ALLOWED = env.bool("OUTBOUND_LOCAL_ALLOWED", default=False)
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
# A meeting's documents go with its notice as attachments up to this total;
# above it the notice links to the meeting's page instead.
# The overview flags open evaluations answered by fewer than this per cent.
EVALUATION_RESPONSE_TARGET = env.int("EVALUATION_RESPONSE_TARGET", default=50)
NOTICE_ATTACHMENTS_MAX_BYTES = env.int(
    "NOTICE_ATTACHMENTS_MAX_BYTES", default=10 * 1024 * 1024
)
# Uploads up to this size go through Django's upload handlers to a temporary
# file; the document check then refuses what is too large with a message.
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# E-mail.
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Mandat <mandat@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Background work: Django's tasks API through django-tasks, stored in the
# database and run by `mandat worker`.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A worker sending a message holds it MESSAGE_LEASE_SECONDS; a queued message
# whose task was lost is queued again after MESSAGE_REQUEUE_SECONDS. A task
# whose worker has not said it is alive for TASK_STALE_SECONDS (workers say
# so every minute) was cut off with it and is run again.
MESSAGE_LEASE_SECONDS = env.int("MESSAGE_LEASE_SECONDS", default=300)
MESSAGE_REQUEUE_SECONDS = env.int("MESSAGE_REQUEUE_SECONDS", default=900)
TASK_STALE_SECONDS = env.int("TASK_STALE_SECONDS", default=300)

# Security. Cookies are secure and HTTPS is enforced unless SECURE_COOKIES is
# turned off, which only the demo on http://127.0.0.1 does.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 12)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=SECURE_COOKIES)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=31536000 if SECURE_COOKIES else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
# No page has inline script or style (htmx's indicator styles are off in
# base.html), so the policy allows only Mandat's own files. Films are embedded
# from the players that mandat.knowledge.selectors.embed_url produces.
VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": VIDEO_EMBED_ORIGINS,
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
CSRF_FAILURE_VIEW = "mandat.core.errors.csrf_failure"
# HSTS preloading commits the whole domain of the municipality, which is the
# operator's decision (SECURE_HSTS_PRELOAD), not a default of the application.
SILENCED_SYSTEM_CHECKS = env.list("SILENCED_SYSTEM_CHECKS", default=["security.W021"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    # Personal links act without a password: their tokens never reach a log.
    "filters": {"mask_tokens": {"()": "mandat.core.security.MaskTokensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # WeasyPrint logs each step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pysaml2's schema library logs each schema it loads at INFO, and
        # pysaml2 each request and answer at INFO and DEBUG.
        "xmlschema": {"level": "WARNING"},
        "saml2": {"level": "WARNING"},
    },
}

# The REST API (/api/v1/, mandat/api; docs/api.md): a token per system,
# throttled per token. The throttle counts in the cache: set CACHE_URL to a
# cache the web processes share (e.g. dbcache://mandat_cache after
# `mandat createcachetable`) when there are several.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
API_RATE = env.str("API_RATE", default="600/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["mandat.api.rest.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["mandat.api.rest.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["mandat.api.rest.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "mandat.api.rest.Pages",
    "DEFAULT_FILTER_BACKENDS": ["mandat.api.filters.Filters"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "mandat.api.rest.refusal_handler",
    "UNAUTHENTICATED_USER": None,
    # ?format= is the occasions' filter (on site, digital, hybrid), not a
    # choice of renderer: the API answers JSON only.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mandat",
    "DESCRIPTION": _(
        "The REST API of Mandat: the directory, the training plan, trainings, "
        "registrations, attendance, meetings and their minutes, the results of "
        "evaluations (never single answers) and the annual report of the "
        "organisation a token belongs to."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mandat.api.schema.add_error_answers",
        "mandat.api.schema.translate_texts",
    ],
}

# Single sign-on (docs/accounts.md): an organisation's client secret at its
# identity provider is sealed under SECRET_KEY; after a change of the key the
# old one here still opens it (Django also accepts old signatures with it).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
