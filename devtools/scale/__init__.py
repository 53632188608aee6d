"""The national data set behind `make bench`: one module per app, run by `driver.build`."""

from django.db import models
from django.urls import reverse


def columns(model: type[models.Model], *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The model's concrete fields in table order, which the builder's rows then follow."""
    return [field.name for field in model._meta.concrete_fields if field.name not in leave_out]


def url_around(name: str) -> tuple[str, str]:
    """What `reverse(name)` puts before and after its one argument (an id or a slug), for SQL
    to build the same URLs."""
    before, _marker, after = reverse(name, args=["999999999"]).partition("999999999")
    return before, after
