"""gunicorn's settings for the portal: `gunicorn -c python:portal.gunicorn_conf portal.wsgi`.

Used by the Dockerfile and by the fault tests' server. gunicorn's access and error logs do not
pass through Django's LOGGING, so they get the same redaction filter here, and the access log
records the path without its query string (search terms travel there). Bind address, workers
and where the logs go stay on the command line.
"""

from gunicorn.glogging import Logger

from portal.logging import RedactPersonalData

# %(U)s is the path without the query string; no referer (a full URL, query and all).
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(a)s"'


class RedactingLogger(Logger):
    """gunicorn's logger, with portal.logging's filter on every handler it sets up: feed
    tokens in paths become a hash, identity numbers and e-mail addresses are removed."""

    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, RedactPersonalData) for f in handler.filters):
                    handler.addFilter(RedactPersonalData())


logger_class = RedactingLogger
