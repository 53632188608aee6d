"""Market items rendered in Python, for speed: the markup is the partials `item`, `edit-list`
and `board-cards` of marketinfo/includes/items.html, and tests/marketinfo/test_item_markup.py
keeps the two equal; change both together.

Measured on the national data set: the summary page's 100 items take ~120 ms through the
template against 11 ms here (3 ms from the cached parts), the editing list 75 ms against 7 ms,
a feed page of 25 items 13.5 ms against 0.7 ms (pages' budget 50 ms); the board's 84 cards
2.7 ms against 0.5 ms, which took the board pages' p95 from 7 to 11 ms, 1.5 times the ratio
to the framework floor. The cost in the template is its lookups and a catalogue look-up for
every label of every item.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from marketinfo.models import Direction, EventKind, Item, ItemKind
from portal.dates import ago, long_date, short_date
from portal.freshness import Freshness

register = template.Library()

KIND_COLORS = {
    ItemKind.VACANCY: "success",
    ItemKind.EVENT: "info",
    ItemKind.PROGRAMME: "warning",
}
FRESHNESS_COLORS = {
    Freshness.FRESH: "success",
    Freshness.REVIEW_DUE: "warning",
    Freshness.STALE: "danger",
    Freshness.EXPIRED: "neutral",
}


@lru_cache(maxsize=8)
def _labels(language: str | None) -> dict[str, str]:
    """Every fixed text an item can show, translated and escaped once per language."""
    texts = {
        "positions": gettext("Positions"),
        "places": gettext("Places"),
        "how_many": gettext("How many"),
        "occupation": gettext("Occupation"),
        "industry": gettext("Industry"),
        "municipality": gettext("Municipality"),
        "deadline": gettext("Deadline"),
        "start": gettext("Start"),
        "date": gettext("Date"),
        "when": gettext("When"),
        "event_kind": gettext("Kind of event"),
        "place": gettext("Place"),
        "provider": gettext("Provider"),
        "period": gettext("Period"),
        "source": gettext("Source"),
        "sign_up": gettext("Sign up"),
        "means": gettext("What it means here:"),
        "new": gettext("New since last visit"),
        "expired": gettext("Expired"),
        "expires": gettext("Expires"),
        "edit": gettext("Edit"),
        "up": gettext("Move up"),
        "down": gettext("Move down"),
        "remove": gettext("Remove"),
        "to_confirm": gettext("Confirm that this still holds"),
        "confirm": gettext("Still holds"),
    }
    for choices in (ItemKind, Direction, EventKind, Freshness):
        texts.update(
            {f"{choices.__name__}:{value}": str(label) for value, label in choices.choices}
        )
    return {key: escape(text) for key, text in texts.items()}


# A pk no real item has: its URL is reversed once, then the pk is put in per item (reversing
# three URLs for each of a hundred items was a tenth of the editing page's time).
_PK_MARK = 987654321


@lru_cache(maxsize=32)
def _url_with_pk_mark(name: str, prefix: str) -> str:
    return reverse(name, args=[_PK_MARK])


def _item_url(name: str, pk: int) -> str:
    return _url_with_pk_mark(name, get_script_prefix()).replace(str(_PK_MARK), str(pk))


def _tag(color: str, label: str) -> str:
    return (
        f'<span class="aksel-tag aksel-tag--small" data-variant="moderate" data-color="{color}">'
        f"{label}</span>"
    )


def _facts(item: Item, labels: dict[str, str]) -> str:
    kind = item.kind
    facts = []

    def fact(label: str, value) -> None:
        facts.append(f"<div><dt>{labels[label]}</dt><dd>{escape(str(value))}</dd></div>")

    if item.quantity:
        fact({"vacancy": "positions", "programme": "places"}.get(kind, "how_many"), item.quantity)
    if item.occupation:
        fact("occupation", item.occupation)
    if item.industry:
        fact("industry", item.industry)
    if item.municipality:
        fact("municipality", item.municipality)
    if item.on_date:
        label = {"vacancy": "deadline", "programme": "start"}.get(kind, "date")
        fact(label, long_date(item.on_date))
    if item.when_text:
        fact("when", item.when_text)
    if item.event_kind:
        facts.append(
            f"<div><dt>{labels['event_kind']}</dt>"
            f"<dd>{labels.get(f'EventKind:{item.event_kind}', escape(item.event_kind))}</dd></div>"
        )
    for field in ("place", "provider", "period", "source"):
        if value := getattr(item, field):
            fact(field, value)
    return "".join(facts)


@lru_cache(maxsize=512)
def _ago(when, minute, language: str | None) -> str:
    """«for 3 dager siden» («nå nettopp») for a review time; the items of one summary were
    mostly reviewed at the same moment (an import, a copy from last week), so a page asks for
    a few distinct values only. Keyed by the current minute, the smallest unit it shows."""
    return escape(ago(when, minute)) if when else ""


def _freshness(
    last_reviewed_at, reviewer_name: str, freshness: str, labels: dict[str, str], minute=None
) -> str:
    """What portal/includes/freshness.html shows, for one item (`reviewer_name` escaped);
    `minute` is now to the minute, when the caller renders many items."""
    minute = minute or timezone.now().replace(second=0, microsecond=0)
    ago = _ago(last_reviewed_at, minute, get_language())
    if reviewer_name:
        updated = gettext("Updated %(ago)s by %(name)s") % {"ago": ago, "name": reviewer_name}
    else:
        updated = gettext("Updated %(ago)s") % {"ago": ago}
    label = labels.get(f"Freshness:{freshness}", escape(freshness))
    return (
        f'<p class="freshness meta">\n  <span>{updated}</span>\n'
        f"  {_tag(FRESHNESS_COLORS.get(freshness, 'neutral'), label)}\n</p>\n"
    )


def _reviewer_name(item: Item) -> str:
    if item.last_reviewed_by_id and item.last_reviewed_by:
        return escape(item.last_reviewed_by.get_full_name())
    return ""


def _article(
    item: Item, *, labels: dict[str, str], show_summary: bool = False, new_since=None
) -> tuple[str, str]:
    """The item's <article> around where its freshness goes: (before, after)."""
    kind = item.kind
    tags = [_tag(KIND_COLORS.get(kind, "neutral"), labels[f"ItemKind:{kind}"])]
    if kind == ItemKind.EMPLOYER and item.direction:
        color = "success" if item.direction == Direction.HIRING else "danger"
        tags.append(_tag(color, labels[f"Direction:{item.direction}"]))
    if new_since and item.published_at and item.published_at > new_since:
        tags.append(_tag("info", labels["new"]))
    title = escape(item.title)
    heading = title
    if kind == ItemKind.KEY_FIGURE and item.value:
        heading = f"{escape(item.value)} – {title}"
    parts = [
        f'<article class="market-item" id="item-{item.pk}">\n'
        f'  <p class="market-item__kind">{" ".join(tags)}</p>\n'
        f'  <h3 class="aksel-heading aksel-heading--small">{heading}</h3>\n'
    ]
    if item.employer_id and item.employer:
        employer = item.employer
        parts.append(
            f'  <p><a href="{escape(employer.get_absolute_url())}">'
            f"{escape(employer.name)}</a></p>\n"
        )
    parts.append(f'  <dl class="market-facts">{_facts(item, labels)}</dl>\n')
    if item.text:
        text = linebreaksbr(item.text, autoescape=True)
        if kind == ItemKind.KEY_FIGURE:
            parts.append(f"  <p><strong>{labels['means']}</strong> {text}</p>\n")
        else:
            parts.append(f"  <p>{text}</p>\n")
    if item.link:
        label = labels["sign_up"] if kind == ItemKind.EVENT else labels["source"]
        parts.append(
            f'  <p><a href="{escape(item.link)}" rel="noopener noreferrer">{label}'
            f'<span class="visually-hidden">: {title}</span></a></p>\n'
        )
    if show_summary:
        url = _item_url("marketinfo:summary_detail", item.summary_id)
        label = getattr(item, "summary_label", None) or str(item.summary)
        parts.append(f'  <p class="meta"><a href="{url}">{escape(label)}</a></p>\n')
    after = "</article>"
    if item.is_expired:
        expired_on = short_date(item.expires_on)
        after = f'  <p class="meta">{labels["expired"]} {expired_on}</p>\n</article>'
    return "".join(parts), after


