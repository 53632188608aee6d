"""Writes of the market information: summaries, items, publishing, digests, imports."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, Max, Q, Value, When
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from employers.models import Employer
from marketinfo.dashboard import forget_latest_summaries
from marketinfo.models import (
    BoardKioskLink,
    DigestDelivery,
    FeedToken,
    ImportBatch,
    Item,
    ReadingVisit,
    RoleDescription,
    Summary,
    SummaryRevision,
    SummaryStatus,
    new_feed_token,
)
from marketinfo.queries import forget_summary_items
from portal import search
from portal.copying import copy_instances
from portal.freshness import ContentKind, Freshness
from portal.models import EmailChoice, NotificationKind, Office, Region, User
from portal.outbox import enqueue
from portal.services import NotificationDraft, notifications_create

logger = logging.getLogger(__name__)

ITEM_REVIEW_INTERVAL = timedelta(days=7)
SUMMARY_TEXT_FIELDS = ("headline", "highlight_1", "highlight_2", "highlight_3")


# --- summaries ---------------------------------------------------------------------------


def summary_open(
    *, user: User, year: int, week: int, office: Office | None = None, region: Region | None = None
) -> tuple[Summary, bool]:
    """The summary of this office/region and week: the existing one, or a new draft.

    One per office (or region) and week is a database constraint; a second attempt, even at
    the same moment, opens the one that is there.
    """
    scope = {"office": office} if office is not None else {"region": region}
    try:
        with transaction.atomic():
            return Summary.objects.get_or_create(
                year=year, week=week, **scope, defaults={"created_by": user}
            )
    except IntegrityError:
        return Summary.objects.get(year=year, week=week, **scope), False


def _record_revision(*, summary: Summary, user: User, changes: list[str], before: dict) -> None:
    """On a published summary, keep what changed; the page then says «oppdatert»."""
    if not summary.is_published or not changes:
        return
    now = timezone.now()
    SummaryRevision.objects.create(
        summary=summary, created_by=user, created_at=now, changes=changes, before=before
    )
    Summary.objects.filter(pk=summary.pk).update(revised_at=now)
    summary.revised_at = now


def _snapshot(summary: Summary) -> dict:
    return {field: getattr(summary, field) for field in SUMMARY_TEXT_FIELDS}


def summary_update(*, summary: Summary, user: User, data: dict) -> Summary:
    before = _snapshot(Summary.objects.get(pk=summary.pk))
    with transaction.atomic():
        for field in SUMMARY_TEXT_FIELDS:
            setattr(summary, field, data.get(field, ""))
        summary.save(update_fields=[*SUMMARY_TEXT_FIELDS, "updated_at"])
        changed = [
            str(Summary._meta.get_field(f).verbose_name)
            for f in SUMMARY_TEXT_FIELDS
            if before[f] != getattr(summary, f)
        ]
        if changed:
            _record_revision(
                summary=summary,
                user=user,
                changes=[_("Changed: %(fields)s") % {"fields": ", ".join(changed)}],
                before=before,
            )
    return summary


def summary_schedule(*, summary: Summary, user: User, publish_at: datetime) -> Summary:
    """A draft publishes itself at `publish_at` (the beat task looks every minute)."""
    if summary.is_published:
        return summary
    summary.status = SummaryStatus.SCHEDULED
    summary.publish_at = publish_at
    summary.save(update_fields=["status", "publish_at", "updated_at"])
    return summary


def summary_unschedule(*, summary: Summary, user: User) -> Summary:
    Summary.objects.filter(pk=summary.pk, status=SummaryStatus.SCHEDULED).update(
        status=SummaryStatus.DRAFT, publish_at=None
    )
    summary.refresh_from_db()
    return summary


def summary_publish(*, summary_id: int, at: datetime | None = None) -> bool:
    """Publish a summary at `at` (now by default): everything publishing means, for the
    «Publiser nå» button and the scheduled job alike. Safe to call twice: only the call that
    changes the status goes on."""
    at = at or timezone.now()
    with transaction.atomic():
        changed = (
            Summary.objects.filter(pk=summary_id)
            .exclude(status=SummaryStatus.PUBLISHED)
            .update(status=SummaryStatus.PUBLISHED, published_at=at)
        )
        if not changed:
            return False
        # The items carry their summary's publication time: the feeds sort by it.
        Item.objects.filter(summary_id=summary_id).update(published_at=at)
        search.index_queryset(Item.objects.filter(summary_id=summary_id))
        # These three wait for the commit: the caches' generations move on, and the digest
        # (notifications for all, e-mail for some) leaves through the outbox.
        forget_latest_summaries()
        forget_summary_items(summary_id)
        _enqueue_digests([summary_id])
    return True


def summaries_publish_due(*, now: datetime | None = None) -> list[int]:
    """Publish every scheduled summary whose time has come, each at the time chosen for it.
    Safe to run in parallel: a run skips the summaries another run holds."""
    now = now or timezone.now()
    with transaction.atomic():
        due = Summary.objects.due_for_publishing(now).select_for_update(skip_locked=True)
        return [
            pk
            for pk, at in due.values_list("pk", "publish_at")
            if summary_publish(summary_id=pk, at=at)
        ]


def _enqueue_digests(summary_ids: list[int]) -> None:
    from marketinfo.tasks import send_summary_digest

    for pk in summary_ids:
        enqueue(send_summary_digest, pk)


def summary_copy_previous(*, summary: Summary, user: User, now: datetime | None = None) -> int:
    """«Start fra forrige uke»: copy the latest earlier summary's text and current items."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    previous = Summary.objects.previous_to(summary).first()
    if previous is None:
        return 0
    with transaction.atomic():
        if not any(getattr(summary, f) for f in SUMMARY_TEXT_FIELDS):
            for field in SUMMARY_TEXT_FIELDS:
                setattr(summary, field, getattr(previous, field))
            summary.save(update_fields=[*SUMMARY_TEXT_FIELDS, "updated_at"])
        start = _next_position(summary)
        copies = []
        source = previous.items.current().exclude(expires_on__lt=today).order_by("position", "pk")
        for offset, item in enumerate(source):
            item.pk = None
            item.id = None
            item._state.adding = True
            item.summary = summary
            item.position = start + offset
            item.published_at = summary.published_at if summary.is_published else None
            item.office_id = summary.office_id
            item.region_id = summary.scope_region_id
            item.created_at = now
            # Not reviewed by anyone this week: it keeps last week's review time and waits
            # for the author to confirm that it still holds.
            item.needs_confirmation = True
            copies.append(item)
        Item.objects.bulk_create(copies)
        forget_summary_items(summary.pk)
        if copies:
            _record_revision(
                summary=summary,
                user=user,
                changes=[
                    ngettext(
                        "Copied %(count)d item from last week",
                        "Copied %(count)d items from last week",
                        len(copies),
                    )
                    % {"count": len(copies)}
                ],
                before=_snapshot(summary),
            )
    return len(copies)


