"""Signal receivers: one line each; the logic lives in learning.services."""

from learning import tasks
from learning.forms import forget_published_options
from portal.outbox import enqueue


def user_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        enqueue(tasks.assign_onboarding, instance.pk)


def published_options_changed(sender, instance, raw=False, **kwargs):
    forget_published_options()
