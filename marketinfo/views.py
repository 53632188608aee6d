"""Pages of the market information (/marked/): feed, weekly summaries, import, board, feeds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from marketinfo import dashboard, services, sheets
from marketinfo.board import board_context
from marketinfo.forms import (
    KIND_FIELDS,
    ConfirmImportForm,
    FeedFilterForm,
    ImportForm,
    ItemForm,
    ProfileForm,
    RoleDescriptionForm,
    ScheduleForm,
    SummaryForm,
    SummaryStartForm,
)
from marketinfo.models import (
    BoardKioskLink,
    FeedToken,
    ImportBatch,
    Item,
    ItemKind,
    MarketContactProfile,
    RoleDescription,
    Summary,
    SummaryStatus,
    current_iso_week,
)
from marketinfo.permissions import (
    can_edit_role_description,
    can_manage_board_link,
    can_see_summary,
    can_write_anything,
    can_write_summary,
)
from marketinfo.queries import ITEM_PAGE_FIELDS, items_version, summary_item_parts
from marketinfo.templatetags.market_items import join_market_item_parts
from portal.exports import csv_response, xlsx_response
from portal.models import Office, Region, Role, User
from portal.ratelimit import export_limited, feed_limited
from portal.slugs import get_by_slug
from portal.usage import record_view

# A first page that reads quickly; «Show older» adds the next one.
FEED_PAGE_SIZE = 25


def _posted(request: HttpRequest):
    """The POST data for a form, also when the POST is empty (so its errors show)."""
    return request.POST if request.method == "POST" else None


def _bound(request: HttpRequest) -> tuple:
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _office_of(user: User) -> Office | None:
    """The user's office with its region, cached on the user for the permission checks."""
    if not user.office_id:
        return None
    if User.office.is_cached(user) and Office.region.is_cached(user.office):
        return user.office  # loaded with the user by the authentication backend
    office = Office.objects.select_related("region").get(pk=user.office_id)
    user.office = office
    return office


def _visible_summary(user: User, pk: int, queryset=None) -> Summary:
    summary = get_object_or_404(
        queryset if queryset is not None else Summary.objects.with_related(), pk=pk
    )
    if not can_see_summary(user, summary):
        raise Http404
    return summary


def _writable_summary(user: User, pk: int) -> Summary:
    """404 for what the user may not see, 403 for a published summary of another scope."""
    summary = _visible_summary(user, pk)
    if not can_write_summary(user, summary):
        raise PermissionDenied
    return summary


def _writable_item(user: User, pk: int) -> Item:
    item = get_object_or_404(Item.objects.select_related("employer"), pk=pk)
    item.summary = _writable_summary(user, item.summary_id)
    return item


# --- reading ------------------------------------------------------------------------------


def _feed_items(filters: dict, scope: str, office: Office | None):
    """The feed's items in scope and filters, newest summary first, with what a card shows."""
    # Not last_reviewed_by: the feed does not show who reviewed an item. The summary's label
    # comes as three columns, not as summary, office and region objects for every item.
    items = (
        Item.objects.feed()
        .select_related("employer")
        .only(*ITEM_PAGE_FIELDS)
        .annotate(
            summary_scope=Coalesce("summary__office__name", "summary__region__name"),
            summary_week=F("summary__week"),
            summary_year=F("summary__year"),
        )
    )
    if scope == "office" and office:
        items = items.for_office(office)
    elif scope == "region" and office:
        items = items.for_region(office.region)
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    if filters.get("industry"):
        word = filters["industry"]
        items = items.filter(
            Q(industry__icontains=word) | Q(employer__industry_text__icontains=word)
        )
    if filters.get("municipality"):
        place = filters["municipality"]
        # The item's own municipality or its employer's, as two index scans: an OR across the
        # join to employers read every current item in scope (≈ 35–65 ms nationally).
        own = items.filter(municipality__iexact=place).values("pk")
        employers = items.filter(
            employer__isnull=False, employer__municipality__iexact=place
        ).values("pk")
        items = items.filter(pk__in=own.union(employers))
    return items


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _feed_cursor(item: Item) -> str:
    """Where the next page starts, in the feed's order: after this item."""
    published = (item.published_at - _EPOCH) // _MICROSECOND
    return f"{published}_{item.summary_id}_{item.position}"