# --- items -------------------------------------------------------------------------------


def _next_position(summary: Summary) -> int:
    top = summary.items.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def _prepare_item(item: Item, *, user: User, now: datetime) -> None:
    summary = item.summary
    item.office_id = summary.office_id
    item.region_id = summary.scope_region_id
    item.published_at = summary.published_at if summary.is_published else None
    item.content_kind = ContentKind.FLUID
    item.review_interval = ITEM_REVIEW_INTERVAL
    if item.owner_id is None:
        item.owner = user
    item.expires_on = item.compute_expiry(timezone.localdate(now))
    item.mark_reviewed(user, now)
    item.needs_confirmation = False  # the author has just written it
    if item.expires_on < timezone.localdate(now):
        item.freshness = Freshness.EXPIRED
        item.freshness_changed_at = now


def item_save(
    *, item: Item, user: User, changed_fields: list[str] | None = None, now: datetime | None = None
) -> Item:
    """Create or change an item; on a published summary the change goes into the history."""
    now = now or timezone.now()
    is_new = item.pk is None
    with transaction.atomic():
        if is_new:
            item.created_at = now
            item.position = _next_position(item.summary)
        _prepare_item(item, user=user, now=now)
        item.save()
        forget_summary_items(item.summary_id)
        if is_new:
            change = _("Added: %(title)s") % {"title": item.title}
        else:
            change = _("Changed %(title)s: %(fields)s") % {
                "title": item.title,
                "fields": ", ".join(changed_fields or []),
            }
        if is_new or changed_fields:
            _record_revision(
                summary=item.summary, user=user, changes=[change], before=_snapshot(item.summary)
            )
    return item


