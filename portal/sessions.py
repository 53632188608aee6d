"""Sessions in the database, exactly as Django's own backend keeps them, with the one read that
every request makes written as plain SQL: built by the ORM, that read cost about a millisecond
of Python per request here, a fifth of an htmx partial's whole cost. Its test holds it to
Django's own store in every case (load, modified, cycle_key, expired, unknown, corrupt).

Kept in the database rather than in Redis on purpose: signing out must end a session at once,
also when Redis is away at that moment (README → Production and scaling out).
"""

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def load(self) -> dict:
        model = self.model
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {quote(model._meta.db_table)} "  # noqa: S608 - our table
                "WHERE session_key = %s AND expire_date > %s",
                [self.session_key, timezone.now()],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's: an unknown or expired key starts afresh
            return {}
        return self.decode(row[0])
