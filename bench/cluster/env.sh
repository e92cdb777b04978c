# Environment of every process of `make cluster` (sourced by scripts/cluster.sh): config.settings.production
# with each variable it reads set here, so nothing comes from the caller's shell by accident.
# Ports, database and Redis number can be overridden from the environment (CLUSTER_* variables).
CLUSTER_DIR=${CLUSTER_DIR:-$PWD/var/cluster}
CLUSTER_LB_PORT=${CLUSTER_LB_PORT:-8100}
CLUSTER_APP_PORTS=${CLUSTER_APP_PORTS:-"8101 8102"}
CLUSTER_SINGLE_PORT=${CLUSTER_SINGLE_PORT:-8104}  # the balancer's second door: the first app server alone
CLUSTER_DB=${CLUSTER_DB:-kns_cluster}
CLUSTER_PG=${CLUSTER_PG:-postgres://postgres@127.0.0.1:5432}
CLUSTER_REDIS=${CLUSTER_REDIS:-redis://127.0.0.1:6379/11}
CLUSTER_MEDIA=${CLUSTER_MEDIA:-s3}  # s3 (two buckets on moto's server) or files (one folder every process sees)
CLUSTER_S3_PORT=${CLUSTER_S3_PORT:-8120}

mkdir -p "$CLUSTER_DIR"
# One random secret per cluster directory, kept so that sessions survive a restart.
if [[ ! -s "$CLUSTER_DIR/secret_key" ]]; then
    (umask 077 && openssl rand -base64 60 | tr -d '\n=+/' >"$CLUSTER_DIR/secret_key")
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$(cat "$CLUSTER_DIR/secret_key")
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS="https://127.0.0.1:$CLUSTER_LB_PORT,https://127.0.0.1:$CLUSTER_SINGLE_PORT"
export PUBLIC_BASE_URL="https://127.0.0.1:$CLUSTER_LB_PORT"
export DATABASE_URL="$CLUSTER_PG/$CLUSTER_DB"
export DATABASE_CONN_MAX_AGE=60
export CACHE_URL="$CLUSTER_REDIS"
export CELERY_BROKER_URL="$CLUSTER_REDIS"
export STATIC_ROOT="$CLUSTER_DIR/static"
export MEDIA_ROOT="$CLUSTER_DIR/media"
export PRIVATE_MEDIA_ROOT="$CLUSTER_DIR/private"
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export NOTIFY_CHANNELS=email
export LOG_LEVEL=WARNING
# nginx terminates TLS and is the one proxy in front of the app servers: client addresses come from
# X-Forwarded-For, the scheme from X-Forwarded-Proto (the HTTPS redirect and secure cookies stay on).
export KNS_TRUSTED_PROXY_COUNT=1
export SECURE_SSL_REDIRECT=true
# Every simulated user comes from 127.0.0.1: the per-address login limit (60 per 10 minutes) would
# answer 429 to the second minute of logins. Per-account lockouts (django-axes) stay as they are.
export KNS_LOGIN_RATE_LIMIT=${KNS_LOGIN_RATE_LIMIT:-100000}
export AXES_FAILURE_LIMIT=${AXES_FAILURE_LIMIT:-5}
if [[ "$CLUSTER_MEDIA" == "s3" ]]; then
    export MEDIA_STORAGE=s3
    export S3_ENDPOINT_URL="http://127.0.0.1:$CLUSTER_S3_PORT"
    export S3_BUCKET=${S3_BUCKET:-kns-cluster-media}
    export S3_PRIVATE_BUCKET=${S3_PRIVATE_BUCKET:-kns-cluster-private}
    export S3_ACCESS_KEY_ID=${S3_ACCESS_KEY_ID:-cluster}
    export S3_SECRET_ACCESS_KEY=${S3_SECRET_ACCESS_KEY:-cluster-secret}
    export S3_REGION=${S3_REGION:-us-east-1}
fi
