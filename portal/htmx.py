"""The one way a view chooses between its whole page and one region of it for htmx.

Each page is one template whose regions are `{% partialdef %}`s; an htmx request gets the
region alone (Django renders "page.html#region"), any other request the whole page.
"""

from django.http import HttpRequest


def page_template(request: HttpRequest, template: str, partial: str | None) -> str:
    """`template`, or its `partial` region when htmx asks for it (no partial: the whole page)."""
    return f"{template}#{partial}" if request.htmx and partial else template
