from django.urls import path

from marketinfo import views, views_confirm, views_kiosk

app_name = "marketinfo"

urlpatterns = [
    path("", views.index, name="index"),
    path("panel/uka/", views.panel_rhythm, name="panel_rhythm"),
    path("uke/ny/", views.summary_start, name="summary_start"),
    path("uke/<int:pk>/", views.summary_detail, name="summary_detail"),
    path("uke/<int:pk>/rediger/", views.summary_edit, name="summary_edit"),
    path("uke/<int:pk>/fra-forrige-uke/", views.summary_copy_previous, name="summary_copy"),
    path("uke/<int:pk>/publiser/", views.summary_publish, name="summary_publish"),
    path(
        "uke/<int:pk>/bekreft-alle/",
        views_confirm.summary_confirm_items,
        name="summary_confirm_items",
    ),
    path("uke/<int:pk>/planlegg/", views.summary_schedule, name="summary_schedule"),
    path("uke/<int:pk>/til-utkast/", views.summary_unschedule, name="summary_unschedule"),
    path("uke/<int:pk>/punkt/ny/<str:kind>/", views.item_create, name="item_create"),
    path("uke/<int:pk>/import/", views.import_upload, name="import_upload"),
    path("punkt/<int:pk>/", views.item_edit, name="item_edit"),
    path("punkt/<int:pk>/bekreft/", views_confirm.item_confirm, name="item_confirm"),
    path("punkt/<int:pk>/flytt/", views.item_move, name="item_move"),
    path("punkt/<int:pk>/slett/", views.item_delete, name="item_delete"),
    path("import/mal/", views.import_template, name="import_template"),
    path("import/<uuid:token>/", views.import_preview, name="import_preview"),
    path("tavle/<slug:office>/", views.board, name="board"),
    path("tavle/<slug:office>/skjerm/", views_kiosk.board_screen, name="board_screen"),
    path(
        "tavle/<slug:office>/skjerm/<str:token>/",
        views_kiosk.board_kiosk,
        name="board_kiosk",
    ),
    path(
        "tavle/<slug:office>/skjermlenke/forny/",
        views_kiosk.board_kiosk_renew,
        name="board_kiosk_renew",
    ),
    path("abonnement/", views.subscriptions, name="subscriptions"),
    path("abonnement/forny/", views.subscriptions_renew, name="subscriptions_renew"),
    path("feed/<str:token>/<str:scope>/<slug:slug>/", views.atom_feed, name="atom_feed"),
    path("kalender/<str:token>/<str:scope>/<slug:slug>/", views.calendar, name="calendar"),
    path("nettverk/", views.network, name="network"),
    path("nettverk/meg/", views.profile_edit, name="profile_edit"),
    path("rolle/", views.role_description, name="role"),
    path("rolle/rediger/", views.role_description_edit, name="role_edit"),
]
