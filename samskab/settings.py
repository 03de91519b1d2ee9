"""Django settings for Samskab.

Everything is read from environment variables through the strict helpers in ``samskab.lib.env``;
``docs/configuration.md`` documents every variable. The defaults give a safe, working
single-machine setup on SQLite: ``DEBUG`` is off unless asked for, and production-only
hardening (HSTS, secure cookies) switches on whenever ``DEBUG`` is off.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samskab.lib.env import env_bool, env_int, env_is_set, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# A refused form keeps the site's layout and language, and what the person typed.
CSRF_FAILURE_VIEW = "samskab.lib.errors.csrf_failure"
SITE_NAME = env_str("SITE_NAME", "Samskab")
SITE_ROOT = env_str("SITE_ROOT", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Single sign-on for staff, one connection per organisation (samskab/sso, docs/sso.md).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "samskab.organisations",
    "samskab.projects",
    "samskab.actors",
    "samskab.methods",
    "samskab.activities",
    "samskab.alignment",
    "samskab.assessments",
    "samskab.instruments",
    "samskab.capture",
    "samskab.transfers",
    "samskab.explorer",
    "samskab.measurement",
    "samskab.playbooks",
    "samskab.privacy",
    "samskab.api",
    "samskab.sso",
    "ninja",  # serves its docs page's scripts from our own static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "samskab.lib.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Refuses an oversized upload by its Content-Length, before CSRF's check reads the body.
    "samskab.lib.uploads.BodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samskab.organisations.auditing.context.AuditContextMiddleware",  # who acts, for the audit log
    # Every page needs a login unless its view says @login_not_required (public pages, capture).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Second factor for the admin, and for admins and facilitators where the organisation asks.
    "samskab.organisations.mfa.MFARequiredMiddleware",
    "samskab.organisations.middleware.OrganisationMiddleware",
    # Lets log-in and log-out forms lead on to an identity provider (CSP form-action).
    "samskab.sso.middleware.IdentityProviderFormActionMiddleware",
]

ROOT_URLCONF = "samskab.urls"
WSGI_APPLICATION = "samskab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samskab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samskab.lib.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default, PostgreSQL (DATABASE_URL=postgres://...) the production one.
#
# SQLite durability: a story is "acknowledged" when the person sees the thank-you page, and it
# must then survive a killed server or a power cut. WAL lets readers (analysis) run beside the
# writer. In WAL mode synchronous=NORMAL survives a crashed *process* but can lose the last
# commits on power loss; synchronous=FULL fsyncs the WAL at every commit, so an acknowledged
# commit is on disk. The cost is one fsync per transaction, which capture batches cannot avoid
# anyway. IMMEDIATE transactions take the write lock up front so two writers wait for each
# other (busy timeout) instead of failing with "database is locked" on lock upgrade.
SQLITE_PATH = env_str("SQLITE_PATH", str(BASE_DIR / "var" / "samskab.sqlite3"))
SQLITE_OPTIONS: dict[str, Any] = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=FULL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}
DATABASE_URL = env_secret("DATABASE_URL")
if DATABASE_URL:
    DATABASES: dict[str, dict[str, Any]] = {
        "default": dict(dj_database_url.parse(DATABASE_URL, conn_max_age=0))
    }
    if env_bool("DATABASE_POOL", False):
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The same durability however SQLite is chosen (no DATABASE_URL, or sqlite:///path).
    DATABASES["default"]["OPTIONS"] = {**DATABASES["default"].get("OPTIONS", {}), **SQLITE_OPTIONS}
    DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_PATH", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The instrument editor posts every label of an instrument as its own field.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

# --- Cache ------------------------------------------------------------------------------------
# Rate limits, login lockouts and second-factor attempts are counted in this cache, so it must be
# shared by every process that serves the site: the database cache by default (one table, created
# by `migrate`), Redis when several machines serve it. A per-process memory cache would give each
# worker its own counters (five workers, five times the attempts).
CACHE_URL = env_secret("CACHE_URL")
CACHE_TABLE = "samskab_cache"
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    _cache: dict[str, Any] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
    }
elif CACHE_URL in ("", "db://"):
    # Django culls a third of the table when it holds MAX_ENTRIES (300 by default): with many
    # clients that would erase rate-limit counters and lockouts, so allow far more.
    _cache = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 200_000},
    }
elif CACHE_URL == "locmem://":
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    raise ImproperlyConfigured("CACHE_URL must be empty, db://, locmem:// or redis://host:port/db.")
CACHES = {"default": {**_cache, "KEY_PREFIX": "samskab"}}

# --- Background work --------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- Accounts ------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "samskab.sso.adapters.AccountAdapter"  # the organisations' one + SAML logout
ACCOUNT_FORMS = {"login": "samskab.organisations.forms.LoginForm"}
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Single sign-on (docs/sso.md): identity providers are configured per organisation in the
# database; samskab.sso's adapter decides who may log in and with which role.
SOCIALACCOUNT_ADAPTER = "samskab.sso.adapters.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"OAUTH_PKCE_ENABLED": True},
    "saml": {"provider_class": "samskab.sso.providers.SAMLProvider"},
}
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # matching by e-mail is the adapter's, with its rules
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = env_int("SSO_REQUESTS_TIMEOUT", 10)
# The service provider's own key and certificate: SAML requests and logouts are signed with it,
# encrypted assertions are decrypted with it, and the metadata publishes the certificate.
SSO_SAML_PRIVATE_KEY = env_secret("SSO_SAML_PRIVATE_KEY")
SSO_SAML_CERTIFICATE = env_secret("SSO_SAML_CERTIFICATE")
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# A security key is a second factor, not a way to log in without the password.
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = SITE_NAME
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "samskab@localhost")

# --- Language and formats --------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Copenhagen")
USE_THOUSAND_SEPARATOR = True
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files ----------------------------------------------------------------------------
# Every asset is vendored under samskab/static; nothing is fetched from another host at run time.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "samskab" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security headers --------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# How Samskab knows a request came over HTTPS (Secure cookies, redirects): behind a reverse proxy
# that terminates TLS it must trust the proxy's X-Forwarded-Proto; otherwise (TLS in gunicorn
# itself) it must not. Production must say which: samskab/wsgi.py refuses to start without it.
TRUST_X_FORWARDED_PROTO = env_bool("TRUST_X_FORWARDED_PROTO", False)
HTTPS_DETECTION_CONFIGURED = env_is_set("TRUST_X_FORWARDED_PROTO")
if TRUST_X_FORWARDED_PROTO:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Scripts only from our own origin or with the per-request nonce; no inline event handlers,
# no eval. htmx is configured (in base.html) not to inject its inline indicator styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# --- Samskab ---------------------------------------------------------------------------------
# Danish law (webtilgængelighedsloven) requires every public-sector site to link to its
# accessibility statement. An organisation may set its own URL; this is the site-wide fallback.
ACCESSIBILITY_STATEMENT_URL = env_str("ACCESSIBILITY_STATEMENT_URL", "")

# Public story form, withdrawal, MSC link and the API's story submission: rate limits per client
# (samskab/capture/ratelimit.py), counted in the default cache above under an HMAC of the
# client's address, so only hashes reach it.
# Header with the client's address set by a trusted reverse proxy (e.g. X-Forwarded-For).
CAPTURE_CLIENT_IP_HEADER = env_str("CAPTURE_CLIENT_IP_HEADER", "")

# Column stores for the explorer, one directory per collection, version and change counter.
EXPLORER_CACHE_DIR = Path(env_str("EXPLORER_CACHE_DIR", str(BASE_DIR / "var" / "analysis-cache")))
# Up to this many stories a version's store is built within the page request; above, the
# django-tasks worker builds it and the pages show its progress.
EXPLORER_INLINE_BUILD_MAX = env_int("EXPLORER_INLINE_BUILD_MAX", 50_000)
# The key of the cell-key method's record keys (docs/disclosure.md). Changing it changes every
# perturbed figure once; keep it stable. Defaults to SECRET_KEY.
DISCLOSURE_KEY = env_secret("DISCLOSURE_KEY") or SECRET_KEY

# Import jobs (their uploaded file and rows hold the text before masking) are deleted by
# `manage.py enforce_retention` once untouched for this many days (docs/privacy.md).
IMPORT_RETENTION_DAYS = env_int("IMPORT_RETENTION_DAYS", 7)

# Largest document accepted as evidence or with a measurement (bytes); the type is checked by
# content in samskab/measurement/services/attachments.py.
MEASUREMENT_MAX_UPLOAD_BYTES = env_int("MEASUREMENT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)

# Story imports (samskab/transfers, docs/import-export.md): the largest file, and what an
# uploaded table may unpack to and hold. The web process only stores the file; the worker reads it.
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env_int("IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
IMPORT_MAX_UNPACK_RATIO = env_int("IMPORT_MAX_UNPACK_RATIO", 100)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 1_000_000)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every rendering step at INFO and every unsupported CSS property at
    # WARNING; the playbook's own errors are logged by samskab.playbooks.
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "weasyprint.progress": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
