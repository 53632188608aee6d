"""Markdown written by editors and users, rendered to sanitised HTML.

Markdown allows raw HTML and `javascript:` links; nh3 (the ammonia sanitiser) keeps only
the tags and URL schemes below, so nothing typed can run script in a reader's browser.
"""

import re

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3",
    "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "scope"},
    "td": {"align"},
}
# nh3 writes every tag the same way, so an <img> without alt is found by its text.
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")


def render_markdown(text: str) -> SafeString:
    html = markdown_lib.markdown(
        text or "", extensions=["tables", "sane_lists", "fenced_code"], output_format="html"
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # An image typed as raw HTML without alt text is read out as its file name; mark it
    # decorative, as WCAG asks when no text alternative was given.
    clean = _IMG_WITHOUT_ALT.sub('<img alt=""', clean)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
