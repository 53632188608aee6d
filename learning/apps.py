from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from learning import signals
        from learning.models import LearningPath, Module

        for model in (Module, LearningPath):
            for signal in (post_save, post_delete):
                signal.connect(
                    signals.published_options_changed,
                    sender=model,
                    dispatch_uid="published-options",
                )
