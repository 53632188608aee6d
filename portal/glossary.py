"""Link the first occurrence of each glossary term in a text to its definition."""

import re

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from portal import cache
from portal.models import GlossaryTerm

CACHE_KEY = "portal:glossary-terms"
CACHE_SECONDS = 60
_TAG = re.compile(r"(<[^>]+>)")
_NO_LINK_INSIDE = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "mark"}


def _terms() -> list[tuple[str, str, str]]:
    def load() -> list[tuple[str, str, str]]:
        return [
            (t.term, t.get_absolute_url(), t.definition[:200])
            for t in GlossaryTerm.objects.current().only("term", "slug", "definition")
        ]

    return cache.cached(CACHE_KEY, load, CACHE_SECONDS)


def link_terms(html: str) -> SafeString:
    """`html` must already be safe (sanitised Markdown). Words that start with a term
    (markedskontakten, tiltakene) link to it; only the first occurrence of each term."""
    terms = sorted(_terms(), key=lambda t: -len(t[0]))
    if not terms:
        return mark_safe(html)  # noqa: S308 - the caller passes sanitised HTML
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(term) for term, _, _ in terms) + r")\w*",
        re.IGNORECASE,
    )
    by_term = {term.lower(): (url, definition) for term, url, definition in terms}
    linked: set[str] = set()
    blocked: list[str] = []
    out = []

    def replace(match: re.Match) -> str:
        key = match.group(1).lower()
        if key in linked:
            return match.group(0)
        linked.add(key)
        url, definition = by_term[key]
        return format_html(
            '<a class="glossary-link" href="{}" title="{}">{}</a>', url, definition, match.group(0)
        )

    for part in _TAG.split(html):
        if part.startswith("<"):
            name = re.match(r"</?\s*([a-zA-Z0-9]+)", part)
            tag = name.group(1).lower() if name else ""
            if tag in _NO_LINK_INSIDE:
                if part.startswith("</"):
                    if blocked and blocked[-1] == tag:
                        blocked.pop()
                elif not part.endswith("/>"):
                    blocked.append(tag)
            out.append(part)
        elif blocked:
            out.append(part)
        else:
            out.append(pattern.sub(replace, part))
    return mark_safe("".join(out))  # noqa: S308 - text was safe; we add only our own links