def items_confirm(*, summary: Summary, user: User, item_ids: list[int] | None = None) -> int:
    """The author confirms that copied items still hold: those of `item_ids`, or all of the
    summary's. They count as reviewed by the author now."""
    now = timezone.now()
    waiting = Item.objects.filter(summary=summary, needs_confirmation=True)
    if item_ids is not None:
        waiting = waiting.filter(pk__in=item_ids)
    # An item past its date stays expired: confirming does not bring it back.
    still_current = ~Q(freshness=Freshness.EXPIRED)
    confirmed = waiting.update(
        needs_confirmation=False,
        last_reviewed_at=now,
        last_reviewed_by=user,
        freshness=Case(When(still_current, then=Value(Freshness.FRESH)), default=F("freshness")),
        freshness_changed_at=Case(
            When(still_current, then=Value(now)), default=F("freshness_changed_at")
        ),
    )
    forget_summary_items(summary.pk)
    return confirmed


def item_delete(*, item: Item, user: User) -> None:
    with transaction.atomic():
        summary = item.summary
        title = item.title
        item.delete()
        forget_summary_items(summary.pk)
        _record_revision(
            summary=summary,
            user=user,
            changes=[_("Removed: %(title)s") % {"title": title}],
            before=_snapshot(summary),
        )


def item_move(*, item: Item, user: User, up: bool) -> bool:
    """Swap the item with its neighbour above or below; False at the top or bottom."""
    with transaction.atomic():
        siblings = list(
            Item.objects.select_for_update()
            .filter(summary_id=item.summary_id)
            .order_by("position", "pk")
            .values_list("pk", flat=True)
        )
        index = siblings.index(item.pk)
        other = index - 1 if up else index + 1
        if other < 0 or other >= len(siblings):
            return False
        siblings[index], siblings[other] = siblings[other], siblings[index]
        Item.objects.bulk_update(
            [Item(pk=pk, position=n) for n, pk in enumerate(siblings)], ["position"]
        )
        forget_summary_items(item.summary_id)
        _record_revision(
            summary=item.summary,
            user=user,
            changes=[_("Order changed: %(title)s") % {"title": item.title}],
            before=_snapshot(item.summary),
        )
    return True


# --- digest --------------------------------------------------------------------------------


def summary_recipients(summary: Summary):
    """Everyone working at the summary's office (or at the region's offices)."""
    people = User.objects.filter(is_active=True)
    if summary.office_id:
        return people.filter(office_id=summary.office_id)
    return people.filter(office__region_id=summary.region_id)


