from django import template

from portal import dates, fastrender
from portal.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)


@register.filter(name="glossary")
def glossary_filter(html: str):
    """After |markdown: link the first occurrence of each glossary term to its definition."""
    from portal.glossary import link_terms

    return link_terms(str(html))


@register.inclusion_tag("portal/includes/feedback_form.html", takes_context=True)
def feedback_form(context, obj):
    from portal.usage import feedback_for

    request = context["request"]
    return {
        "object": obj,
        "label": obj._meta.label_lower,
        "given": feedback_for(user=request.user, obj=obj),
        "csrf_token": context.get("csrf_token"),
    }


# One date style everywhere (portal.dates): {{ day|short_date }} «28. nov.»,
# {{ day|long_date }} «28. november 2026», {{ when|ago }} «for 3 timer siden» / «nå nettopp».
register.filter("short_date", dates.short_date)
register.filter("long_date", dates.long_date)
register.filter("weekday_date", dates.weekday_date)
register.filter("day_month", dates.day_month)
register.filter("short_datetime", dates.short_datetime)
register.filter("long_datetime", dates.long_datetime)
register.filter("ago", dates.ago)
# A search hit's title or snippet, its matches marked: portal/fastrender.py writes it (it says
# why, with the number), as the `marked` partial of portal/search.html does.
register.filter("marked", fastrender.marked)
