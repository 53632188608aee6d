from django import template

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
