from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketInfoConfig(AppConfig):
    name = "marketinfo"
    verbose_name = _("Market information")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from marketinfo.dashboard import forget_latest_summaries
        from marketinfo.models import Summary
        from portal.models import Office, Region

        # The dashboard's cached latest summaries show summaries and office and region names.
        for model in (Summary, Office, Region):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_latest_summaries,
                    sender=model,
                    dispatch_uid=f"marketinfo-latest-{signal is post_save}-{model.__name__}",
                )
