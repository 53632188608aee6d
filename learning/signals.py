"""Signal receivers: one line each; the logic lives in learning.services."""

from learning.forms import forget_published_options


def published_options_changed(sender, instance, raw=False, **kwargs):
    forget_published_options()
