"""Gunicorn, the production web server: `make serve`, or
`.venv/bin/gunicorn -c gunicorn.conf.py outsourcing.wsgi`. Every setting is here; the
environment overrides the few that differ between machines."""

import multiprocessing
import os

wsgi_app = "outsourcing.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Threads, not only processes: requests mostly wait on PostgreSQL, and a thread costs far
# less memory than a process holding Django, pandas and numpy.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# Long work runs in Celery, so a request taking 60 s is stuck: kill it rather than queue
# behind it. Uploads stay small (IMPORT_MAX_BYTES).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Longer than a proxy's idle timeout (nginx keeps upstream connections 60 s): a server
# that drops a kept-alive connection first races the next request sent on it, and that
# request fails with a reset. (Seen in the load benchmark with 5 s.)
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "75"))
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200

# Behind a TLS-terminating proxy on the same host; widen for a proxy elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
