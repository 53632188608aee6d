"""Writes of experience sharing: posts, comments, reports and hiding."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import Share, ShareComment, ShareReport
from portal.audit import audit_record
from portal.models import NotificationKind, Role, User
from portal.services import NotificationDraft, notifications_create


def share_create(*, author: User, **fields) -> Share:
    return Share.objects.create(author=author, office=author.office, **fields)


def share_comment(*, share: Share, author: User, text: str) -> ShareComment:
    return ShareComment.objects.create(share=share, author=author, text=text)


def share_report(*, share: Share, reporter: User, reason: str) -> ShareReport:
    """Keep the report once per person and tell the office's managers."""
    with transaction.atomic():
        report, _created = ShareReport.objects.get_or_create(
            share=share, reporter=reporter, defaults={"reason": reason}
        )
        managers = User.objects.filter(office=share.office, is_active=True).with_role(Role.MANAGER)
        notifications_create(
            drafts=[
                NotificationDraft(
                    recipient_id=m.pk,
                    kind=NotificationKind.POST_REPORTED,
                    title=_("A shared experience was reported"),
                    dedup_key=f"share-reported:{share.pk}",
                    url=share.get_absolute_url(),
                )
                for m in managers
            ]
        )
    return report


def share_hide(*, share: Share, by: User, reason: str) -> Share:
    with transaction.atomic():
        share.hidden_at = timezone.now()
        share.hidden_by = by
        share.hidden_reason = reason
        share.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit_record(actor=by, action="share.hidden", target=share, after={"reason": reason})
    return share
