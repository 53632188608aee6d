"""Usage counts and «Var dette nyttig?» feedback for any content object."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Model
from django.utils import timezone

from portal.models import Feedback, UsageCount

# The content models that take «Var dette nyttig?» feedback (app_label.model_name).
FEEDBACK_MODELS = {
    "learning.module",
    "learning.bestpractice",
    "learning.faq",
    "marketinfo.summary",
    "employers.conversationguide",
}


def record_view(obj: Model) -> None:
    """Add one view to today's count for `obj`: one upsert, no per-person record."""
    content_type = ContentType.objects.get_for_model(obj)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {UsageCount._meta.db_table} (content_type_id, object_id, day, views)
            VALUES (%s, %s, %s, 1)
            ON CONFLICT (content_type_id, object_id, day)
            DO UPDATE SET views = {UsageCount._meta.db_table}.views + 1
            """,  # noqa: S608 - table name from our own model, values are parameters
            [content_type.pk, obj.pk, timezone.localdate()],
        )


def feedback_for(*, user, obj: Model) -> Feedback | None:
    if not user.is_authenticated:
        return None
    content_type = ContentType.objects.get_for_model(obj)
    return Feedback.objects.filter(content_type=content_type, object_id=obj.pk, user=user).first()


def feedback_target(label: str, pk: int, user) -> Model | None:
    """The object a feedback form points at, if it takes feedback and the user may see it."""
    from django.apps import apps

    if label not in FEEDBACK_MODELS:
        return None
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return None
    if hasattr(obj, "is_visible_to"):
        return obj if obj.is_visible_to(user) else None
    if getattr(obj, "status", "published") != "published":
        return None
    return obj


def feedback_give(*, user, obj: Model, useful: bool, comment: str = "") -> Feedback:
    content_type = ContentType.objects.get_for_model(obj)
    feedback, _ = Feedback.objects.update_or_create(
        content_type=content_type,
        object_id=obj.pk,
        user=user,
        defaults={"useful": useful, "comment": comment.strip()[:1000]},
    )
    return feedback
