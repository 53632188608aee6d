"""The automatic reminders of assignments and the escalation to managers."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from learning.models import Assignment
from portal.dates import long_date
from portal.models import Notification, NotificationKind, Role, User
from portal.services import NotificationDraft, notifications_create

ESCALATE_AFTER_DAYS = 7


def _not_notified(prefix: str, recipient: str | None = "user_id") -> Exists:
    key = Concat(Value(prefix), Cast(OuterRef("pk"), output_field=CharField()))
    sent = Notification.objects.filter(dedup_key=key)
    if recipient:
        sent = sent.filter(recipient_id=OuterRef(recipient))
    return ~Exists(sent)


REMINDERS = {
    # dedup-key prefix: the notification kind (the title is _reminder_title's)
    "due-week:": NotificationKind.DUE_SOON,
    "due-day:": NotificationKind.DUE_SOON,
    "overdue:": NotificationKind.OVERDUE,
}


def _reminder_title(prefix: str, assignment: Assignment) -> str:
    values = {
        "module": assignment.module.title,
        "due": long_date(assignment.due_on),
        "minutes": assignment.reserved_minutes,
    }
    if prefix == "due-week:":
        return _("Due in a week: %(module)s (%(due)s, %(minutes)s min)") % values
    if prefix == "due-day:":
        return _("Due tomorrow: %(module)s (%(minutes)s min)") % values
    return _("Overdue: %(module)s was due %(due)s") % values


def reminders_send(*, today: date | None = None) -> dict[str, int]:
    """Reminders a week before, a day before and when overdue; escalation after a week overdue.

    One query per threshold selects the assignments that crossed it and have not been told;
    the unique (recipient, dedup_key) of notifications keeps each reminder to exactly once.
    """
    today = today or timezone.localdate()
    base = Assignment.objects.open().select_related("module", "user")
    thresholds = {
        "due-week:": base.filter(
            due_on__gt=today + timedelta(days=1), due_on__lte=today + timedelta(days=7)
        ),
        "due-day:": base.filter(due_on__gte=today, due_on__lte=today + timedelta(days=1)),
        "overdue:": base.filter(due_on__lt=today),
    }
    counts = {}
    for prefix, rows in thresholds.items():
        drafts = []
        for a in rows.filter(_not_notified(prefix)):
            with override(a.user.language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=a.user_id,
                        kind=REMINDERS[prefix],
                        title=_reminder_title(prefix, a),
                        dedup_key=f"{prefix}{a.pk}",
                        url=a.module.get_absolute_url(),
                    )
                )
        counts[prefix.rstrip(":")] = notifications_create(drafts=drafts)
    counts["escalated"] = escalations_send(today=today)
    return counts


def escalations_send(*, today: date) -> int:
    """Tell the managers of the assignee's office when an assignment is over a week late."""
    late = list(
        Assignment.objects.open()
        .filter(due_on__lt=today - timedelta(days=ESCALATE_AFTER_DAYS))
        .filter(_not_notified("escalated:", recipient=None))
        .select_related("module", "user")
    )
    if not late:
        return 0
    managers = defaultdict(list)
    for manager in (
        User.objects.filter(office_id__in={a.user.office_id for a in late}, is_active=True)
        .with_role(Role.MANAGER)
        .only("pk", "office_id", "language")
    ):
        managers[manager.office_id].append(manager)
    drafts = []
    for a in late:
        for manager in managers[a.user.office_id]:
            with override(manager.language):
                drafts.append(
                    NotificationDraft(
                        recipient_id=manager.pk,
                        kind=NotificationKind.OVERDUE,
                        title=_("%(name)s is more than a week late with %(module)s")
                        % {"name": a.user, "module": a.module.title},
                        dedup_key=f"escalated:{a.pk}",
                        url=reverse("learning:person", args=[a.user_id]),
                    )
                )
    return notifications_create(drafts=drafts)
