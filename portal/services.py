"""Writes of the portal core that span models or have side effects."""

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import mailers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import ngettext, override

from portal import cache
from portal.freshness import FreshContent, Freshness, fresh_content_models
from portal.models import (
    DEFAULT_EMAIL_CHOICE,
    KINDS_MAILED_BY_APPS,
    EmailChoice,
    FreshnessRun,
    Notification,
    NotificationKind,
    User,
)
from portal.unread import forget_unread_counts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationDraft:
    recipient_id: int
    kind: str
    title: str
    dedup_key: str
    body: str = ""
    url: str = ""
    # The app mails this news itself (an assignment's calendar invitation says it all):
    # neither the mail right away nor the digest repeats it.
    mailed_by_app: bool = False


def notifications_create(*, drafts: Iterable[NotificationDraft]) -> int:
    """Create notifications, each at most once per recipient and key; return how many are new.

    Those whose recipients want e-mail right away are handed to Celery after the commit.
    """
    from portal.outbox import enqueue
    from portal.tasks import send_notification_email

    drafts = list(drafts)
    if not drafts:
        return 0
    now = timezone.now()
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient_id=d.recipient_id,
                    kind=d.kind,
                    title=d.title[:200],
                    body=d.body,
                    url=d.url,
                    dedup_key=d.dedup_key,
                    created_at=now,
                    emailed_at=now if d.mailed_by_app else None,
                )
                for d in drafts
            ],
            ignore_conflicts=True,
        )
        forget_unread_counts(d.recipient_id for d in drafts)
        # With ignore_conflicts PostgreSQL gives no ids back, so ask which ones are ours.
        fresh = list(
            Notification.objects.filter(created_at=now)
            .filter(
                recipient_id__in={d.recipient_id for d in drafts},
                dedup_key__in={d.dedup_key for d in drafts},
            )
            .select_related("recipient")
        )
        immediate = [
            n.pk
            for n in fresh
            if n.kind not in KINDS_MAILED_BY_APPS
            and n.emailed_at is None
            and n.recipient.email_choice(n.kind) == EmailChoice.IMMEDIATE
        ]
        for pk in immediate:
            enqueue(send_notification_email, pk)
    return len(fresh)


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
                message=f"{notification.body}\n\n{absolute_url(notification.url)}".strip(),
                from_email=None,
                recipient_list=[recipient.email],
            )
    return True


def absolute_url(path: str) -> str:
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def _wanted_by_email(frequency: str) -> Q:
    """Notifications whose recipient chose `frequency` for their kind (or has it by default)."""
    wanted = Q(pk__in=[])
    for kind in NotificationKind.values:
        if kind in KINDS_MAILED_BY_APPS:
            continue
        chosen = Q(**{f"recipient__email_preferences__{kind}": frequency})
        if DEFAULT_EMAIL_CHOICE.get(kind, EmailChoice.DAILY) == frequency:
            chosen |= ~Q(recipient__email_preferences__has_key=kind)
        wanted |= Q(kind=kind) & chosen
    return wanted


DIGEST_BATCH = 200


def digests_send(*, frequency: str, now=None) -> int:
    """Mail each person one digest of what they chose to get daily (or weekly); return how many.

    Each person's notifications are claimed (emailed_at set) in the same transaction as the
    mail is sent, so a second run, or a run beside this one, sends nothing twice.
    """
    now = now or timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            recipient__is_active=True,
            created_at__lte=now,
        )
        .exclude(recipient__email="")
        .filter(_wanted_by_email(frequency))
    )
    recipient_ids = list(pending.values_list("recipient_id", flat=True).distinct().order_by())
    sent = 0
    # A few hundred people per transaction and per mail connection: one claim, one UPDATE and
    # one SMTP session for the lot, instead of a transaction and a connection per person.
    for start in range(0, len(recipient_ids), DIGEST_BATCH):
        batch = recipient_ids[start : start + DIGEST_BATCH]
        with transaction.atomic():
            claimed = list(
                pending.filter(recipient_id__in=batch)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient")
                .order_by("recipient_id", "created_at")
            )
            if not claimed:
                continue
            Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed_at=now)
            by_recipient: dict[int, list[Notification]] = {}
            for notification in claimed:
                by_recipient.setdefault(notification.recipient_id, []).append(notification)
            messages = [
                _digest_message(mine[0].recipient, mine, frequency)
                for mine in by_recipient.values()
            ]
            mailers.default.send_messages(messages)
            sent += len(messages)
    return sent


def _digest_message(recipient, notifications: list, frequency: str):
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    with override(recipient.language):
        context = {
            "recipient": recipient,
            "notifications": notifications,
            "frequency": frequency,
            "site_url": settings.SITE_URL,
        }
        message = EmailMultiAlternatives(
            subject=render_to_string("portal/email/digest_subject.txt", context).strip(),
            body=render_to_string("portal/email/digest.txt", context),
            to=[recipient.email],
        )
        message.attach_alternative(
            render_to_string("portal/email/digest.html", context), "text/html"
        )
    return message


def content_mark_reviewed(*, item: FreshContent, by: User) -> FreshContent:
    """Looked at, no change needed: fresh again from now."""
    item.mark_reviewed(by=by)
    item.save(
        update_fields=["last_reviewed_at", "last_reviewed_by", "freshness", "freshness_changed_at"]
    )
    cache.bump(cache.FRESHNESS)
    return item


def content_change_owner(*, item: FreshContent, owner: User) -> FreshContent:
    item.owner = owner
    item.save(update_fields=["owner"])
    return item


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
        if changes:
            cache.bump(cache.FRESHNESS)
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


def user_set_preferences(
    *, user: User, language: str, email_preferences: dict, journey_phase: str = ""
) -> None:
    user.language = language
    user.email_preferences = email_preferences
    user.journey_phase = journey_phase
    user.save(update_fields=["language", "email_preferences", "journey_phase"])


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark the user's notifications read: the given ones, or all when ids is None."""
    unread = Notification.objects.for_user(user).unread()
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    marked = unread.update(read_at=timezone.now())
    if marked:
        forget_unread_counts([user.pk])
    return marked


def user_started(*, user: User) -> None:
    """A person was created or given a start date: each app's onboarding for them runs after
    the commit (`<app>/onboarding.py` declares `ON_START`, a Celery task taking the user's id;
    learning's gives the Ny i NAV path). Called where that happens (admin, the first sign-in)
    rather than from a post_save signal, so a plain `User.objects.create` in a test, a script
    or the demo data assigns nothing behind its back (learning's demo assigns its own)."""
    from portal.outbox import enqueue
    from portal.registry import declared

    for task in declared("onboarding", "ON_START"):
        enqueue(task, user.pk)