def _claim_deliveries(summary_id: int, user_ids: list[int]) -> set[int]:
    """Insert a delivery row per person; only the rows this call inserted come back."""
    if not user_ids:
        return set()
    table = DigestDelivery._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (summary_id, user_id, sent_at)
            SELECT %s, unnest(%s::bigint[]), %s
            ON CONFLICT (summary_id, user_id) DO NOTHING
            RETURNING user_id
            """,
            [summary_id, user_ids, timezone.now()],
        )
        return {row[0] for row in cursor.fetchall()}


# Stands in for the reader's name while a digest is rendered once per language.
_NAME_MARK = "\u2063reader\u2063"


def _digest_renderer(summary: Summary, items: list[Item]):
    """Render the digest once per language and put each reader's name in afterwards:
    the mail is the same for everyone but the greeting, and an office gets a hundred."""
    base = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
    rendered = {}

    def message_for(user: User) -> EmailMultiAlternatives:
        language = user.language or settings.LANGUAGE_CODE
        if language not in rendered:
            with override(language):
                stand_in = User(first_name=_NAME_MARK, username=_NAME_MARK, language=language)
                context = {"summary": summary, "items": items, "user": stand_in, "base_url": base}
                rendered[language] = (
                    _("New weekly summary: %(summary)s") % {"summary": summary},
                    render_to_string("marketinfo/email/digest.txt", context),
                    render_to_string("marketinfo/email/digest.html", context),
                )
        subject, text, html = rendered[language]
        name = user.first_name or user.username
        message = EmailMultiAlternatives(
            subject=subject, body=text.replace(_NAME_MARK, name), to=[user.email]
        )
        message.attach_alternative(html.replace(_NAME_MARK, escape(name)), "text/html")
        return message

    return message_for


def summary_send_digest(*, summary_id: int) -> int:
    """Tell the summary's readers: a notification for all, an e-mail to those who want it now.

    Each person gets the mail once per summary: the delivery row is claimed in the same
    transaction as the sending, so a second run (or a retry after a crash) finds it taken.
    """
    summary = Summary.objects.with_related().filter(pk=summary_id).first()
    if summary is None or not summary.is_published:
        return 0
    recipients = list(
        summary_recipients(summary).only(
            "pk", "email", "language", "email_preferences", "first_name", "username"
        )
    )
    url = summary.get_absolute_url()
    drafts = []
    for person in recipients:
        with override(person.language or settings.LANGUAGE_CODE):
            title = _("New weekly summary: %(summary)s") % {"summary": summary}
        drafts.append(
            NotificationDraft(
                recipient_id=person.pk,
                kind=NotificationKind.SUMMARY_PUBLISHED,
                title=title,
                dedup_key=f"summary:{summary.pk}",
                body=summary.headline,
                url=url,
            )
        )
    notifications_create(drafts=drafts)
    wanted = [
        p
        for p in recipients
        if p.email and p.email_choice(NotificationKind.SUMMARY_PUBLISHED) == EmailChoice.IMMEDIATE
    ]
    if not wanted:
        return 0
    items = list(summary.items.current().with_related())
    with transaction.atomic():
        claimed = _claim_deliveries(summary.pk, [p.pk for p in wanted])
        message_for = _digest_renderer(summary, items)
        messages = [message_for(p) for p in wanted if p.pk in claimed]
        if messages:
            mailers.default.send_messages(messages)
    return len(messages)


# --- reading -------------------------------------------------------------------------------


# Visits within half an hour count as one, so reloading the page keeps the marks.
VISIT_GAP = timedelta(minutes=30)


def reading_visit_since(*, user: User, now: datetime | None = None) -> datetime | None:
    """The time of the visit before this one, for «nytt siden sist»: a read only, the page
    records the visit once it has loaded (`reading_visit_touch`, by a POST)."""
    visit = ReadingVisit.objects.filter(user=user).first()
    if visit is None:
        return None
    if (now or timezone.now()) - visit.last_seen_at > VISIT_GAP:
        return visit.last_seen_at
    return visit.previous_seen_at


def reading_visit_touch(*, user: User, now: datetime | None = None) -> None:
    """Record a visit to the feed."""
    now = now or timezone.now()
    visit = ReadingVisit.objects.filter(user=user).first()
    if visit is None:
        ReadingVisit.objects.create(user=user, last_seen_at=now)
    elif now - visit.last_seen_at > VISIT_GAP:
        ReadingVisit.objects.filter(pk=visit.pk).update(
            previous_seen_at=visit.last_seen_at, last_seen_at=now
        )


def feed_token_get(*, user: User) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(user=user)
    return token


def feed_token_renew(*, user: User) -> FeedToken:
    """A new secret: every link with the old one stops working at once."""
    token, _created = FeedToken.objects.update_or_create(
        user=user, defaults={"token": new_feed_token(), "created_at": timezone.now()}
    )
    return token


def board_kiosk_link_renew(*, office: Office, user: User) -> BoardKioskLink:
    """A new secret board link for the office's wall screen (the first, or one that replaces
    the old, which stops working at once)."""
    link, _created = BoardKioskLink.objects.update_or_create(
        office=office,
        defaults={"token": new_feed_token(), "created_at": timezone.now(), "created_by": user},
    )
    return link


def role_description_update(*, text: str, user: User) -> RoleDescription:
    description = RoleDescription.objects.order_by("pk").first() or RoleDescription()
    description.text = text
    description.updated_by = user
    description.updated_at = timezone.now()
    description.save()
    return description


# --- import --------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The batch cannot be written; nothing was."""


