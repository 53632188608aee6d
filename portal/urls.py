from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from employers.api import contact_form
from portal import health, views, views_figures, views_review

portal_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("konto/logg-inn/", views.LoginView.as_view(), name="login"),
    # Before admin.site.urls, so that the admin's login goes through the portal's limits.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("konto/logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/innstillinger/", views.account_settings, name="account_settings"),
    path("begreper/", views.glossary, name="glossary"),
    path("varsler/", views.notifications, name="notifications"),
    path("varsler/antall/", views.notification_count, name="notification_count"),
    path("varsler/les-alle/", views.notifications_read_all, name="notifications_read_all"),
    path("varsler/<int:pk>/", views.notification_open, name="notification_open"),
    path("sok/", views.search, name="search"),
    path("tilgjengelighet/", views.accessibility, name="accessibility"),
    # Every lazy dashboard panel is one view, which finds the panel by the URL's name.
    path("paneler/redaktor/", views.panel, name="panel_editor"),
    path("paneler/varsler/", views.panel, name="panel_notifications"),
    path("rapporter/", views.report_usage, name="report_usage"),
    path("rapporter/gjennomgang/", views_review.review_queue, name="report_review"),
    path(
        "rapporter/gjennomgang/<str:label>/<int:pk>/gjennomgatt/",
        views_review.review_mark,
        name="review_mark",
    ),
    path(
        "rapporter/gjennomgang/<str:label>/<int:pk>/eier/",
        views_review.review_owner,
        name="review_owner",
    ),
    path("rapporter/eksport.<str:fmt>", views.report_export, name="report_export"),
    path(
        "rapporter/kontor/<int:office_id>/tall/",
        views_figures.figures_office,
        name="figures_office",
    ),
    path(
        "rapporter/kontor/<int:office_id>/tall.xlsx",
        views_figures.figures_office_xlsx,
        name="figures_office_xlsx",
    ),
    path(
        "rapporter/region/<int:region_id>/tall/",
        views_figures.figures_region,
        name="figures_region",
    ),
    path(
        "rapporter/region/<int:region_id>/tall.xlsx",
        views_figures.figures_region_xlsx,
        name="figures_region_xlsx",
    ),
    path("tilbakemelding/<str:label>/<int:pk>/", views.feedback, name="feedback"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("laering/", include("learning.urls")),
    path("marked/", include("marketinfo.urls")),
    path("arbeidsgivere/", include("employers.urls")),
    # Machine to machine (no session, no CSRF): employers' own contact form.
    path("api/v1/kontaktskjema/", contact_form, name="api_contact_form"),
    path("internal/isalive", health.isalive, name="isalive"),
    path("internal/isready", health.isready, name="isready"),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

handler403 = "portal.views.error_403"
handler404 = "portal.views.error_404"
handler500 = "portal.views.error_500"
