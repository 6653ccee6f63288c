"""One settings module, configured by environment variables.

Every variable has a development default so that ``make run`` works on a fresh
clone, and each is listed in ``.env.example`` and the README. Every one is read
through ``portal.config``, so a bad value stops the start-up with a message
naming the variable (ImproperlyConfigured).
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal import config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = config.boolean("DEBUG", default=False)

# Used only with DEBUG on; production refuses to start without SECRET_KEY.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # nosec B105
if DEBUG:
    SECRET_KEY = config.string("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
else:
    try:
        SECRET_KEY = config.string("SECRET_KEY")
    except ImproperlyConfigured:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.") from None
    # Django's own deploy check only warns; a weak or development key signs
    # every session and password-reset link, so production refuses to start.
    if (
        SECRET_KEY == DEVELOPMENT_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
        or len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY is a development or weak value: with DEBUG off, set at least "
            "50 random characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )

ALLOWED_HOSTS = config.string_list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = config.string_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = config.string("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    # django.contrib.admin, with a site that requires a second factor (portal/admin_site.py).
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_ratelimit",
    "axes",
    "csp",
    # Two-factor authentication: authenticator apps (TOTP), security keys (WebAuthn)
    # and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "portal",
    "guidelines",
    "declarations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the web process, compressed and cached for
    # good under their hashed names; no separate file server to configure.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files need no policy, pages do.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(); then a session that owes its code stays on the code page.
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The request, for the audit rows the services write; then idle sessions end.
    "portal.audit.AuditRequestMiddleware",
    "portal.idle.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.memberships",
                "portal.context_processors.language_links",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL points elsewhere (PostgreSQL in CI and
# production).
DATABASES = {
    "default": config.database_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
    ),
}
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(exist_ok=True)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# The password apart from the URL, so that it can come from a secret file
# (DATABASE_PASSWORD_FILE); it wins over a password in DATABASE_URL.
_database_password = config.string("DATABASE_PASSWORD", default="")
if _database_password:
    DATABASES["default"]["PASSWORD"] = _database_password
# Keep connections for a minute and test each before a request reuses it, so
# that a restarted database costs one reconnection, not a failed request.
DATABASES["default"]["CONN_MAX_AGE"] = config.integer(
    "DATABASE_CONN_MAX_AGE", default=60, minimum=0
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; Redis in production (CACHE_URL=redis://host:6379/1),
# so that every web process counts the same verifications.
CACHES = {"default": config.cache_url("CACHE_URL", default="locmemcache://")}
SILENCED_SYSTEM_CHECKS = [
    # django-ratelimit knows only django-redis; Django's own Redis cache
    # increments atomically (INCR) and adds with SET NX, which is all it needs.
    "django_ratelimit.W001",
]
if DEBUG:
    # One development process: a per-process cache counts correctly.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

AUTH_USER_MODEL = "portal.User"
# The name authenticator apps show next to the account (portal/two_factor.py).
OTP_TOTP_ISSUER = "Declaration Portal"
# Security keys and passkeys (django-otp-webauthn, portal/webauthn.py). A key is
# bound to the relying party id, a domain: the site's host unless overridden
# (changing it later makes every registered key unusable). Second factor only:
# a key never replaces the password.
_rp_id, _rp_origin = config.relying_party(SITE_URL)
OTP_WEBAUTHN_RP_ID = config.string("WEBAUTHN_RP_ID", default=_rp_id)
OTP_WEBAUTHN_RP_NAME = config.string("WEBAUTHN_RP_NAME", default=OTP_TOTP_ISSUER)
OTP_WEBAUTHN_ALLOWED_ORIGINS = config.string_list("WEBAUTHN_ORIGINS", default=[_rp_origin])
config.check_relying_party(OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS)
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
LOGIN_URL = "login"
# Everyone lands on the home page, which shows the work of their roles (accounts.landing).
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "home"
# Login throttling (django-axes): every password entry goes through
# authenticate(), and the first backend refuses it while its account is locked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = config.integer("LOGIN_FAILURE_LIMIT", default=5, minimum=1)
AXES_COOLOFF_TIME = timedelta(
    minutes=config.integer("LOGIN_COOLOFF_MINUTES", default=15, minimum=1)
)
# Failures count per account *and* client address. Ministries and operators sign
# in from behind shared NATs: counting per address alone would lock a whole
# ministry out because of one person's typos, and per account alone would let
# anyone lock a signatory out from anywhere on the day of an attestation. Per
# account and address, a guesser gets LOGIN_FAILURE_LIMIT tries per cool-off from
# each address, and the account's owner elsewhere is not affected.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A locked-out person who keeps trying does not push the end of the pause back.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "portal.lockout.username_of"
AXES_CLIENT_IP_CALLABLE = "portal.clients.client_address"
AXES_LOCKOUT_CALLABLE = "portal.lockout.lockout_response"
# Who logged in when is in the audit log (portal/audit.py), with failures and lockouts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# Signatories, organization admins and site staff are signed out after this long
# without a request (portal/idle.py); others keep SESSION_COOKIE_AGE.
SESSION_IDLE_MINUTES = config.integer("SESSION_IDLE_MINUTES", default=30, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Japanese first, English available. Unprefixed URLs are Japanese, /en/… English.
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "ja"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ja", "en")
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = config.path("STATIC_ROOT", default=VAR_DIR / "static")
if DEBUG:
    # WhiteNoise serves from the apps' folders in development and warns about a
    # missing STATIC_ROOT, which only collectstatic fills.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
else:
    # Hashed names need `collectstatic` first, which the image runs at build.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
MEDIA_URL = "media/"
MEDIA_ROOT = config.path("MEDIA_ROOT", default=VAR_DIR / "media")

# The API (Django REST framework): public reads need no login; procurers and
# vendors authenticate by session or by an API token (Authorization: Token …).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: a wrong token then gets 401 with WWW-Authenticate: Token.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Self-conformity declaration portal API",
    "DESCRIPTION": "Published declarations, their verification, and the guideline. "
    "The guideline is also served as OSCAL 1.1 (a catalog per edition, a profile per "
    "package: the guideline_oscal operations), and each declaration as a CycloneDX 1.6 "
    "attestation (`links.cyclonedx`); docs/interchange.md describes both mappings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page's scripts come from a package, not from another host.
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png",
    # Choice sets that share a field name ("status", "kind") get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "PublicStatusEnum": "declarations.registry.search.PublicStatus",
        "AnswerStatusEnum": "declarations.models.Answer.Status",
        "ProductKindEnum": "declarations.models.Product.Kind",
        "VendorRoleEnum": "declarations.models.Product.VendorRole",
        "PackageKindEnum": "guidelines.models.Package.Kind",
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Unset: each email is written to the console, readably (subject decoded, body
# as text).
EMAIL_BACKEND = config.string("EMAIL_BACKEND", default="portal.console_mail.EmailBackend")
EMAIL_HOST = config.string("EMAIL_HOST", default="localhost")
EMAIL_PORT = config.integer("EMAIL_PORT", default=25, minimum=1)
EMAIL_HOST_USER = config.string("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = config.string("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = config.boolean("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = config.string("DEFAULT_FROM_EMAIL", default="portal@localhost")
# Where people write about the portal itself (the accessibility policy names it).
CONTACT_EMAIL = config.string("CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)

# Celery: with no broker configured, tasks run eagerly in the web process so
# that the default run needs no Redis. In CI and production CELERY_BROKER_URL
# points at Redis.
CELERY_BROKER_URL = config.string("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = config.string("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Queue the PDF of any declaration whose task was lost (broker down at attestation).
    "sweep-missing-pdfs": {
        "task": "declarations.tasks.sweep_missing_pdfs",
        "schedule": crontab(minute="*/5"),
    },
    # Send the emails still in the outbox (mail server or broker was down).
    "send-unsent-emails": {
        "task": "portal.tasks.send_unsent_emails",
        "schedule": crontab(minute="*/5"),
    },
    # Re-timestamp stored PDFs whose latest timestamp's certificate nears expiry.
    "renew-archival-timestamps": {
        "task": "declarations.tasks.renew_archival_timestamps",
        "schedule": crontab(hour=4, minute=0),
    },
    # Expire declarations past their validity; remind 30 days before.
    "daily-lifecycle": {
        "task": "declarations.tasks.daily_lifecycle",
        "schedule": crontab(hour=3, minute=0),
    },
    # Flag declaration requests past their deadline; remind vendors 7 days before.
    "daily-requests": {
        "task": "declarations.tasks.daily_requests",
        "schedule": crontab(hour=3, minute=30),
    },
}

# Signing of declaration PDFs. The defaults point at the development CA and
# signing certificate that `manage.py create_dev_signing_key` writes under
# var/signing/ (make run does it when they are missing). Production sets these
# to the real key and certificate.
SIGNING_DIR = VAR_DIR / "signing"
SIGNING_KEY_FILE = config.path("SIGNING_KEY_FILE", default=SIGNING_DIR / "signing-key.pem")
SIGNING_KEY_PASSPHRASE = config.string("SIGNING_KEY_PASSPHRASE", default="")
SIGNING_CERT_FILE = config.path("SIGNING_CERT_FILE", default=SIGNING_DIR / "signing-cert.pem")
SIGNING_ROOT_CERT_FILE = config.path("SIGNING_ROOT_CERT_FILE", default=SIGNING_DIR / "root-ca.pem")
# Every certificate whose signatures verification accepts, besides the current
# SIGNING_CERT_FILE: PEM files, or directories of them. rotate_signing_key keeps
# retired certificates in SIGNING_DIR/retired-certs.
SIGNING_CERT_FILES = config.path_list(
    "SIGNING_CERT_FILES", default=[SIGNING_CERT_FILE, SIGNING_DIR / "retired-certs"]
)
# RFC 3161 timestamp authority. Empty: the development PKI's TSA, in-process
# (SIGNING_TSA_CERT_FILE and SIGNING_TSA_KEY_FILE); never so in production.
SIGNING_TSA_URL = config.string("SIGNING_TSA_URL", default="")
SIGNING_TSA_CERT_FILE = config.path("SIGNING_TSA_CERT_FILE", default=SIGNING_DIR / "tsa-cert.pem")
SIGNING_TSA_KEY_FILE = config.path("SIGNING_TSA_KEY_FILE", default=SIGNING_DIR / "tsa-key.pem")
# The CRL embedded in signatures (DER or PEM). Empty: fetch CRLs from the
# certificates' distribution points when signing.
SIGNING_CRL_FILE = config.string("SIGNING_CRL_FILE", default=str(SIGNING_DIR / "root-ca.crl"))
# Signing certificates whose key was compromised, each as of a time
# (fingerprint@ISO-time, comma-separated): signatures timestamped after that
# time no longer verify. The revocations in SIGNING_CRL_FILE count as well.
SIGNING_COMPROMISED = config.compromises("SIGNING_COMPROMISED", default="")
# A string, not a path: empty means the TSA chains to the portal's own root.
SIGNING_TSA_ROOT_CERT_FILE = config.string("SIGNING_TSA_ROOT_CERT_FILE", default="")
# A stored PDF gets a fresh document timestamp when its latest timestamp's
# authority certificate expires within this many days (archival renewal).
SIGNING_RENEW_BEFORE_DAYS = config.integer("SIGNING_RENEW_BEFORE_DAYS", default=365, minimum=1)
# With DEBUG off the portal refuses to start with a certificate of the
# development CA (declarations/apps.py); only `make prod-like`, which runs
# the production processes on this machine with the development PKI, says 1.
SIGNING_ALLOW_DEVELOPMENT_KEY = config.boolean("SIGNING_ALLOW_DEVELOPMENT_KEY", default=False)
DECLARATION_VALIDITY_DAYS = config.integer("DECLARATION_VALIDITY_DAYS", default=365, minimum=1)
VERIFY_MAX_UPLOAD_BYTES = config.integer(
    "VERIFY_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024, minimum=1
)
# Parsing an upload runs in a child process with this much time and extra
# address space; a file that needs more is refused (declarations.verification.sandbox).
VERIFY_TIME_BUDGET_SECONDS = config.integer("VERIFY_TIME_BUDGET_SECONDS", default=10, minimum=1)
VERIFY_MEMORY_BUDGET_MB = config.integer("VERIFY_MEMORY_BUDGET_MB", default=512, minimum=64)
# Anyone may verify; each client address may upload and look up this often
# (django-ratelimit, counted in the cache). The address is REMOTE_ADDR unless
# CLIENT_IP_HEADER names the header that a reverse proxy you run sets (its last
# entry is used).
VERIFY_UPLOAD_RATE = config.rate("VERIFY_UPLOAD_RATE", default="30/m")
VERIFY_LOOKUP_RATE = config.rate("VERIFY_LOOKUP_RATE", default="120/m")
CLIENT_IP_HEADER = config.header_name("CLIENT_IP_HEADER", default="")
RATELIMIT_IP_META_KEY = "portal.clients.client_address"
# A cache outage must not stop anyone from verifying.
RATELIMIT_FAIL_OPEN = True
# Uploads above this stay on disk instead of in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": config.choice(
            "LOG_LEVEL", choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], default="INFO"
        ),
    },
    "loggers": {
        # Django's own configuration gives "django" a console handler of its own
        # in development; its records also reach the root's, so each printed
        # twice. The root's handler prints them, once.
        "django": {"handlers": [], "level": "INFO"},
        # WeasyPrint narrates every render step at INFO; fontTools every subset.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pyHanko logs each suspicious upload as an ERROR with a traceback; the
        # verdict already says it, and anyone can upload.
        "pyhanko.sign.diff_analysis": {"level": "CRITICAL"},
        # Likewise a signature by a stranger's certificate (a WARNING with a
        # traceback), a malformed certificate (an ERROR) and a damaged file's
        # structure. Only uploads are validated; signing raises on its errors.
        "pyhanko.sign.validation": {"level": "CRITICAL"},
        "pyhanko_certvalidator": {"level": "CRITICAL"},
        "pyhanko.pdf_utils": {"level": "ERROR"},
    },
}

# Content-Security-Policy, enforced in development as in production so that a
# violation shows in the browser tests: scripts and styles only from files this
# site serves, never inline (behaviour sits in static/js/, attached by data-
# attributes). data: images are Bootstrap's own icons (the select arrow, the
# navbar toggler), drawn from data: URIs in its stylesheet. The API docs page
# (Swagger UI) relaxes it for itself (portal/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Read in development too, so that a typo fails before it reaches production
# (and so that the test of .env.example sees them); applied only with DEBUG off.
_ssl_redirect = config.boolean("SECURE_SSL_REDIRECT", default=True)
_hsts_seconds = config.integer("SECURE_HSTS_SECONDS", default=31536000, minimum=0)
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = _ssl_redirect
    # The container's health check asks over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = _hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
