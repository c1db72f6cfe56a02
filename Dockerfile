# Rebound in production: gunicorn serving Django, SQLite in the /data volume by default,
# PostgreSQL when DATABASE_URL is set. `.ci/run` builds and smoke-tests this file.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REBOUND_DATA_DIR=/data \
    PORT=8000

# A fixed uid and gid, 10001, so a host folder mounted on /data can be handed to it
# (`chown 10001:10001 /srv/rebound-data`). No home folder: nothing should write outside /data.
RUN groupadd --system --gid 10001 rebound \
    && useradd --system --uid 10001 --gid rebound --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin rebound

WORKDIR /app

# Dependencies first, in their own layer, rebuilt only when the lock changes: the runtime lock,
# every version and hash pinned, no development tools. Rebound runs from /app (manage.py), so
# the project itself is not installed.
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt

# The code belongs to root and is only readable by the user that runs it; only /data is its.
COPY . .

# Hashed, compressed static files and bytecode, made at build time (collectstatic needs a key,
# not a secret one).
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput \
    && python -m compileall -q . \
    && mkdir -p /data && chown rebound:rebound /data && chmod 0700 /data

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000

# Probes the address gunicorn binds to (GUNICORN_BIND, else PORT), computed by config/gunicorn.py.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "config/gunicorn.py", "--healthcheck"]

# Migrations run at start, so a new image upgrades the database it is given.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn -c config/gunicorn.py config.wsgi"]
