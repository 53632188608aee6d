"""Signal receivers: one line each; the logic lives in learning.services."""

from django.db import transaction

from learning import tasks


def user_created(sender, instance, created, **kwargs):
    if created:
        transaction.on_commit(lambda: tasks.assign_onboarding.delay(instance.pk))
