"""The one settings file. Every value comes from the environment with a safe local default.

DEBUG is off unless ALSMOVE_DEBUG=True. SQLite (WAL mode, busy timeout) is the default;
DATABASE_URL switches to PostgreSQL.
"""

from __future__ import annotations

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    value = os.environ.get(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")
    return value == "True"


def envsecret(name: str, default: str) -> str:
    """A secret from NAME, or from the file NAME_FILE points to (for container secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


DEBUG = envbool("ALSMOVE_DEBUG")
# The benchmark's bare view (the framework floor, /bench/floor/) exists only when this is on.
ALSMOVE_BENCH = envbool("ALSMOVE_BENCH")
ALLOWED_HOSTS = os.environ.get("ALSMOVE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("ALSMOVE_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, their one read per request in plain SQL (same table and rules).
SESSION_ENGINE = "alsmove.accounts.sessions"

# --- Production settings that fail closed (security13) -------------------------------
# The built-in key is public (it is in the repository): anyone could sign a session or a
# password-reset link with it. So it is accepted only with DEBUG on; with DEBUG off the
# product refuses to start until ALSMOVE_SECRET_KEY (or ALSMOVE_SECRET_KEY_FILE) is set.
# `make run`, `make serve` and `make bench` make a random key in var/ for this machine;
# the test suite sets its own (config/testing_env.py).
BUILTIN_SECRET_KEY = "local-development-only-not-a-secret"  # noqa: S105 (public, see above)
SECRET_KEY = envsecret("ALSMOVE_SECRET_KEY", BUILTIN_SECRET_KEY)
if not DEBUG and SECRET_KEY == BUILTIN_SECRET_KEY:
    raise ImproperlyConfigured(
        "ALS Move will not start: ALSMOVE_SECRET_KEY is not set, and the built-in key is "
        "public. Set ALSMOVE_SECRET_KEY (or ALSMOVE_SECRET_KEY_FILE, a file holding it) to "
        "a long random value, for example the output of: python3 -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'. On a developer's machine ALSMOVE_DEBUG=True "
        "allows the built-in key."
    )
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "ALS Move will not start: ALSMOVE_SECRET_KEY is shorter than 50 characters."
    )
# ALSMOVE_SECURE=True: the site is served over HTTPS (usually behind a TLS proxy). It
# turns on secure cookies, HSTS, the redirect to HTTPS and trusting the proxy's
# X-Forwarded-Proto header (so request.is_secure() and the links in emails say https).
# Each can still be set on its own.
SECURE = envbool("ALSMOVE_SECURE")
_secure = str(SECURE)
SECURE_COOKIES = envbool("ALSMOVE_SECURE_COOKIES", _secure)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_COOKIES
SECURE_SSL_REDIRECT = envbool("ALSMOVE_SSL_REDIRECT", _secure)
SECURE_HSTS_SECONDS = int(
    os.environ.get("ALSMOVE_HSTS_SECONDS", str(60 * 60 * 24 * 365) if SECURE else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("ALSMOVE_HSTS_INCLUDE_SUBDOMAINS", _secure)
# Preloading is a promise to browsers that is slow to undo: never on unless asked for.
SECURE_HSTS_PRELOAD = envbool("ALSMOVE_HSTS_PRELOAD")
# Only trust the header when a proxy that sets it (and strips a client's own) is in front.
if envbool("ALSMOVE_PROXY_SSL_HEADER", _secure):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# --- end of the production settings block ---------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    # The support desk (alsmove/web/support_desk.py): Django's admin without its
    # default site, mounted at ALSMOVE_SUPPORT_URL, read-only and audited.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    # For its templates and static files only: the API docs page serves django-ninja's own
    # copy of Swagger UI instead of loading it from a CDN the CSP blocks (security13).
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "alsmove.accounts",
    "alsmove.patients",
    "alsmove.exercises",
    "alsmove.resources",
    "alsmove.assessments",
    "alsmove.routines",
    "alsmove.logbook",
    "alsmove.equipment",
    "alsmove.sessions.apps.GuidedSessionsConfig",
    "alsmove.caregiving",
    "alsmove.interop",
    "alsmove.portability",
    "alsmove.documents",
    "alsmove.web",
    "alsmove.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that answers with a person's data (static files are served above).
    "alsmove.web.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's saved language wins over the cookie and the browser.
    "alsmove.accounts.language.UserLanguageMiddleware",
    # Keeps the request at hand for the audit trail (who, from where, which page).
    "alsmove.accounts.audit.AuditContextMiddleware",
    # Sign-in safety (see the "Sign-in safety" block below): idle and 12-hour ends, then
    # the second step, before anything that answers with a person's data.
    "alsmove.accounts.session_guard.SessionTimeoutMiddleware",
    # django-otp's OTPMiddleware, its device read compiled once.
    "alsmove.accounts.session_guard.VerifiedDeviceMiddleware",
    "alsmove.accounts.session_guard.SecondStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "alsmove.accounts.middleware.DisclaimerMiddleware",
    "alsmove.web.middleware.FriendlyMethodNotAllowedMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# Where the support desk (Django's admin, read-only) answers: not the well-known /admin/.
ALSMOVE_SUPPORT_URL = os.environ.get("ALSMOVE_SUPPORT_URL", "support-desk/").strip("/") + "/"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "alsmove" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alsmove.accounts.context_processors.preferences",
            ],
        },
    }
]
# Forms draw their fields with Django's own Jinja2 copies of its form templates: the same
# markup, at a fraction of the cost of the template language's per-option includes (a
# radio group renders a template per option and per attribute; docs/performance.md).
FORM_RENDERER = "django.forms.renderers.Jinja2"

_database_url = os.environ.get("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    # Server-side binding lets psycopg prepare a query the second time a connection sends
    # it: PostgreSQL then skips parsing and planning, which halved the server's CPU time
    # per page (docs/performance.md). Connections are kept (conn_max_age), so prepared
    # statements live as long as the connection. Behind a pooler in transaction mode
    # (PgBouncer older than 1.21, or without max_prepared_statements) set
    # ALSMOVE_PG_PREPARE_THRESHOLD=0, which turns preparing off.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        _prepare = int(os.environ.get("ALSMOVE_PG_PREPARE_THRESHOLD", "2"))
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=_prepare or None
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get(
                "ALSMOVE_SQLITE_PATH", str(BASE_DIR / "var" / "alsmove.sqlite3")
            ),
            # Kept open between requests: opening SQLite and running the PRAGMAs below
            # cost more than a whole small page (see docs/performance.md).
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE takes the
                # write lock at BEGIN so two writers queue instead of failing mid-way.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes): see the sign-in safety block below.

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# --- Sign-in safety (two-step sign-in, throttling, session ends) --------------------------
# Kept together in this block; docs/sign-in.md says why each value is what it is.
OTP_TOTP_ISSUER = "ALS Move"
# Each wrong code doubles the wait before the next try on that device (1, 2, 4 ... s).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Sessions end after this long without a request: 30 minutes for staff, 8 hours for people
# with ALS and caregivers (a session at home has long pauses), and 12 hours after sign-in
# whatever happens.
ALSMOVE_IDLE_MINUTES_STAFF = int(os.environ.get("ALSMOVE_IDLE_MINUTES_STAFF", "30"))
ALSMOVE_IDLE_MINUTES_HOME = int(os.environ.get("ALSMOVE_IDLE_MINUTES_HOME", "480"))
ALSMOVE_SESSION_MAX_HOURS = 12
SESSION_COOKIE_AGE = ALSMOVE_SESSION_MAX_HOURS * 60 * 60
# Login throttling: axes records failures per account, address and browser; our handler
# (alsmove/accounts/throttle.py) turns them into a growing wait per account and address,
# per address, and per account from anywhere, instead of a hard lock a stranger could
# set off. AXES_FAILURE_LIMIT is 1 because the handler reports 1 only while a wait runs.
AXES_HANDLER = "alsmove.accounts.throttle.GrowingDelayHandler"
AXES_FAILURE_LIMIT = 1
AXES_COOLOFF_TIME = timedelta(hours=1)  # failures older than this are forgotten
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # what a right password clears
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a try while waiting is not counted
AXES_LOCKOUT_CALLABLE = "alsmove.accounts.throttle.lockout_response"
AXES_VERBOSE = False
# The login form posts the email address in the field Django calls "username".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "alsmove.accounts.middleware.axes_username"
# --- end of sign-in safety ----------------------------------------------------------------

LANGUAGE_CODE = "en"
# Each language by its own name, as the switcher on every page shows it.
LANGUAGES = [("en", "English"), ("es", "Español"), ("de", "Deutsch")]
LANGUAGE_COOKIE_NAME = "alsmove_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "alsmove" / "locale"]
# Dates and numbers per language: English in the product's own order, the others as
# Django's locale formats write them (alsmove/formats).
FORMAT_MODULE_PATH = ["alsmove.formats"]
USE_I18N = True
TIME_ZONE = os.environ.get("ALSMOVE_TIME_ZONE", "UTC")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "alsmove" / "static"]
if envbool("ALSMOVE_STATIC_COMPRESSED"):
    # `make serve`: collected files with content hashes in their names, gzip and brotli
    # copies beside them; whitenoise sends them with a year's cache (docs/performance.md).
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
else:
    # Serve straight from the app folders: one less step for `make run`, and the files are few.
    WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get(
    "ALSMOVE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("ALSMOVE_FROM_EMAIL", "ALS Move <noreply@example.org>")
# Where people open the site: the links in reminder emails start with it.
ALSMOVE_BASE_URL = os.environ.get("ALSMOVE_BASE_URL", "http://127.0.0.1:8000")
if SECURE and not ALSMOVE_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "ALS Move will not start: ALSMOVE_SECURE=True but ALSMOVE_BASE_URL "
        f"({ALSMOVE_BASE_URL!r}) does not start with https://, so links in emails would "
        "be sent unencrypted. Set ALSMOVE_BASE_URL to the site's https:// address."
    )

# No inline script or style anywhere: every script and stylesheet is a file we serve.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Errors and logs (security13) -----------------------------------------------------
# ALSMOVE_ADMINS="Ada Brooks <ada@clinic.example>, ops@clinic.example": they get an email
# for every server error (with DEBUG off). Logs go to stderr, or to ALSMOVE_LOG_FILE
# (reopened when rotated); ALSMOVE_LOG_FORMAT=json writes one JSON object a line.
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([os.environ.get("ALSMOVE_ADMINS", "")])
    if address
]
SERVER_EMAIL = os.environ.get("ALSMOVE_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
_log_format = os.environ.get("ALSMOVE_LOG_FORMAT", "text")
if _log_format not in ("text", "json"):
    raise ImproperlyConfigured(f"ALSMOVE_LOG_FORMAT must be text or json, not {_log_format!r}")
_log_file = os.environ.get("ALSMOVE_LOG_FILE", "")
_log_level = os.environ.get("ALSMOVE_LOG_LEVEL", "WARNING")
_log_handler: dict[str, object] = (
    {"class": "logging.handlers.WatchedFileHandler", "filename": _log_file}
    if _log_file
    else {"class": "logging.StreamHandler"}
)
_log_handler["formatter"] = _log_format
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "config.logs.JsonFormatter"},
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": _log_handler,
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "reporter_class": "config.logs.PrivateExceptionReporter",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": _log_level},
    "loggers": {
        # Replaces Django's own "django" logger, whose error email lists form fields and
        # variables. Errors reach the administrators (nothing is sent while ADMINS is
        # empty) and, through the root, the log.
        "django": {"handlers": ["mail_admins"], "level": _log_level, "propagate": True},
    },
}
# --- end of the errors and logs block -------------------------------------------------
