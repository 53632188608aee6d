from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketInfoConfig(AppConfig):
    name = "marketinfo"
    verbose_name = _("Market information")
