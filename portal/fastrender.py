"""The HTML the portal writes in Python: only where a measured budget needs it, each section
with its reason and number. All other markup is in templates, and every renderer here writes
what its template writes: tests/portal/test_fastrender.py renders both and compares them, so
change the two together.

portal imports no app's models (dependencies point one way): the renderers take the objects
and read their attributes, their choice fields' labels from the model's fields, and their URLs
by name.
"""

from functools import cache as once
from functools import lru_cache

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext

from portal.dates import ago, long_date, short_date
from portal.freshness import Freshness


@once
def _icon(name: str) -> str:
    """The design system's chevron or checkmark, from the template the widget templates
    include, so that there is one copy of each."""
    return render_to_string(f"portal/forms/{name}.html")


def _attrs(attrs: dict) -> str:
    """attrs.html: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{escape(str(value))}"')
    return "".join(parts)


@lru_cache(maxsize=64)
def _url_template(name: str, args: tuple, script_prefix: str) -> str:
    marker = "1234567890123"  # digits: fits both the int and the slug converter
    return reverse(name, args=[marker, *args]).replace(marker, "{}")


def url_template(name: str, *args) -> str:
    """The URL `name` with "{}" for its first argument (the others as given), reversed once:
    reverse() costs ≈ 90 µs here, and the matrix and the item lists link every row."""
    return _url_template(name, args, get_script_prefix())


def _tag(color: str, label: str) -> str:
    return (
        f'<span class="aksel-tag aksel-tag--small" data-variant="moderate" data-color="{color}">'
        f"{label}</span>"
    )


# Form widgets (portal/widgets.py), as templates/django/forms/widgets/ and Django's own write them.
# Why: the plan page's 2,000 module options took 135 ms p50 through the templates, 9 ms here.


def select(widget: dict) -> SafeString:
    single = not widget["attrs"].get("multiple")
    html = ['<div class="aksel-select__container">' if single else ""]
    html.append(f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>')
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            html.append(
                f'\n  <option value="{escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    if single:
        html.append(f"{_icon('chevron')}</div>")
    return mark_safe("".join(html))  # noqa: S308 - every part above is escaped


def checkboxes(widget: dict) -> SafeString:
    outer_id = widget["attrs"].get("id")
    html = [
        "<div",
        f' id="{conditional_escape(outer_id)}"' if outer_id else "",
        ' class="aksel-checkboxes">',
    ]
    checkmark = _icon("checkmark")
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            html.append(
                f'\n  <div class="portal-option-group">'
                f'<p class="aksel-label">{conditional_escape(group_name)}</p>'
            )
        for option in options:
            html.append(_checkbox(option, checkmark))
        if group_name:
            html.append("\n  </div>")
    html.append("\n</div>")
    return mark_safe("".join(html))  # noqa: S308 - every part above is escaped


def _checkbox(option: dict, checkmark: str) -> str:
    """One option as checkbox_select.html writes it: Aksel's checkbox, label beside it."""
    value = option["value"]
    value_attr = "" if value is None else f' value="{escape(str(value))}"'
    default_class = "" if option["attrs"].get("class") else ' class="aksel-checkbox__input"'
    option_id = option["attrs"].get("id")
    label_for = f' for="{conditional_escape(option_id)}"' if option_id else ""
    return (
        '\n  <div class="aksel-checkbox aksel-checkbox--medium">'
        '<div class="aksel-checkbox__input-wrapper" data-standalone="false">'
        f'<input type="checkbox" name="{conditional_escape(option["name"])}"{value_attr}'
        f"{default_class}{_attrs(option['attrs'])}>{checkmark}</div>"
        f'<label{label_for} class="aksel-checkbox__label aksel-body-short">'
        f"{conditional_escape(option['label'])}</label></div>"
    )


def plain_input(widget: dict) -> SafeString:
    """A plain <input>, whose template only includes input.html (the renderer strips the line
    breaks that end the files)."""
    value = widget["value"]
    value_attr = "" if value is None else f' value="{escape(str(value))}"'
    return mark_safe(  # noqa: S308 - every part is escaped
        f'<input type="{conditional_escape(widget["type"])}" '
        f'name="{conditional_escape(widget["name"])}"{value_attr}{_attrs(widget["attrs"])}>'
    )


def textarea(widget: dict) -> SafeString:
    value = conditional_escape(widget["value"]) if widget["value"] else ""
    return mark_safe(  # noqa: S308 - every part is escaped
        f'<textarea name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{value}</textarea>"
    )


