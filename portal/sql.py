"""Raw SQL read by column name: the one way the portal reads the rows its own SQL selects
(where the ORM would cost a page its budget), never by position."""

from django.db import connections


def named_rows(sql: str, params, *, using: str = "default") -> list[dict]:
    """The rows of `sql`, each a dict from the names its SELECT gives the columns."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