def _after_cursor(raw: str) -> Q | None:
    """The items after a `_feed_cursor`, in the order of Item.objects.feed(); None if garbled."""
    try:
        published, summary_id, position = (int(part) for part in raw.split("_"))
        published_at = _EPOCH + published * _MICROSECOND
    except (ValueError, OverflowError):
        return None
    # The first condition alone is a range on the feed indexes; the rest sorts out the ties.
    return Q(published_at__lte=published_at) & (
        Q(published_at__lt=published_at)
        | Q(summary_id__gt=summary_id)
        | Q(summary_id=summary_id, position__gt=position)
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The feed: current items of my office, my region or the whole country, filtered, a page
    at a time («Show older» adds the next page below)."""
    user = request.user
    office = _office_of(user)
    form = FeedFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    scope = filters.get("scope") or ("office" if office else "country")
    items = _feed_items(filters, scope, office)
    after = _after_cursor(request.GET["etter"]) if request.GET.get("etter") else None
    if after is not None:
        items = items.filter(after)
    shown = list(items[: FEED_PAGE_SIZE + 1])
    has_next = len(shown) > FEED_PAGE_SIZE
    shown = shown[:FEED_PAGE_SIZE]
    week = _("week")
    for item in shown:
        # As str(item.summary) would say it.
        item.summary_label = f"{item.summary_scope}, {week} {item.summary_week} {item.summary_year}"
    query = request.GET.copy()
    query.pop("etter", None)
    context = {
        "items": shown,
        "next_cursor": _feed_cursor(shown[-1]) if has_next else "",
        "query": query.urlencode(),
        "is_later_page": after is not None,
    }
    previous_visit = services.reading_visit_touch(user=user)
    context["previous_visit"] = previous_visit
    if request.htmx and after is not None:
        return render(request, "marketinfo/index.html#feed-page", context)
    new_count = sum(1 for i in shown if previous_visit and i.published_at > previous_visit)
    if previous_visit and has_next and new_count == len(shown):
        # Everything on the page is new, so the page does not say how much is.
        new_count = items.filter(published_at__gt=previous_visit).count()
    summaries = Summary.objects.published().select_related("office", "region")
    summaries = summaries.order_by("-published_at")
    if scope == "office" and office:
        summaries = summaries.filter(office=office)
    elif scope == "region" and office:
        summaries = summaries.in_region(office.region)
    drafts = []
    if can_write_anything(user) and office:
        drafts = list(
            Summary.objects.visible_to(user)
            .exclude(status=SummaryStatus.PUBLISHED)
            .filter(Q(office=office) | Q(region_id=office.region_id))
            .with_related()[:5]
        )
    context.update(
        {
            "form": form,
            "scope": scope,
            "office": office,
            "summaries": list(summaries[:6]),
            "drafts": drafts,
            "new_count": new_count,
            "can_write": can_write_anything(user),
        }
    )
    template = "marketinfo/index.html#results" if request.htmx else "marketinfo/index.html"
    return render(request, template, context)


@login_required
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    with_version = Summary.objects.with_related().annotate(items_version=items_version())
    summary = _visible_summary(request.user, pk, with_version)
    current, expired = summary_item_parts(summary, timezone.localdate())
    if summary.is_published:
        record_view(summary)
    # A summary gets revisions only once published and edited, which also sets revised_at.
    revisions = []
    if summary.revised_at:
        revisions = list(summary.revisions.select_related("created_by")[:20])
    return render(
        request,
        "marketinfo/summary_detail.html",
        {
            "summary": summary,
            "items_html": join_market_item_parts(current),
            "expired_html": join_market_item_parts(expired),
            "revisions": revisions,
            "can_write": can_write_summary(request.user, summary),
        },
    )


# --- writing ------------------------------------------------------------------------------


def _edit_list(summary: Summary) -> list[Item]:
    """The items as the editing page lists them: only the columns that list shows, since a
    summary can hold a hundred items or more (imported sheets)."""
    return list(
        summary.items.select_related("employer").only(
            "summary_id",
            "kind",
            "position",
            "title",
            "expires_on",
            "needs_confirmation",
            "employer__name",
            "employer__organisation_number",
        )
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary_start(request: HttpRequest) -> HttpResponse:
    """Open this week's summary (or another week's): the existing one, or a new draft."""
    if not can_write_anything(request.user) or not request.user.office_id:
        raise PermissionDenied
    office = _office_of(request.user)
    year, week = current_iso_week()
    form = SummaryStartForm(
        _posted(request), user=request.user, initial={"year": year, "week": week}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = {"office": office} if data["scope"] == "office" else {"region": office.region}
        summary, created = services.summary_open(
            user=request.user, year=data["year"], week=data["week"], **scope
        )
        if not created:
            messages.info(request, _("This week already has a summary. Here it is."))
        return redirect("marketinfo:summary_edit", summary.pk)
    existing = list(
        Summary.objects.filter(Q(office=office) | Q(region_id=office.region_id))
        .with_related()
        .order_by("-year", "-week")[:8]
    )
    return render(request, "marketinfo/summary_start.html", {"form": form, "existing": existing})


def _edit_page(
    request: HttpRequest, summary: Summary, form: SummaryForm, schedule_form=None, status=200
) -> HttpResponse:
    items = _edit_list(summary)
    schedule_form = schedule_form or ScheduleForm()
    # Outside the text form on the page, but sent with it (see summary_edit.html).
    schedule_form.fields["publish_at"].widget.attrs["form"] = "summary-text"
    return render(
        request,
        "marketinfo/summary_edit.html",
        {
            "summary": summary,
            "form": form,
            "items": items,
            "to_confirm": sum(1 for item in items if item.needs_confirmation),
            "kinds": ItemKind.choices,
            "schedule_form": schedule_form,
            "has_previous": Summary.objects.previous_to(summary).exists(),
        },
        status=status,
    )


def _text_saved_first(request: HttpRequest, summary: Summary) -> HttpResponse | None:
    """The editing page's other buttons (publish, schedule, start from last week) send the
    headline and highlights along: save them before acting, so that nothing typed is lost.
    The edit page with the errors (and nothing done) when they do not validate."""
    if "headline" not in request.POST:
        return None  # a button without the text form, e.g. from an older page
    form = SummaryForm(request.POST, instance=summary)
    if not form.is_valid():
        return _edit_page(request, summary, form, status=400)
    services.summary_update(summary=summary, user=request.user, data=form.cleaned_data)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    form = SummaryForm(_posted(request), instance=summary)
    if request.method == "POST" and form.is_valid():
        services.summary_update(summary=summary, user=request.user, data=form.cleaned_data)
        messages.success(request, _("The summary is saved."))
        return redirect("marketinfo:summary_edit", summary.pk)
    return _edit_page(request, summary, form)


@login_required
@require_POST
def summary_copy_previous(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    if refused := _text_saved_first(request, summary):
        return refused
    copied = services.summary_copy_previous(summary=summary, user=request.user)
    messages.success(
        request,
        ngettext(
            "Copied %(count)d current item from last week.",
            "Copied %(count)d current items from last week.",
            copied,
        )
        % {"count": copied},
    )
    return redirect("marketinfo:summary_edit", summary.pk)


@login_required
@require_POST
def summary_publish(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    if refused := _text_saved_first(request, summary):
        return refused
    if services.summary_publish(summary_id=summary.pk):
        messages.success(request, _("The summary is published. Your colleagues are told."))
    return redirect(summary)


@login_required
@require_POST
def summary_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    form = ScheduleForm(request.POST)
    # The text goes along (see _text_saved_first), but is saved only with a valid time:
    # a refused schedule saves nothing.
    text = SummaryForm(request.POST, instance=summary) if "headline" in request.POST else None
    text_valid = text is None or text.is_valid()
    if form.is_valid() and text_valid and not summary.is_published:
        if text is not None:
            services.summary_update(summary=summary, user=request.user, data=text.cleaned_data)
        services.summary_schedule(
            summary=summary, user=request.user, publish_at=form.cleaned_data["publish_at"]
        )
        messages.success(request, _("The summary will publish itself at the chosen time."))
        return redirect("marketinfo:summary_edit", summary.pk)
    summary.refresh_from_db()  # is_valid() put the posted text on the instance
    text = text or SummaryForm(instance=summary)
    return _edit_page(request, summary, text, form, status=400)


@login_required
@require_POST
def summary_unschedule(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    if refused := _text_saved_first(request, summary):
        return refused
    services.summary_unschedule(summary=summary, user=request.user)
    messages.success(request, _("The summary is a draft again."))
    return redirect("marketinfo:summary_edit", summary.pk)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    if kind not in KIND_FIELDS:
        raise Http404
    form = ItemForm(_posted(request), kind=kind, instance=Item(summary=summary, kind=kind))
    if request.method == "POST" and form.is_valid():
        services.item_save(item=form.save(), user=request.user)
        messages.success(request, _("The item is added."))
        return redirect("marketinfo:summary_edit", summary.pk)
    return render(
        request,
        "marketinfo/item_form.html",
        {"summary": summary, "form": form, "kind_label": ItemKind(kind).label},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _writable_item(request.user, pk)
    form = ItemForm(_posted(request), kind=item.kind, instance=item)
    if request.method == "POST" and form.is_valid():
        services.item_save(
            item=form.save(), user=request.user, changed_fields=form.changed_labels()
        )
        messages.success(request, _("The item is saved."))
        return redirect("marketinfo:summary_edit", item.summary_id)
    return render(
        request,
        "marketinfo/item_form.html",
        {
            "summary": item.summary,
            "form": form,
            "item": item,
            "kind_label": item.get_kind_display(),
        },
    )


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _writable_item(request.user, pk)
    services.item_move(item=item, user=request.user, up=request.POST.get("direction") == "up")
    return redirect(f"{_edit_url(item.summary_id)}#item-{item.pk}")


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _writable_item(request.user, pk)
    services.item_delete(item=item, user=request.user)
    messages.success(request, _("The item is removed."))
    return redirect("marketinfo:summary_edit", item.summary_id)


def _edit_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("marketinfo:summary_edit", args=[pk])


# --- import -------------------------------------------------------------------------------


# What the preview says about the sheet as a whole (columns left out, tabs read and skipped);
# the rows themselves are in the ImportBatch.
_IMPORT_NOTES = "marketinfo_import_notes"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    summary = _writable_summary(request.user, pk)
    form = ImportForm(
        *_bound(request),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            parsed = sheets.parse(upload.read(sheets.MAX_UPLOAD_BYTES + 1), summary=summary)
        except sheets.SheetRefused as refused:
            form.add_error("sheet", str(refused))
        else:
            batch = ImportBatch.objects.create(
                summary=summary,
                user=request.user,
                filename=upload.name[:200],
                rows=parsed.rows,
            )
            request.session[_IMPORT_NOTES] = {
                "token": str(batch.token),
                "ignored_columns": parsed.ignored_columns,
                "tabs_read": parsed.tabs_read,
                "tabs_skipped": parsed.tabs_skipped,
            }
            return redirect("marketinfo:import_preview", batch.token)
    return render(request, "marketinfo/import_upload.html", {"summary": summary, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, token=token, user=request.user)
    summary = _writable_summary(request.user, batch.summary_id)
    form = ConfirmImportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.import_confirm(
                batch=batch,
                user=request.user,
                create_employers=form.cleaned_data["create_employers"],
            )
        except services.ImportRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                ngettext("Imported %(count)d row.", "Imported %(count)d rows.", count)
                % {"count": count},
            )
            return redirect("marketinfo:summary_edit", summary.pk)
    notes = request.session.get(_IMPORT_NOTES) or {}
    if notes.get("token") != str(batch.token):
        notes = {}
    tabs_read = notes.get("tabs_read", [])
    return render(
        request,
        "marketinfo/import_preview.html",
        {
            "summary": summary,
            "batch": batch,
            "form": form,
            "columns": sheets.TEMPLATE_COLUMNS,
            "ignored_columns": notes.get("ignored_columns", []),
            "tabs_read": [name for name in tabs_read if name],
            "tabs_skipped": notes.get("tabs_skipped", []),
            "several_tabs": len(tabs_read) > 1,
            **_preview_rows(batch.rows),
        },
    )


PREVIEW_ROWS = 100


def _preview_rows(rows: list[dict]) -> dict:
    """The rows in the sheet's order, good ones beside bad ones, with counts of each. A sheet
    of thousands of rows is not read line by line on screen: the rows that need a look (errors,
    then warnings) come first into the hundred shown, then the others."""
    errors = sum(1 for row in rows if row["errors"])
    warnings = sum(
        1
        for row in rows
        if row.get("warnings") and not row["errors"] and not row.get("already_imported")
    )
    already = sum(1 for row in rows if row.get("already_imported"))
    if len(rows) > PREVIEW_ROWS:
        urgency = sorted(
            range(len(rows)),
            key=lambda i: (not rows[i]["errors"], not rows[i].get("warnings"), i),
        )
        shown = [rows[i] for i in sorted(urgency[:PREVIEW_ROWS])]
    else:
        shown = rows
    return {
        "shown_rows": shown,
        "hidden_rows": len(rows) - len(shown),
        "error_rows": errors,
        "warning_rows": warnings,
        "already_rows": already,
        "importable_rows": len(rows) - errors - already,
    }


@login_required
@export_limited
def import_template(request: HttpRequest) -> HttpResponse:
    if not can_write_anything(request.user):
        raise PermissionDenied
    header = [name for _key, name in sheets.TEMPLATE_COLUMNS]
    if request.GET.get("format") == "csv":
        return csv_response("ukesark-mal", header, sheets.TEMPLATE_EXAMPLES)
    return xlsx_response("ukesark-mal", header, sheets.TEMPLATE_EXAMPLES, title="Ukesark")


# --- the board (tavlemøte) ----------------------------------------------------------------


@login_required
def board(request: HttpRequest, office: str) -> HttpResponse:
    """The office's wall screen: current vacancies, programme places and this week's events."""
    own = _office_of(request.user)
    if own is not None and own.slug == office:
        office = own
    else:
        office = get_by_slug(Office.objects.select_related("region"), office)
    context = board_context(office)
    if can_manage_board_link(request.user, office) and not request.htmx:
        context["manages_screen_link"] = True
        context["screen_link"] = BoardKioskLink.objects.filter(office=office).first()
    template = "marketinfo/board.html#board" if request.htmx else "marketinfo/board.html"
    return render(request, template, context)


# --- feeds and calendar -------------------------------------------------------------------


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    office = _office_of(request.user)
    token = services.feed_token_get(user=request.user)
    return render(
        request, "marketinfo/subscriptions.html", {"token": token.token, "office": office}
    )


@login_required
@require_POST
def subscriptions_renew(request: HttpRequest) -> HttpResponse:
    services.feed_token_renew(user=request.user)
    messages.success(request, _("Your secret links are renewed. The old ones no longer work."))
    return redirect("marketinfo:subscriptions")


def _token_scope(token: str, scope: str, slug: str) -> tuple[User, Office | None, Region]:
    """The feed's owner and scope; 404 for a wrong token, whatever else is right."""
    owner = FeedToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    if scope == "kontor":
        office = get_by_slug(Office.objects.select_related("region"), slug)
        return owner.user, office, office.region
    if scope == "region":
        return owner.user, None, get_by_slug(Region.objects.all(), slug)
    raise Http404