def import_confirm(
    *, batch: ImportBatch, user: User, create_employers: bool, now: datetime | None = None
) -> int:
    """Write the previewed sheet's good rows in one transaction, or none of them. Rows with
    errors stay out (the preview says so), and so do rows the summary already has: a sheet
    uploaded again after a correction adds only what is new."""
    from marketinfo.sheets import (
        employers_by_number,
        item_fingerprint,
        row_to_item,
        summary_fingerprints,
    )

    now = now or timezone.now()
    good_rows = [row for row in batch.rows if not row["errors"]]
    if not good_rows:
        raise ImportRefused(
            _("No row of the sheet can be imported. Correct the rows and upload the sheet again.")
        )
    new_employers = batch.new_employers
    if new_employers and not create_employers:
        raise ImportRefused(_("Confirm that the new employers may be added to the register."))
    summary = batch.summary
    with transaction.atomic():
        # One confirmation at a time per summary, so that two of the same sheet (a double
        # click, two tabs) cannot both find its rows new.
        Summary.objects.select_for_update().get(pk=summary.pk)
        for values in new_employers:
            employer = Employer(
                organisation_number=values["organisation_number"], name=values["employer_name"]
            )
            employer.full_clean(validate_unique=False)
            Employer.objects.get_or_create(
                organisation_number=employer.organisation_number, defaults={"name": employer.name}
            )
        employers = employers_by_number(good_rows)
        existing = summary_fingerprints(summary)
        start = _next_position(summary)
        items = []
        for row in good_rows:
            item = row_to_item(row["values"], summary=summary, employers=employers)
            if existing and item_fingerprint(item) in existing:
                continue
            item.position = start + len(items)
            item.created_at = now
            _prepare_item(item, user=user, now=now)
            # No full_clean per row: sheets.validate_row checked every value at upload
            # (lengths, numbers, dates, addresses; a test ties its limits to the model), and
            # cleaning 10,000 model instances again took most of the import's time.
            items.append(item)
        if items:
            copy_instances(Item, items)
            forget_summary_items(summary.pk)
            _record_revision(
                summary=summary,
                user=user,
                changes=[
                    ngettext(
                        "Imported %(count)d row from %(file)s",
                        "Imported %(count)d rows from %(file)s",
                        len(items),
                    )
                    % {"count": len(items), "file": batch.filename}
                ],
                before=_snapshot(summary),
            )
        batch.delete()
    return len(items)


def import_batches_purge(*, older_than: timedelta = timedelta(days=1)) -> int:
    deleted, _detail = ImportBatch.objects.filter(
        created_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
