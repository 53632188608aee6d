# Production image: gunicorn serving the portal; the same image runs the Celery worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.12-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=portal.settings.prod
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --uid 10001 portal
WORKDIR /app
COPY requirements/base.lock ./requirements/
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/base.lock
COPY . .
COPY --from=assets /build/node_modules ./node_modules
RUN python scripts/build_assets.py \
 && rm -rf node_modules \
 && python manage.py compilemessages --ignore=node_modules -v 0 \
 && SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build python manage.py collectstatic --no-input -v 0
USER portal
EXPOSE 8000
# portal.gunicorn_conf: the access log without query strings, every gunicorn log redacted.
CMD ["gunicorn", "--config", "python:portal.gunicorn_conf", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--no-control-socket", "--access-logfile", "-"]
