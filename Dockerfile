# Rebound in production: gunicorn serving Django, SQLite in the /data volume by default,
# PostgreSQL when DATABASE_URL is set.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REBOUND_DATA_DIR=/data \
    PORT=8000

RUN groupadd --system rebound && useradd --system --gid rebound --home /app rebound

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN pip install .

COPY --chown=rebound:rebound . .

# Hashed, compressed static files, made at build time (collectstatic needs a key, not a secret one).
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && mkdir -p /data && chown rebound:rebound /data

USER rebound
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"

# Migrations run at start, so a new image upgrades the database it is given.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn -c config/gunicorn.py config.wsgi"]
