from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketInfoConfig(AppConfig):
    name = "marketinfo"
    verbose_name = _("Market information")

    def ready(self) -> None:
        from employers.queries import TIMELINE_SOURCES
        from marketinfo.timeline import mentions_source

        if mentions_source not in TIMELINE_SOURCES:
            TIMELINE_SOURCES.append(mentions_source)
