#!/usr/bin/env bash
# The production processes on this machine, without Docker: gunicorn, a Celery
# worker and beat, with DEBUG off, against the local PostgreSQL and Redis.
# Only the signing key is the development one (SIGNING_ALLOW_DEVELOPMENT_KEY=1).
# Ctrl-C (or SIGTERM) stops all three. The benchmark and a smoke test use it.
#
#   PROD_LIKE_PORT (8001)  PROD_LIKE_DB (portal_prodlike)  PROD_LIKE_WORKERS (2)
#   PROD_LIKE_REDIS_DB (2: the broker; the next one is the cache)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PROD_LIKE_PORT:-8001}
DB=${PROD_LIKE_DB:-portal_prodlike}
REDIS_DB=${PROD_LIKE_REDIS_DB:-2}
STATE=var/prod-like
BIN=.venv/bin
mkdir -p "$STATE"
[ -s "$STATE/secret_key" ] || "$BIN/python" -c "import secrets; print(secrets.token_urlsafe(60))" > "$STATE/secret_key"

export DEBUG=0
export SECRET_KEY_FILE="$PWD/$STATE/secret_key"
export ALLOWED_HOSTS=127.0.0.1,localhost
export SITE_URL="http://127.0.0.1:$PORT"
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB"
export CELERY_BROKER_URL="redis://127.0.0.1:6379/$REDIS_DB"
export CACHE_URL="redis://127.0.0.1:6379/$((REDIS_DB + 1))"
export STATIC_ROOT="$PWD/$STATE/static" MEDIA_ROOT="$PWD/$STATE/media"
export SIGNING_ALLOW_DEVELOPMENT_KEY=1

psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname='$DB'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres "$DB"
DEBUG=1 "$BIN/python" manage.py create_dev_signing_key -v0
"$BIN/python" manage.py migrate --no-input -v0
"$BIN/python" manage.py seed_demo > /dev/null
# Collecting and compressing ~1,000 files takes a minute: only when one changed.
manifest="$STATIC_ROOT/staticfiles.json"
if [ ! -f "$manifest" ] || [ -n "$(find static .venv/lib -newer "$manifest" -path '*static*' -print -quit)" ]; then
  "$BIN/python" manage.py collectstatic --no-input -v0
fi

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait; }
trap stop EXIT INT TERM

"$BIN/gunicorn" portal.wsgi --bind "127.0.0.1:$PORT" --workers "${PROD_LIKE_WORKERS:-2}" \
  --log-level warning &
pids+=($!)
"$BIN/celery" -A portal worker -l warning --concurrency 2 -n "prodlike-$PORT@%h" &
pids+=($!)
"$BIN/celery" -A portal beat -l warning --schedule "$STATE/celerybeat-schedule" &
pids+=($!)
echo "prod-like: http://127.0.0.1:$PORT/ (gunicorn, worker, beat; Ctrl-C stops them)"
wait -n
