from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from portal import reports, unread
        from portal.middleware import start_session_clock
        from portal.ratelimit import count_login_failure
        from portal.search import connect_signals
        from portal.slugs import connect_signals as connect_slug_history

        connect_signals()
        connect_slug_history()
        reports.connect_signals()
        unread.connect_signals()
        user_logged_in.connect(start_session_clock, dispatch_uid="portal-session-clock")
        user_login_failed.connect(count_login_failure, dispatch_uid="portal-login-failures")