@register.simple_tag
def market_item(
    item: Item,
    *,
    show_summary: bool = False,
    show_freshness: bool = False,
    new_since=None,
) -> SafeString:
    """One item as an <article>; `new_since` (the reader's previous visit) marks newer ones."""
    labels = _labels(get_language())
    before, after = _article(item, labels=labels, show_summary=show_summary, new_since=new_since)
    freshness = ""
    if show_freshness:
        freshness = _freshness(item.last_reviewed_at, _reviewer_name(item), item.freshness, labels)
    return mark_safe(before + freshness + after)  # noqa: S308 - every value above is escaped


def market_item_parts(item: Item, *, show_freshness: bool) -> tuple:
    """An item as `market_item` renders it on the summary page, in parts that stay the same
    for every reader (plain strings and values, so they can be cached): the freshness line in
    between says «3 days ago», which changes by the minute, so it is put in per request."""
    before, after = _article(item, labels=_labels(get_language()))
    if not show_freshness:
        return (before + after, False, None, "", "", "")
    return (before, True, item.last_reviewed_at, _reviewer_name(item), item.freshness, after)


def join_market_item_parts(parts: list[tuple]) -> SafeString:
    """The items of `market_item_parts` as HTML, with the freshness lines as of now."""
    labels = _labels(get_language())
    minute = timezone.now().replace(second=0, microsecond=0)
    html = []
    for before, show_freshness, reviewed_at, reviewer_name, freshness, after in parts:
        html.append(before)
        if show_freshness:
            html.append(_freshness(reviewed_at, reviewer_name, freshness, labels, minute))
        html.append(after)
    return mark_safe("".join(html))  # noqa: S308 - the parts were escaped when made


