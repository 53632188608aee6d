import functools

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import connections, router
from django.db.models import FETCH_ONE

from portal.models import Office, Region


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = load_user_with_office(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


# Every request loads the signed-in person with office and region (nearly every page shows or
# checks them). Built by the ORM, that one query cost about 2 ms of Python per request here, more
# than a third of a bare page; most of it went to compiling the same SQL again each time. The
# SQL is therefore written once per process, and the rows are turned into model instances the
# way the ORM does it (each field's own converters, `from_db` with the default fetch mode, the
# related objects cached). tests/portal/test_user_loading.py compares the objects with the ORM's.
@functools.cache
def _user_query(database_alias: str) -> str:
    quote = connections[database_alias].ops.quote_name
    user_model = get_user_model()
    tables = {"u": user_model, "o": Office, "r": Region}
    columns = ", ".join(
        f"{alias}.{quote(field.column)}"
        for alias, model in tables.items()
        for field in model._meta.concrete_fields
    )
    office_column = quote(user_model._meta.get_field("office").column)
    region_column = quote(Office._meta.get_field("region").column)
    return f"""
        SELECT {columns} FROM {quote(user_model._meta.db_table)} u
        LEFT JOIN {quote(Office._meta.db_table)} o
            ON o.{quote(Office._meta.pk.column)} = u.{office_column}
        LEFT JOIN {quote(Region._meta.db_table)} r
            ON r.{quote(Region._meta.pk.column)} = o.{region_column}
        WHERE u.{quote(user_model._meta.pk.column)} = %s
    """  # noqa: S608 - names from our own models' metadata; the id is a parameter


def _instance(model, values, connection):
    fields = model._meta.concrete_fields
    converted = []
    for field, value in zip(fields, values, strict=True):
        converters = connection.ops.get_db_converters(field) + field.get_db_converters(connection)
        for convert in converters:
            value = convert(value, field, connection)
        converted.append(value)
    names = [field.attname for field in fields]
    return model.from_db(connection.alias, names, converted, fetch_mode=FETCH_ONE)


def load_user_with_office(user_id):
    """The user with `office` and `office.region` loaded, in one query; None if not found."""
    user_model = get_user_model()
    try:
        user_id = user_model._meta.pk.to_python(user_id)
    except Exception:
        return None
    connection = connections[router.db_for_read(user_model)]
    with connection.cursor() as cursor:
        cursor.execute(_user_query(connection.alias), [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    user_width = len(user_model._meta.concrete_fields)
    office_width = len(Office._meta.concrete_fields)
    user = _instance(user_model, row[:user_width], connection)
    office_row = row[user_width : user_width + office_width]
    office = None
    if office_row[0] is not None:
        office = _instance(Office, office_row, connection)
        region = _instance(Region, row[user_width + office_width :], connection)
        Office._meta.get_field("region").set_cached_value(office, region)
    user_model._meta.get_field("office").set_cached_value(user, office)
    return user