def options(pairs) -> str:
    """The <option>s of (primary key, label) pairs."""
    return "".join(f'<option value="{pk}">{escape(label)}</option>' for pk, label in pairs)


def options_select(
    name: str, attrs: dict, html: str, selected: str, empty_label: str
) -> SafeString:
    """A single select of the `options()` in `html`, the one whose value is `selected` chosen."""
    if selected:
        # Values are primary keys: at most one option matches, and an escaped value that is
        # not a key matches none.
        option = f'<option value="{escape(selected)}">'
        html = html.replace(option, f"{option[:-1]} selected>", 1)
    return mark_safe(  # noqa: S308 - every label is escaped in options()
        f'<div class="aksel-select__container"><select name="{conditional_escape(name)}"'
        f'{_attrs(attrs)}><option value="">{escape(empty_label)}</option>'
        f"{html}</select>{_icon('chevron')}</div>"
    )


# The competence matrix's rows: the partials `rows` and `cell` of learning/matrix.html.
# Why: 60 people × 25 modules took 136 ms by the template, 1.2 ms here (page budget 50 ms).


def _matrix_cell(cell) -> SafeString:
    """The `cell` partial of learning/matrix.html."""
    if cell.state == "not_assigned" and not cell.detail:
        # Most cells of a big office: a quiet dash, so that what needs doing stands out.
        return format_html(
            '<td class="aksel-table__data-cell learning-cell learning-cell--{0}" data-state="{0}">'
            '<span aria-hidden="true">{1}</span><span class="visually-hidden">{2}</span></td>',
            cell.state,
            cell.mark,
            cell.label,
        )
    detail = format_html(' <span class="meta">{}</span>', cell.detail) if cell.detail else ""
    return format_html(
        '<td class="aksel-table__data-cell learning-cell learning-cell--{0}" data-state="{0}">'
        '<span class="aksel-tag aksel-tag--small" data-variant="moderate" data-color="{1}">'
        '<span class="learning-mark" aria-hidden="true">{2}</span> {3}</span>{4}</td>',
        cell.state,
        cell.color,
        cell.mark,
        cell.label,
        detail,
    )


