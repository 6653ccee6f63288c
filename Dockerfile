# Two stages: the build tools and pip caches stay in the first; the image that
# runs holds the virtualenv, the code, the compiled catalogue, the collected
# static files and the libraries WeasyPrint needs — and runs as a user of its own.

FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# The runtime lock, every package pinned and hashed (README "Supply chain"),
# then the portal itself with no dependencies of its own to resolve.
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY portal portal
COPY guidelines guidelines
COPY declarations declarations
RUN pip install --no-cache-dir --no-deps .
COPY . .
# A throwaway key for these two commands only; the running image has none
# and refuses to start without a real one.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
 && DEBUG=0 SECRET_KEY=build-only-collectstatic-key-0123456789-abcdefghijklmnopqrstuvwxyz \
    STATIC_ROOT=/app/staticfiles python manage.py collectstatic --no-input -v0

FROM python:3.11-slim-bookworm
# Pango and HarfBuzz for WeasyPrint; a Japanese font, without which PDFs draw
# empty boxes.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fontconfig \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin portal
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /app/var/media && chown portal:portal /app/var/media
ENV PATH=/opt/venv/bin:$PATH \
    DEBUG=0 \
    STATIC_ROOT=/app/staticfiles \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
WORKDIR /app
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["python", "scripts/healthcheck.py", "web"]
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
