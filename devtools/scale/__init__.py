"""The national data set behind `make bench`: one module per app, run by `driver.build`."""

from django.db import models


def columns(model: type[models.Model], *, leave_out: tuple[str, ...] = ()) -> list[str]:
    """The model's concrete fields in table order, which the builder's rows then follow."""
    return [field.name for field in model._meta.concrete_fields if field.name not in leave_out]
