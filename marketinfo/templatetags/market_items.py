"""The market items' template tags: portal/fastrender.py writes them (it says why, with the
numbers), as the partials of marketinfo/includes/items.html do."""

from django import template

from portal import fastrender

register = template.Library()
register.simple_tag(fastrender.market_item)
register.simple_tag(fastrender.market_edit_items, takes_context=True)
register.simple_tag(fastrender.board_cards)
