"""Cards and long lists of the learning pages, built in Python.

The module list shows 30 module cards and up to 12 path cards; through template loops with
an include per progress bar they cost ≈ 1 ms each on our servers, here a few dozen µs. The
markup and the translated texts are those the templates had.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext

from learning.matrix import url_template
from learning.permissions import can_see_share_author
from portal.dates import short_date

register = template.Library()


@register.simple_tag
def progress_bar(percent, label) -> SafeString:
    percent = localize(percent or 0)
    return format_html(
        '<div class="learning-progress">'
        '<progress max="100" value="{}" aria-label="{}">{} %</progress>'
        '<span class="meta">{} %</span></div>',
        percent,
        label,
        percent,
        percent,
    )


def _progress_label(title: str) -> SafeString:
    # As {% blocktranslate %} does: the title escaped, the translation itself trusted.
    return mark_safe(gettext("Progress in %(title)s") % {"title": conditional_escape(title)})  # noqa: S308


@register.simple_tag
def path_cards(paths) -> SafeString:
    """A card per learning path: title, phase and role, and the person's progress."""
    path_url = url_template("learning:path")
    cards = []
    for p in paths:
        percent = round(p.done_count / (p.step_count or 1) * 100)
        cards.append(
            format_html(
                '<li class="panel"><h3><a href="{}">{}</a></h3><p class="meta">{} · {}</p>{}</li>',
                path_url.format(p.slug),
                p.title,
                p.phase.name,
                p.get_role_display(),
                progress_bar(percent, _progress_label(p.title)),
            )
        )
    return mark_safe("".join(cards))  # noqa: S308 - every card is built with format_html


@register.simple_tag
def module_cards(modules) -> SafeString:
    """A card per module: title, summary, what kind of module it is, and the person's
    progress; a module not yet published says so."""
    module_url = url_template("learning:module")
    quiz = format_html(" · {}", gettext("Quiz"))
    cards = []
    for m in modules:
        minutes = gettext("%(minutes)s min") % {"minutes": localize(m.minutes)}
        status = ""
        if m.status != "published":
            status = format_html(
                '<span class="aksel-tag aksel-tag--small" data-variant="moderate"'
                ' data-color="warning">{}</span>',
                m.get_status_display(),
            )
        cards.append(
            format_html(
                '<li class="panel"><h3><a href="{}">{}</a></h3><p>{}</p>'
                '<p class="meta">{} · {} · {} · {} · {}{}</p>{}{}</li>',
                module_url.format(m.slug),
                m.title,
                m.summary,
                m.area.name,
                m.phase.name,
                m.get_form_display(),
                m.get_level_display(),
                minutes,
                quiz if m.has_quiz else "",
                status,
                progress_bar(m.my_percent, _progress_label(m.title)),
            )
        )
    return mark_safe("".join(cards))  # noqa: S308 - every card is built with format_html


@register.simple_tag
def editable_path_items(paths) -> SafeString:
    """The editor's desk lists every path the editor may change (150 nationally), from
    (slug, title, region name, status label) rows. Escaped with html.escape, as Django's
    escape does, without format_html's checks per value (≈ 60 µs an item here)."""
    edit_url = url_template("learning:path_edit")
    national = gettext("National")
    return mark_safe(  # noqa: S308 - every value is escaped
        "".join(
            f'<li><a href="{escape(edit_url.format(slug))}">{escape(title)}</a> '
            f'<span class="meta">{escape(region_name or national)} · {escape(status)}</span></li>'
            for slug, title, region_name, status in paths
        )
    )


@register.simple_tag
def share_items(shares, viewer) -> SafeString:
    """The list of experiences: 50 posts, each with its author (or «a colleague» when shared
    without the name), office, date and comments."""
    share_url = url_template("learning:share")
    colleague = gettext("A colleague")
    items = []
    for s in shares:
        comments = ngettext("%(counter)s comment", "%(counter)s comments", s.comment_count) % {
            "counter": s.comment_count
        }
        items.append(
            format_html(
                '<li class="panel"><h2 class="learning-step-title"><a href="{}">{}</a></h2>'
                '<p class="meta">{} · {} · {} · {} · {}</p><p>{}</p></li>',
                share_url.format(s.pk),
                str(s),
                str(s.author) if can_see_share_author(viewer, s) else colleague,
                s.office.name,
                short_date(s.created_at),
                s.get_audience_display(),
                comments,
                Truncator(s.learnt).words(40, truncate=" …"),
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - every item is built with format_html


def _due(day) -> SafeString:
    # As {% blocktranslate %} does: the value escaped, the translation itself trusted.
    due = conditional_escape(short_date(day))
    return mark_safe(gettext("due %(due)s") % {"due": due})  # noqa: S308


@register.simple_tag
def overdue_items(assignments) -> SafeString:
    """The office's overdue assignments: who, which module, and when it was due."""
    person_url = url_template("learning:person")
    return format_html_join(
        "",
        '<li><a href="{}">{}</a>: {} — {}</li>',
        (
            (
                person_url.format(a.user_id),
                str(a.user),
                a.module.title,
                _due(a.due_on),
            )
            for a in assignments
        ),
    )


@register.simple_tag
def plan_items(people, year: int) -> SafeString:
    """People without a competence plan for the year, each linking to their plan."""
    plan_url = url_template("learning:plan", year)
    return format_html_join(
        "", '<li><a href="{}">{}</a></li>', ((plan_url.format(p.pk), str(p)) for p in people)
    )