def _edit_row(item: Item, *, labels: dict[str, str], csrf: str, first: bool, last: bool) -> str:
    title = escape(item.title)
    employer = f" – {escape(item.employer.name)}" if item.employer_id and item.employer else ""
    expired = _tag("neutral", labels["expired"]) if item.is_expired else ""
    hidden_title = f'<span class="visually-hidden">: {title}</span>'
    to_confirm = confirm = ""
    if item.needs_confirmation:
        # Copied from last week: one click says it still holds. The button sends the text form
        # above along (form=…), so a headline being typed is saved, not lost.
        to_confirm = _tag("warning", labels["to_confirm"])
        confirm = (
            '    <button class="aksel-button aksel-button--small" data-variant="secondary" '
            f'type="submit" form="summary-text" '
            f'formaction="{_item_url("marketinfo:item_confirm", item.pk)}">'
            f'<span class="aksel-label">{labels["confirm"]}{hidden_title}</span></button>\n'
        )
    moves = []
    for direction, shown in (("up", not first), ("down", not last)):
        if shown:
            moves.append(
                '<button class="aksel-button aksel-button--small" data-variant="tertiary" '
                f'type="submit" name="direction" value="{direction}"><span class="aksel-label">'
                f"{labels[direction]}{hidden_title}</span></button>"
            )
    return (
        f'<li id="item-{item.pk}" class="market-edit-item">\n  <div>\n'
        f"    {_tag('neutral', labels[f'ItemKind:{item.kind}'])}\n"
        f"    <strong>{title}</strong>{employer}\n"
        f"    {expired}{to_confirm}\n"
        f'    <span class="meta">{labels["expires"]} {short_date(item.expires_on)}'
        "</span>\n  </div>\n"
        '  <div class="actions">\n'
        f"{confirm}"
        f'    <a href="{_item_url("marketinfo:item_edit", item.pk)}">{labels["edit"]}'
        f"{hidden_title}</a>\n"
        f'    <form method="post" action="{_item_url("marketinfo:item_move", item.pk)}">{csrf}'
        f"{''.join(moves)}</form>\n"
        f'    <form method="post" action="{_item_url("marketinfo:item_delete", item.pk)}">{csrf}'
        '<button class="aksel-button aksel-button--small" data-variant="tertiary" type="submit">'
        f'<span class="aksel-label">{labels["remove"]}{hidden_title}</span></button></form>\n'
        "  </div>\n</li>\n"
    )


@register.simple_tag(takes_context=True)
def market_edit_items(context, items: list[Item]) -> SafeString:
    """The editing page's list: each item with its edit, move and remove buttons."""
    labels = _labels(get_language())
    token = escape(str(context.get("csrf_token", "")))
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    last = len(items) - 1
    rows = [
        _edit_row(item, labels=labels, csrf=csrf, first=i == 0, last=i == last)
        for i, item in enumerate(items)
    ]
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


@register.simple_tag
def board_cards(items: list[dict], column: str) -> SafeString:
    """The board's cards of one column (vacancies, programmes or events), from the rows of
    `Item.objects.for_board().values()`: up to 200 items on a wall screen that reloads every
    three minutes, so not through a template loop either."""
    labels = _labels(get_language())
    months: dict[int, str] = {}

    def day_and_month(value) -> str:
        """As the date filter's "j. F" says it, with the month's name looked up once."""
        if value.month not in months:
            months[value.month] = escape(date_filter(value, "F"))
        return f"{value.day}. {months[value.month]}"

    cards = []
    for item in items:
        title = escape(item["title"])
        if column == "events":
            place = f", {escape(item['place'])}" if item["place"] else ""
            cards.append(
                '\n    <article class="board-card">\n'
                f"      <h3>{title}</h3>\n"
                f"      <p>{escape(date_filter(item['on_date'], 'l j. F'))}{place}</p>\n"
                "    </article>\n    "
            )
            continue
        count = ""
        if item["quantity"]:
            count = f' <span class="board-count">× {escape(localize(item["quantity"]))}</span>'
        if column == "vacancies":
            source, when = item["employer__name"], labels["deadline"]
        else:
            source, when = item["provider"], labels["start"]
        source = f"<p>{escape(source)}</p>" if source else ""
        on_date = ""
        if item["on_date"]:
            on_date = f"<p>{when} {day_and_month(item['on_date'])}</p>"
        cards.append(
            '\n    <article class="board-card">\n'
            f"      <h3>{title}{count}</h3>\n"
            f"      {source}\n"
            f"      {on_date}\n"
            "    </article>\n    "
        )
    return mark_safe("".join(cards))  # noqa: S308 - every value above is escaped
