FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY portal portal
COPY guidelines guidelines
COPY declarations declarations
RUN pip install --no-cache-dir . gunicorn
COPY . .
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v0
ENV DEBUG=0
EXPOSE 8000
