"""The audit trail: one call per thing worth answering for later."""

from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import BooleanField, JSONField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL

from portal.models import AuditEvent


def _plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    import json

    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor,
    action: str,
    target: Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=target.pk if target is not None else None,
        target_repr=str(target)[:200] if target is not None else "",
        before=_plain(before),
        after=_plain(after),
    )


def audit_events_clear_text(*, about: QuerySet, keys: Sequence[str]) -> int:
    """Blank `keys` in the before and after values of the events about the objects in `about`.

    An event copies the text it answers for (a contact-log summary, say), so that text must
    go when the retention rule clears it from the object itself. Which fields changed, who
    changed them and when stay, so the trail still says what happened. Set-based; events
    already blank are not written again. Returns the number of events changed."""
    keys = list(keys)

    # `column` is one of our own two column names; the keys go in as parameters.
    def blanked(column: str) -> RawSQL:
        return RawSQL(  # noqa: S611
            f"""CASE WHEN "{column}" ?| %s THEN "{column}" || (
                SELECT jsonb_object_agg(key, '""'::jsonb) FROM jsonb_object_keys("{column}") key
                WHERE key = ANY(%s)
            ) ELSE "{column}" END""",  # noqa: S608
            (keys, keys),
            output_field=JSONField(),
        )

    def holds_text(column: str) -> Q:
        return Q(
            RawSQL(  # noqa: S611
                f"""EXISTS (SELECT FROM jsonb_each_text("{column}")
                WHERE key = ANY(%s) AND value <> '')""",
                (keys,),
                output_field=BooleanField(),
            )
        )

    return (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(about.model),
            target_id__in=about.values("pk"),
        )
        .filter(holds_text("before") | holds_text("after"))
        .update(before=blanked("before"), after=blanked("after"))
    )
