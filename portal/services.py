"""Writes of the portal core that span models or have side effects."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext, override

from portal.freshness import Freshness, fresh_content_models
from portal.models import (
    KINDS_MAILED_BY_APPS,
    EmailChoice,
    FreshnessRun,
    Notification,
    NotificationKind,
    User,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationDraft:
    recipient_id: int
    kind: str
    title: str
    dedup_key: str
    body: str = ""
    url: str = ""


def notifications_create(*, drafts: Iterable[NotificationDraft]) -> int:
    """Create notifications, each at most once per recipient and key; return how many are new.

    Those whose recipients want e-mail right away are handed to Celery after the commit.
    """
    from portal.tasks import send_notification_email

    drafts = list(drafts)
    if not drafts:
        return 0
    now = timezone.now()
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=d.recipient_id,
                    kind=d.kind,
                    title=d.title[:200],
                    body=d.body,
                    url=d.url,
                    dedup_key=d.dedup_key,
                    created_at=now,
                )
                for d in drafts
            ],
            ignore_conflicts=True,
        )
        # With ignore_conflicts PostgreSQL gives no ids back, so ask which ones are ours.
        fresh = Notification.objects.filter(created_at=now, emailed_at__isnull=True).filter(
            recipient_id__in={d.recipient_id for d in drafts},
            dedup_key__in={d.dedup_key for d in drafts},
        )
        immediate = [
            n.pk
            for n in fresh.select_related("recipient")
            if n.kind not in KINDS_MAILED_BY_APPS
            and n.recipient.email_choice(n.kind) == EmailChoice.IMMEDIATE
        ]
        for pk in immediate:
            transaction.on_commit(lambda pk=pk: send_notification_email.delay(pk))
    return len(created)


def notification_send_email(*, notification_id: int) -> bool:
    """Mail one notification, exactly once: the row is claimed before the mail goes out."""
    from django.core.mail import send_mail

    with transaction.atomic():
        claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if not claimed:
            return False
        notification = Notification.objects.select_related("recipient").get(pk=notification_id)
        recipient = notification.recipient
        if not recipient.email or not recipient.is_active:
            return False
        with override(recipient.language):
            send_mail(
                subject=notification.title,
                message=f"{notification.body}\n\n{notification.url}".strip(),
                from_email=None,
                recipient_list=[recipient.email],
            )
    return True


def freshness_refresh(*, now=None) -> FreshnessRun:
    """Recompute freshness for all content, record the run, tell owners what became due."""
    now = now or timezone.now()
    changes: dict[str, dict[str, int]] = {}
    due_by_owner: Counter[int] = Counter()
    with transaction.atomic():
        for model in fresh_content_models():
            changed = model.objects.refresh_freshness(now=now)
            if not changed:
                continue
            changes[model._meta.label] = changed
            if Freshness.REVIEW_DUE in changed:
                owners = model.objects.filter(
                    freshness=Freshness.REVIEW_DUE,
                    freshness_changed_at=now,
                    owner__isnull=False,
                    owner__is_active=True,
                ).values_list("owner_id", flat=True)
                due_by_owner.update(owners)
        run = FreshnessRun.objects.create(
            started_at=now, finished_at=timezone.now(), changes=changes
        )
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=owner_id,
                    kind=NotificationKind.REVIEW_DUE,
                    title=ngettext(
                        "%(count)d item you own is due for review",
                        "%(count)d items you own are due for review",
                        count,
                    )
                    % {"count": count},
                    dedup_key=f"review-due:{run.pk}",
                )
                for owner_id, count in due_by_owner.items()
            ]
        )
    if changes:
        logger.info("freshness refresh changed %s", changes)
    return run


def user_set_language(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])
