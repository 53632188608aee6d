from django import template

from learning.permissions import can_see_share_author

register = template.Library()


@register.filter
def author_shown_to(share, viewer) -> bool:
    """`{% if share|author_shown_to:user %}`: a post shared without the name names its author
    only to those can_see_share_author allows."""
    return can_see_share_author(viewer, share)
