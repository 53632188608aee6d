"""Completions that expire, and the module assigned again before they do."""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from learning.models import Assignment, AssignmentSource, Progress, ProgressStatus
from portal.dates import long_date
from portal.models import NotificationKind
from portal.services import NotificationDraft, notifications_create

RENEWAL_NOTICE_DAYS = 30


def renewals_run(*, today: date | None = None) -> dict[str, int]:
    """Expire completions whose time has come; a month ahead, assign the module again."""
    today = today or timezone.localdate()
    expired = Progress.objects.filter(
        status=ProgressStatus.COMPLETED, expires_on__lte=today
    ).update(status=ProgressStatus.EXPIRED, updated_at=timezone.now())
    open_renewal = Assignment.objects.open().filter(
        user_id=OuterRef("user_id"), module_id=OuterRef("module_id")
    )
    due = list(
        Progress.objects.filter(
            status__in=[ProgressStatus.COMPLETED, ProgressStatus.EXPIRED],
            expires_on__lte=today + timedelta(days=RENEWAL_NOTICE_DAYS),
        )
        .filter(~Exists(open_renewal))
        .select_related("module", "user")
    )
    with transaction.atomic():
        created = Assignment.objects.bulk_create(
            [
                Assignment(
                    user_id=p.user_id,
                    module=p.module,
                    due_on=max(p.expires_on, today),
                    mandatory=True,
                    reserved_minutes=p.module.minutes,
                    source=AssignmentSource.RENEWAL,
                )
                for p in due
            ]
        )
        drafts = []
        for p in due:
            with override(p.user.language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=p.user_id,
                        kind=NotificationKind.DUE_SOON,
                        title=_("Time to renew %(module)s: your completion expires %(day)s")
                        % {"module": p.module.title, "day": long_date(p.expires_on)},
                        dedup_key=f"renewal:{p.pk}:{p.expires_on:%Y%m%d}",
                        url=p.module.get_absolute_url(),
                    )
                )
        notifications_create(drafts=drafts)
    return {"expired": expired, "assigned": len(created)}