@feed_limited
def atom_feed(request: HttpRequest, token: str, scope: str, slug: str) -> HttpResponse:
    from marketinfo.feeds import SummaryFeed

    _owner, office, region = _token_scope(token, scope, slug)
    return SummaryFeed(office=office, region=region)(request)


@feed_limited
def calendar(request: HttpRequest, token: str, scope: str, slug: str) -> HttpResponse:
    from marketinfo.feeds import events_calendar

    _owner, office, region = _token_scope(token, scope, slug)
    events = Item.objects.feed().filter(kind=ItemKind.EVENT, on_date__gte=timezone.localdate())
    events = events.for_office(office) if office else events.for_region(region)
    name = office.name if office else region.name
    body = events_calendar(list(events.order_by("on_date")[:200]), name=name, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="hendelser-{slug}.ics"'
    return response


# --- network and role ---------------------------------------------------------------------


@login_required
def network(request: HttpRequest) -> HttpResponse:
    """Market contacts of one region at a time (the reader's own by default), with the
    industries each follows: all of them at once were 600 rows and 200 kB at national scale."""
    user = request.user
    regions = list(
        Region.objects.annotate(
            is_mine=Exists(Office.objects.filter(pk=user.office_id or 0, region=OuterRef("pk")))
        ).order_by("name")
    )
    wanted = request.GET.get("fylke")
    region = next((r for r in regions if r.slug == wanted), None) or next(
        (r for r in regions if r.is_mine), regions[0] if regions else None
    )
    contacts = []
    if region is not None:
        contacts = list(
            User.objects.with_role(Role.MARKET_CONTACT)
            .filter(is_active=True, office__region=region)
            .select_related("office", "market_profile")
            .order_by("office__name", "first_name", "last_name")
        )
    return render(
        request,
        "marketinfo/network.html",
        {
            "regions": regions,
            "region": region,
            "contacts": contacts,
            "is_market_contact": user.is_market_contact,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    if not request.user.is_market_contact:
        raise PermissionDenied
    profile = MarketContactProfile.objects.filter(user=request.user).first()
    form = ProfileForm(
        _posted(request), instance=profile or MarketContactProfile(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your entry in the network is saved."))
        return redirect("marketinfo:network")
    return render(request, "marketinfo/profile_form.html", {"form": form})


@login_required
def role_description(request: HttpRequest) -> HttpResponse:
    description = RoleDescription.objects.select_related("updated_by").order_by("pk").first()
    return render(
        request,
        "marketinfo/role.html",
        {"description": description, "can_edit": can_edit_role_description(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_description_edit(request: HttpRequest) -> HttpResponse:
    if not can_edit_role_description(request.user):
        raise PermissionDenied
    description = RoleDescription.objects.order_by("pk").first()
    form = RoleDescriptionForm(
        _posted(request), initial={"text": description.text if description else ""}
    )
    if request.method == "POST" and form.is_valid():
        services.role_description_update(text=form.cleaned_data["text"], user=request.user)
        messages.success(request, _("The role description is saved."))
        return redirect("marketinfo:role")
    return render(request, "marketinfo/role_form.html", {"form": form})


@login_required
def panel_rhythm(request: HttpRequest) -> HttpResponse:
    """The market contact's dashboard panel for this week's summary, loaded after the page."""
    if not can_write_anything(request.user) or not request.user.office_id:
        raise PermissionDenied
    context = {"panel": dashboard.rhythm_context(request.user)}
    return render(request, "marketinfo/panels/rhythm.html", context)
