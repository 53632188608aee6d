"""Signal receivers: one line each; the logic lives in learning.services."""

from learning.models import PUBLISHED_GENERATION
from portal import cache


def published_options_changed(sender, instance, raw=False, **kwargs):
    cache.bump(PUBLISHED_GENERATION)
