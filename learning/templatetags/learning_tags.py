from django import template

from learning.permissions import can_see_share_author
from portal import fastrender

register = template.Library()


@register.filter
def author_shown_to(share, viewer) -> bool:
    """`{% if share|author_shown_to:user %}`: a post shared without the name names its author
    only to those can_see_share_author allows."""
    return can_see_share_author(viewer, share)


# Learning's long lists: portal/fastrender.py writes them (it says why, with the numbers), as
# the partials of the same names in the learning templates do (module-cards in index.html,
# share-items in shares.html, path-items in editor.html, overdue-items and plan-items in
# office.html).
register.simple_tag(fastrender.module_cards)
register.simple_tag(fastrender.editable_path_items)
register.simple_tag(fastrender.overdue_items)
register.simple_tag(fastrender.plan_items)


@register.simple_tag
def share_items(shares, viewer):
    return fastrender.share_items(shares, lambda share: can_see_share_author(viewer, share))