def matrix_rows(rows) -> SafeString:
    """The `rows` partial of learning/matrix.html: per person a link and team, then a cell per
    column. Few distinct cells exist (a state, or a state and a count), so each is built once."""
    person_url = url_template("learning:person")
    built: dict[tuple[str, str], SafeString] = {}
    out = []
    for row in rows:
        person = row.person
        team = format_html(' <span class="meta">{}</span>', person.team) if person.team else ""
        out.append(
            format_html(
                '<tr class="aksel-table__row"><th scope="row" class="aksel-table__header-cell">'
                '<a href="{}">{}</a>{}</th>',
                person_url.format(person.pk),
                person.get_full_name() or person.username,
                team,
            )
        )
        for cell in row.cells:
            key = (cell.state, cell.detail)
            if key not in built:
                built[key] = _matrix_cell(cell)
            out.append(built[key])
        out.append("</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 - every part is built with format_html


# Market items: the partials `item`, `edit-list` and `board-cards` of marketinfo/includes/items.html
# (tags in marketinfo/templatetags/market_items.py). Why: a summary's 100 items took ~120 ms by the
# template, 11 ms here (3 ms from the cached parts; page budget 50 ms); each function's number is
# in its docstring. The template's cost is its lookups and a catalogue look-up per label.

KIND_COLORS = {"vacancy": "success", "event": "info", "programme": "warning"}
FRESHNESS_COLORS = {
    Freshness.FRESH: "success",
    Freshness.REVIEW_DUE: "warning",
    Freshness.STALE: "danger",
    Freshness.EXPIRED: "neutral",
}


@lru_cache(maxsize=16)
def _labels(language: str | None, model=None) -> dict[str, str]:
    """Every fixed text an item can show, and the labels of `model`'s choice fields under
    "field:value", translated and escaped once per language."""
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
    texts.update({f"freshness:{value}": str(label) for value, label in Freshness.choices})
    for field in model._meta.fields if model else ():
        texts.update({f"{field.name}:{value}": str(label) for value, label in field.flatchoices})
    return {key: escape(text) for key, text in texts.items()}


def _item_url(name: str, pk: int) -> str:
    return url_template(name).format(pk)


def _facts(item, labels: dict[str, str]) -> str:
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
            f"<dd>{labels.get(f'event_kind:{item.event_kind}', escape(item.event_kind))}</dd></div>"
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
    label = labels.get(f"freshness:{freshness}", escape(freshness))
    return (
        f'<p class="freshness meta">\n  <span>{updated}</span>\n'
        f"  {_tag(FRESHNESS_COLORS.get(freshness, 'neutral'), label)}\n</p>\n"
    )


def _reviewer_name(item) -> str:
    if item.last_reviewed_by_id and item.last_reviewed_by:
        return escape(item.last_reviewed_by.get_full_name())
    return ""


def _article(item, *, labels: dict[str, str], show_summary=False, new_since=None) -> tuple:
    """The item's <article> around where its freshness goes: (before, after)."""
    kind = item.kind
    tags = [_tag(KIND_COLORS.get(kind, "neutral"), labels[f"kind:{kind}"])]
    if kind == "employer" and item.direction:
        color = "success" if item.direction == "hiring" else "danger"
        tags.append(_tag(color, labels[f"direction:{item.direction}"]))
    if new_since and item.published_at and item.published_at > new_since:
        tags.append(_tag("info", labels["new"]))
    title = escape(item.title)
    heading = title
    if kind == "key_figure" and item.value:
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
        if kind == "key_figure":
            parts.append(f"  <p><strong>{labels['means']}</strong> {text}</p>\n")
        else:
            parts.append(f"  <p>{text}</p>\n")
    if item.link:
        label = labels["sign_up"] if kind == "event" else labels["source"]
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


def market_item(item, *, show_summary=False, show_freshness=False, new_since=None) -> SafeString:
    """One item as an <article>; `new_since` (the reader's previous visit) marks newer ones.
    A feed page of 25 items: 13.5 ms by the template, 0.7 ms here."""
    labels = _labels(get_language(), type(item))
    before, after = _article(item, labels=labels, show_summary=show_summary, new_since=new_since)
    freshness = ""
    if show_freshness:
        freshness = _freshness(item.last_reviewed_at, _reviewer_name(item), item.freshness, labels)
    return mark_safe(before + freshness + after)  # noqa: S308 - every value above is escaped


def market_item_parts(item, *, show_freshness: bool) -> tuple:
    """An item as `market_item` renders it on the summary page, in parts that stay the same
    for every reader (plain strings and values, so they can be cached): the freshness line in
    between says «3 days ago», which changes by the minute, so it is put in per request."""
    before, after = _article(item, labels=_labels(get_language(), type(item)))
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


def _edit_row(item, *, labels: dict[str, str], csrf: str, first: bool, last: bool) -> str:
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
        f"    {_tag('neutral', labels[f'kind:{item.kind}'])}\n"
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


def market_edit_items(context, items: list) -> SafeString:
    """The editing page's list: each item with its edit, move and remove buttons. A summary's
    100 items: 75 ms by the template, 7 ms here."""
    language = get_language()
    token = escape(str(context.get("csrf_token", "")))
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    last = len(items) - 1
    rows = [
        _edit_row(
            item, labels=_labels(language, type(item)), csrf=csrf, first=i == 0, last=i == last
        )
        for i, item in enumerate(items)
    ]
    return mark_safe("".join(rows))  # noqa: S308 - every value above is escaped


def board_cards(items: list[dict], column: str) -> SafeString:
    """The board's cards of one column (vacancies, programmes or events), from the rows of
    `Item.objects.for_board().values()`: up to 200 items on a wall screen that reloads every
    three minutes. The board's 84 cards: 2.7 ms by the template, 0.5 ms here, which took the board
    pages' p95 from 7 to 11 ms (1.5 times their ratio to the framework floor)."""
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


# Learning's long lists: the partials `module-cards` of learning/index.html, `share-items` of
# shares.html, `path-items` of editor.html, `overdue-items` and `plan-items` of office.html (tags
# in learning/templatetags/learning_tags.py). Why: the template's 30 module cards took 4.5 ms of
# the module list's 14 ms p95 (its ratio to the framework floor 38 % above the Python cards it
# replaced), 0.6 ms here; each function's number is in its docstring.


def _items_or_none(items: list[str], none_text: str) -> SafeString:
    """The list's items, every value in them escaped by the caller; or, when it has none, its
    one item saying so (the templates' {% empty %})."""
    none = f"<li>{escape(none_text)}</li>"
    return mark_safe("".join(items) or none)  # noqa: S308 - every value is escaped


def _progress_bar(percent, title: str) -> str:
    """learning/includes/progress.html, labelled as the cards' {% blocktranslate %} labels it."""
    percent = escape(localize(percent or 0))
    label = gettext("Progress in %(title)s") % {"title": escape(title)}
    return (
        '<div class="learning-progress">\n'
        f'  <progress max="100" value="{percent}" aria-label="{label}">{percent} %</progress>\n'
        f'  <span class="meta">{percent} %</span>\n</div>'
    )


def module_cards(modules) -> SafeString:
    """The module list's cards (`Module.objects.as_cards`): title, summary, what kind of module
    it is and the person's progress; one not yet published says so."""
    module_url = url_template("learning:module")
    quiz = " · " + escape(gettext("Quiz"))
    cards = []
    for m in modules:
        minutes = gettext("%(minutes)s min") % {"minutes": escape(localize(m.minutes))}
        status = ""
        if m.status != "published":
            status = _tag("warning", escape(m.get_status_display()))
        cards.append(
            f'\n      <li class="panel"><h3><a href="{escape(module_url.format(m.slug))}">'
            f"{escape(m.title)}</a></h3><p>{escape(m.summary)}</p>\n"
            f'        <p class="meta">{escape(m.area.name)} · {escape(m.phase.name)} · '
            f"{escape(m.get_form_display())} · {escape(m.get_level_display())} · {minutes}"
            f"{quiz if m.has_quiz else ''}</p>\n"
            f"        {status}{_progress_bar(m.my_percent, m.title)}</li>\n      "
        )
    return _items_or_none(cards, gettext("No modules match."))


def share_items(shares, author_shown) -> SafeString:
    """The experiences' list of 50 posts, each with its author (or «a colleague» where
    `author_shown(share)` says no), office, date, audience and comments. The template: 9 ms of
    the page's 24 ms p95; here 1 ms."""
    share_url = url_template("learning:share")
    colleague = escape(gettext("A colleague"))
    items = []
    for s in shares:
        author = escape(str(s.author)) if author_shown(s) else colleague
        comments = ngettext("%(counter)s comment", "%(counter)s comments", s.comment_count)
        meta = " · ".join(
            (
                author,
                escape(s.office.name),
                escape(short_date(s.created_at)),
                escape(s.get_audience_display()),
                comments % {"counter": escape(localize(s.comment_count))},
            )
        )
        items.append(
            f'<li class="panel"><h2 class="learning-step-title">'
            f'<a href="{escape(share_url.format(s.pk))}">{escape(str(s))}</a></h2>\n'
            f'  <p class="meta">{meta}</p>'
            f"<p>{escape(Truncator(s.learnt).words(40, truncate=' …'))}</p></li>\n"
        )
    return _items_or_none(items, gettext("Nothing shared yet."))


def editable_path_items(paths) -> SafeString:
    """The editor's desk's paths the editor may change (150 nationally), from (edit URL, title,
    region name, status label) rows. The template: 4 ms of the desk's 22 ms p95; here 0.3 ms."""
    national = escape(gettext("National"))
    items = [
        f'<li><a href="{escape(url)}">{escape(title)}</a> '
        f'<span class="meta">{escape(region_name) if region_name else national} · '
        f"{escape(status)}</span></li>"
        for url, title, region_name, status in paths
    ]
    return _items_or_none(items, gettext("No learning paths you can edit."))


def overdue_items(assignments) -> SafeString:
    """The office overview's overdue assignments: who, which module and when it was due, with
    a link to the person. With `plan_items`, the template took the overview's p95 from 22 to
    26 ms (all its lists) against the floor; here 0.4 ms."""
    person_url = url_template("learning:person")
    due = gettext("due %(due)s")
    items = [
        f'<li><a href="{escape(person_url.format(a.user_id))}">{escape(str(a.user))}</a>: '
        f"{escape(a.module.title)} — "
        f"{due % {'due': escape(short_date(a.due_on))}}</li>"
        for a in assignments
    ]
    return _items_or_none(items, gettext("Nothing is overdue."))


def plan_items(people, year: int) -> SafeString:
    """The people of the office without a competence plan for `year`, each linking to it."""
    plan_url = url_template("learning:plan", year)
    items = [
        f'<li><a href="{escape(plan_url.format(p.pk))}">{escape(str(p))}</a></li>' for p in people
    ]
    return _items_or_none(items, gettext("Everyone has a plan."))


# Search hits: the `marked` partial of portal/search.html (the `marked` filter of portal_tags).
# Why: 20 hits' titles and snippets through the partial took the search page's p95 from 7 to
# 9 ms (28 % above its ratio to the framework floor before the partial); here 0.2 ms.


def marked(runs) -> SafeString:
    """A title's or snippet's runs of text (`portal.search`), the ones that matched in <mark>."""
    html = "".join(
        f"<mark>{escape(text)}</mark>" if is_match else escape(text) for text, is_match in runs
    )
    return mark_safe(html)  # noqa: S308 - every run is escaped
