"""Settings shared by every environment.

This module is safe for production on its own: it holds no secret and no debug
switch, and reads everything that differs between deployments from the
environment (see docs/configuration.md). ``dev`` and ``test`` only add defaults
for a laptop or CI; ``production`` insists on the secure values.
"""

from datetime import timedelta
from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_media_storages,
    env_str,
    env_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Absolute links built outside a request (QR codes, e-mails sent by workers)
# start from here; the request's own host is never trusted for them.
PUBLIC_BASE_URL = env_url("PUBLIC_BASE_URL", schemes=("http", "https")).rstrip("/")

INSTALLED_APPS = [
    # Ours, lowest layer first (docs/architecture.md).
    "localities",
    "notifications",
    "accounts",
    "courses",
    "quizzes",
    "certificates",
    "blended",
    "home",
    "reports",
    # Wagtail; our users app config replaces wagtail.users to give cadres our own user forms.
    "accounts.apps.CadreUsersAppConfig",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "crispy_forms",
    "crispy_bootstrap5",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages are compressed here, after WhiteNoise (which serves static files already compressed):
    # phones on slow links, and no proxy setting to get right. Django pads the gzip stream with
    # random bytes against BREACH. Only when the client sends Accept-Encoding.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's site history report crosses managers' scopes: refused to managers (accounts/middleware.py).
    "accounts.middleware.AdminScopeMiddleware",
    # Per-IP rate limit on the login forms (public site and admin); docs/people.md.
    "accounts.ratelimit.LoginRateLimitMiddleware",
    # Wagtail pages: the Site from the cache and the page by its URL path (home.routing).
    "home.middleware.PageRouteMiddleware",
    # django-axes last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # The Site from the cache, for Wagtail's settings and {% pageurl %} (home.routing).
                "home.context_processors.site",
                "courses.context_processors.navigation",
                # Reminders shown as notices, and the team leader's link (lazy, cached).
                "reports.context_processors.notices",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts: our own user model from the first migration; cadres log in by username or phone.
AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UsernameOrPhoneBackend",
    "accounts.backends.OneTimeCodeBackend",
    # Does nothing unless OIDC_RP_CLIENT_ID is set (below).
    "accounts.sso.ProvincialOIDCBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Single sign-on through a provincial OpenID Connect provider (docs/people.md, "Single sign-on"): off
# unless OIDC_RP_CLIENT_ID is set, and then every endpoint must be given (no discovery at run time).
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_ISSUER = env_url("OIDC_OP_ISSUER", schemes=("https", "http")).rstrip("/")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_url("OIDC_OP_AUTHORIZATION_ENDPOINT", schemes=("https", "http"))
    OIDC_OP_TOKEN_ENDPOINT = env_url("OIDC_OP_TOKEN_ENDPOINT", schemes=("https", "http"))
    OIDC_OP_USER_ENDPOINT = env_url("OIDC_OP_USER_ENDPOINT", schemes=("https", "http"))
    OIDC_OP_JWKS_ENDPOINT = env_url("OIDC_OP_JWKS_ENDPOINT", schemes=("https", "http"))
    OIDC_OP_LOGOUT_ENDPOINT = env_url("OIDC_OP_LOGOUT_ENDPOINT", None, schemes=("https", "http"))
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env_str("OIDC_RP_SCOPES", "openid profile phone")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
OIDC_CREATE_USER = False
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600)
# Sessions are read from the cache and written to both the cache and the database, so a logged-in page
# reads no session row. Like the page caches, this needs the cache shared by every process (CACHE_URL,
# required in production): a per-process cache would keep a session another process logged out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Login lockout (django-axes), by the pair username + IP address, so that a commune office behind one
# address is not locked out by one cadre's mistakes. Usernames and phones are normalised first, so
# "0912 345 678" and "+84912345678" count as one. docs/people.md, "Security".
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Behind N reverse proxies, the client's address is taken from X-Forwarded-For; 0 = REMOTE_ADDR only.
KNS_TRUSTED_PROXY_COUNT = env_int("KNS_TRUSTED_PROXY_COUNT", 0)
if KNS_TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = KNS_TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# Login forms: at most this many POSTs per client address per window (seconds), whatever the username.
KNS_LOGIN_RATE_LIMIT = env_int("KNS_LOGIN_RATE_LIMIT", 60)
KNS_LOGIN_RATE_WINDOW = env_int("KNS_LOGIN_RATE_WINDOW", 600)
# One-time first-login links and codes expire after this many hours.
KNS_ONE_TIME_LOGIN_HOURS = env_int("KNS_ONE_TIME_LOGIN_HOURS", 72)
# Printed login sheets (docs/people.md): their codes stay valid this many days; the PDF, which holds
# the codes in clear, is kept this many hours and then deleted.
KNS_LOGIN_SHEET_CODE_DAYS = env_int("KNS_LOGIN_SHEET_CODE_DAYS", 14)
KNS_LOGIN_SHEET_FILE_HOURS = env_int("KNS_LOGIN_SHEET_FILE_HOURS", 24)
# A code a cadre asks for on the public site (sent by SMS or messaging app) stays valid this many hours;
# at most KNS_CODE_REQUEST_PER_ACCOUNT requests per account and KNS_CODE_REQUEST_PER_ADDRESS per client
# address in KNS_CODE_REQUEST_WINDOW seconds.
KNS_MESSAGE_CODE_HOURS = env_int("KNS_MESSAGE_CODE_HOURS", 1)
KNS_CODE_REQUEST_PER_ACCOUNT = env_int("KNS_CODE_REQUEST_PER_ACCOUNT", 3)
KNS_CODE_REQUEST_PER_ADDRESS = env_int("KNS_CODE_REQUEST_PER_ADDRESS", 20)
KNS_CODE_REQUEST_WINDOW = env_int("KNS_CODE_REQUEST_WINDOW", 3600)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 24 * 3600)
# Login records (django-axes' access log) are kept this many days, then purged.
KNS_LOGIN_LOG_RETENTION_DAYS = env_int("KNS_LOGIN_LOG_RETENTION_DAYS", 180)
# Cadre import: file size and row limits; finished jobs keep their row report this many days.
KNS_IMPORT_MAX_BYTES = env_int("KNS_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
KNS_IMPORT_MAX_ROWS = env_int("KNS_IMPORT_MAX_ROWS", 200_000)
KNS_IMPORT_REPORT_RETENTION_DAYS = env_int("KNS_IMPORT_REPORT_RETENTION_DAYS", 30)
# Assignment rules write enrolments this many cadres at a time (docs/courses.md).
KNS_ASSIGN_BATCH_SIZE = env_int("KNS_ASSIGN_BATCH_SIZE", 1000)
# Phone numbers are stored in E.164; a number typed without a country code is Vietnamese.
PHONE_DEFAULT_COUNTRY_CODE = "84"

# Language: Vietnamese first, English on request. URLs carry no language prefix
# so that printed QR codes and shared links never change (docs/architecture.md).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Thousand separators stay off: with "vi" they would turn ids in URLs and
# numbers in SVG or JSON into "1.234". Templates format counts explicitly.
USE_THOUSAND_SEPARATOR = False
# One date and number form per language, everywhere a person reads them (config/formats/).
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "kns_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Evidence, certificates and exports: outside MEDIA_ROOT, served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
# The issuer's private signing keys (Open Badges, QR payloads): PEM files, never served. Empty means
# PRIVATE_MEDIA_ROOT/issuer-keys (docs/certificates.md, "Keys").
KNS_ISSUER_KEY_DIR = env_str("KNS_ISSUER_KEY_DIR", "")
# Public media ("default") and private files ("private", accounts.storage.private_storage): the folders
# above, or with MEDIA_STORAGE=s3 two buckets of an S3-compatible store (docs/deployment.md, "Media").
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", "filesystem", choices=("filesystem", "s3"))
STORAGES = {
    **env_media_storages(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# A background file (certificate ZIP, report export, login sheet) the store refused to write is tried
# again this many times in all, waiting this many seconds, doubled each time (docs/certificates.md).
KNS_STORAGE_MAX_ATTEMPTS = env_int("KNS_STORAGE_MAX_ATTEMPTS", 3)
KNS_STORAGE_RETRY_SECONDS = env_int("KNS_STORAGE_RETRY_SECONDS", 30)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Cache: Redis when configured, else a per-process memory cache.
_cache_url = env_url("CACHE_URL", env_str("REDIS_URL", None) or None, schemes=("redis", "rediss"))
if _cache_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery. Tasks take ids and are queued on commit (docs/architecture.md).
CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", None, schemes=("redis", "rediss", "amqp", "memory"))
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200)
CELERY_TIMEZONE = TIME_ZONE
# Redis redelivers an unacknowledged task only after this many seconds: keep it
# a few times longer than the longest hard time limit of any task.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600)}
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 100
CELERY_BEAT_SCHEDULE = {
    "wagtail-publish-scheduled": {
        "task": "home.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    "accounts-purge-personal-records": {
        "task": "accounts.tasks.purge_personal_records",
        "schedule": 6 * 3600.0,
    },
    # Quiz attempts whose time ran out are closed and graded (docs/quizzes.md).
    "quizzes-close-expired-attempts": {
        "task": "quizzes.tasks.close_expired_attempts",
        "schedule": 60.0,
    },
    # Completions without a certificate, renders that died, expired ZIPs (docs/certificates.md).
    "certificates-sweep": {
        "task": "certificates.tasks.sweep_certificates",
        "schedule": 60.0,
    },
    # Dashboards (docs/reports.md): summaries of communes changed lately, a nightly full rebuild
    # (overdue counts change with the date), the managers' weekly digest, expired export files.
    "reports-refresh-changed": {
        "task": "reports.tasks.refresh_changed",
        "schedule": 600.0,
    },
    "reports-refresh-all": {
        "task": "reports.tasks.refresh_all",
        "schedule": crontab(hour=0, minute=20),
    },
    # Assignment rules applied again over their whole targets: idempotent (docs/courses.md).
    "courses-reconcile-assignments": {
        "task": "courses.tasks.reconcile_assignments",
        "schedule": crontab(hour=1, minute=10),
    },
    "reports-weekly-digest": {
        "task": "reports.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "reports-purge-exports": {
        "task": "reports.tasks.purge_expired_exports",
        "schedule": 3600.0,
    },
    # Messages left queued (broker down, rate limit) are queued again; stuck sends are failed
    # (docs/notifications.md).
    "notifications-sweep": {
        "task": "notifications.tasks.sweep_messages",
        "schedule": 120.0,
    },
    # Team leaders hear each morning how much evidence waits for them (docs/notifications.md).
    "courses-evidence-digest": {
        "task": "courses.notices.send_evidence_digest",
        "schedule": crontab(hour=7, minute=30),
    },
}
# Reports: at most one reminder per cadre and course in this many days; exports above this many
# rows run in the background, and their files expire after this many hours.
REPORTS_REMINDER_MIN_DAYS = env_int("REPORTS_REMINDER_MIN_DAYS", 7)
REPORTS_EXPORT_INLINE_MAX_ROWS = env_int("REPORTS_EXPORT_INLINE_MAX_ROWS", 2000)
REPORTS_EXPORT_HOURS = env_int("REPORTS_EXPORT_HOURS", 24)
# PDF rendering (certificates and login sheets, both WeasyPrint) has its own queue, so its workers
# can be sized and recycled apart and a print never delays reminders or imports:
# celery -A config worker -Q pdf --pool prefork -c 2 (docs/certificates.md, docs/people.md).
CELERY_TASK_ROUTES = {
    "certificates.tasks.render_certificate": {"queue": "pdf"},
    "accounts.tasks.login_sheet_build": {"queue": "pdf"},
}
# Certificates (docs/certificates.md): a render's hard time limit is short; its claim goes stale a
# little after that, and the sweeper (every minute) queues it again, well inside the visibility timeout.
KNS_CERTIFICATE_RENDER_TIME_LIMIT = env_int("KNS_CERTIFICATE_RENDER_TIME_LIMIT", 60)
KNS_CERTIFICATE_CLAIM_SECONDS = env_int("KNS_CERTIFICATE_CLAIM_SECONDS", 90)
KNS_CERTIFICATE_MAX_ATTEMPTS = env_int("KNS_CERTIFICATE_MAX_ATTEMPTS", 3)
KNS_CERTIFICATE_REQUEUE_SECONDS = env_int("KNS_CERTIFICATE_REQUEUE_SECONDS", 300)
KNS_CERTIFICATE_EXPORT_DAYS = env_int("KNS_CERTIFICATE_EXPORT_DAYS", 7)
# The public verify page: at most this many look-ups per client address per window (seconds).
KNS_VERIFY_RATE_LIMIT = env_int("KNS_VERIFY_RATE_LIMIT", 30)
KNS_VERIFY_RATE_WINDOW = env_int("KNS_VERIFY_RATE_WINDOW", 300)

# Wagtail queues its own work (reference index, search index) with django-tasks
# from post_save, not on commit. The immediate backend runs it inside the saving
# transaction, so nothing is lost if that transaction commits
# (docs/architecture.md, "Background work").
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# E-mail.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kỹ Năng Số <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Notifications (docs/notifications.md): notify() tries the person's preferred channel, then these
# in order, skipping a channel the person has no address for (SMS and Zalo need a phone, e-mail an
# e-mail address). Each channel's backend: "http" (the gateway below), "console" (log only), or
# "django" (e-mail through EMAIL_BACKEND).
NOTIFY_CHANNELS = env_list("NOTIFY_CHANNELS", ["email"])
NOTIFY_BACKENDS = {
    "sms": env_str("NOTIFY_SMS_BACKEND", "http"),
    "zalo": env_str("NOTIFY_ZALO_BACKEND", "http"),
    "email": env_str("NOTIFY_EMAIL_BACKEND", "django"),
}
# SMS through a generic HTTP gateway: POST of a JSON body built from NOTIFY_SMS_PAYLOAD, whose
# string values may hold $phone, $text, $sender and $ref; Bearer token or basic auth.
NOTIFY_SMS_URL = env_url("NOTIFY_SMS_URL", None, schemes=("http", "https"))
NOTIFY_SMS_TOKEN = env_str("NOTIFY_SMS_TOKEN", "")
NOTIFY_SMS_USERNAME = env_str("NOTIFY_SMS_USERNAME", "")
NOTIFY_SMS_PASSWORD = env_str("NOTIFY_SMS_PASSWORD", "")
NOTIFY_SMS_SENDER = env_str("NOTIFY_SMS_SENDER", "KyNangSo")
NOTIFY_SMS_PAYLOAD = env_str(
    "NOTIFY_SMS_PAYLOAD", '{"to": "$phone", "text": "$text", "from": "$sender", "ref": "$ref"}'
)
# How the phone is written in the payload: e164 (+84912345678), digits (84912345678), national (0912345678).
NOTIFY_SMS_PHONE_FORMAT = env_str("NOTIFY_SMS_PHONE_FORMAT", "e164")
NOTIFY_SMS_TIMEOUT = env_int("NOTIFY_SMS_TIMEOUT", 10)
# Zalo official-account notifications (ZNS): POST JSON with the access_token header; one approved
# template per kind, as "kind=template_id,kind=template_id".
NOTIFY_ZALO_URL = env_url(
    "NOTIFY_ZALO_URL", "https://business.openapi.zalo.me/message/template", schemes=("http", "https")
)
NOTIFY_ZALO_ACCESS_TOKEN = env_str("NOTIFY_ZALO_ACCESS_TOKEN", "")
NOTIFY_ZALO_TEMPLATES = dict(item.split("=", 1) for item in env_list("NOTIFY_ZALO_TEMPLATES", []) if "=" in item)
NOTIFY_ZALO_TIMEOUT = env_int("NOTIFY_ZALO_TIMEOUT", 10)
# Sends per channel per minute (0: no limit); over it, sending waits for the next minute.
NOTIFY_RATE_PER_MINUTE = {
    "sms": env_int("NOTIFY_RATE_SMS", 300),
    "zalo": env_int("NOTIFY_RATE_ZALO", 300),
    "email": env_int("NOTIFY_RATE_EMAIL", 120),
}
# A transient failure (timeout, 5xx) is retried after 30 s, 60 s, 120 s, ... up to this many attempts.
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 5)
NOTIFY_RETRY_BASE_SECONDS = env_int("NOTIFY_RETRY_BASE_SECONDS", 30)
# The sweeper queues again messages queued longer than this, and fails sends stuck this long.
NOTIFY_REQUEUE_SECONDS = env_int("NOTIFY_REQUEUE_SECONDS", 900)
NOTIFY_SENDING_STALE_SECONDS = env_int("NOTIFY_SENDING_STALE_SECONDS", 600)
NOTIFY_SWEEP_LIMIT = env_int("NOTIFY_SWEEP_LIMIT", 20_000)
# notify_many() writes and queues this many messages per batch.
NOTIFY_BULK_BATCH = env_int("NOTIFY_BULK_BATCH", 1000)

# Logs go to stdout, where the process manager collects them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per Wagtail index update drowns the useful lines.
        "django_tasks": {"level": "WARNING"},
        # django-axes logs every login at INFO; failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; its warnings and errors still show.
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Wagtail.
WAGTAIL_SITE_NAME = "Kỹ Năng Số"
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAIL_I18N_ENABLED = False
# Slugs are ASCII, folded from Vietnamese titles ("Đồng" → "dong", accounts.slugs): links survive every app.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("vi", _("Tiếng Việt"))]
# Offline by default: no update check, no Gravatar, no oEmbed lookups.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_FINDERS = []
# Set true only where the deployment reaches the internet; lessons then show external embeds.
KNS_INTERNET_EMBEDS = env_bool("KNS_INTERNET_EMBEDS", False)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "mp4", "webm", "mp3", "m4a", "ogg"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024  # lesson videos
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_PASSWORD_RESET_ENABLED = True
WAGTAILUSERS_PASSWORD_REQUIRED = True
WAGTAIL_USER_CUSTOM_FIELDS = ["full_name", "phone", "position", "unit", "commune"]
