from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketInfoConfig(AppConfig):
    name = "marketinfo"
    verbose_name = _("Market information")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from employers.models import Employer
        from marketinfo.dashboard import forget_latest_summaries
        from marketinfo.models import Summary
        from marketinfo.queries import forget_names
        from portal.models import Office, Region, User

        # What the cache keeps is made old when what it shows changes: the dashboard's latest
        # summaries show office and region names, a summary's items employers' and reviewers'.
        for receiver, models in (
            (forget_latest_summaries, (Summary, Office, Region)),
            (forget_names, (Employer, User)),
        ):
            for model in models:
                for signal in (post_save, post_delete):
                    signal.connect(
                        receiver,
                        sender=model,
                        dispatch_uid=f"marketinfo-{receiver.__name__}-{signal is post_save}-"
                        f"{model.__name__}",
                    )
