from django.urls import path

from marketinfo.views import (
    board,
    confirm,
    feed,
    feeds,
    imports,
    items,
    kiosk,
    network,
    summaries,
    vacancies,
)
from portal.views import panel

app_name = "marketinfo"

urlpatterns = [
    path("", feed.index, name="index"),
    path("lest/", feed.reading_visit, name="reading_visit"),
    path("ledige-stillinger/", vacancies.vacancy_map, name="vacancy_map"),
    path("panel/uka/", panel, name="panel_rhythm"),
    path("uke/ny/", summaries.summary_start, name="summary_start"),
    path("uke/<int:pk>/", summaries.summary_detail, name="summary_detail"),
    path("uke/<int:pk>/rediger/", summaries.summary_edit, name="summary_edit"),
    path("uke/<int:pk>/fra-forrige-uke/", summaries.summary_copy_previous, name="summary_copy"),
    path("uke/<int:pk>/publiser/", summaries.summary_publish, name="summary_publish"),
    path(
        "uke/<int:pk>/bekreft-alle/",
        confirm.summary_confirm_items,
        name="summary_confirm_items",
    ),
    path("uke/<int:pk>/planlegg/", summaries.summary_schedule, name="summary_schedule"),
    path("uke/<int:pk>/til-utkast/", summaries.summary_unschedule, name="summary_unschedule"),
    path("uke/<int:pk>/punkt/ny/<str:kind>/", items.item_create, name="item_create"),
    path("uke/<int:pk>/import/", imports.import_upload, name="import_upload"),
    path("punkt/<int:pk>/", items.item_edit, name="item_edit"),
    path("punkt/<int:pk>/bekreft/", confirm.item_confirm, name="item_confirm"),
    path("punkt/<int:pk>/flytt/", items.item_move, name="item_move"),
    path("punkt/<int:pk>/slett/", items.item_delete, name="item_delete"),
    path("import/mal/", imports.import_template, name="import_template"),
    path("import/<uuid:token>/", imports.import_preview, name="import_preview"),
    path("tavle/<slug:office>/", board.board, name="board"),
    path("tavle/<slug:office>/skjerm/", kiosk.board_screen, name="board_screen"),
    path(
        "tavle/<slug:office>/skjerm/<str:token>/",
        kiosk.board_kiosk,
        name="board_kiosk",
    ),
    path(
        "tavle/<slug:office>/skjermlenke/forny/",
        kiosk.board_kiosk_renew,
        name="board_kiosk_renew",
    ),
    path("abonnement/", feeds.subscriptions, name="subscriptions"),
    path("abonnement/forny/", feeds.subscriptions_renew, name="subscriptions_renew"),
    path("feed/<str:token>/<str:scope>/<slug:slug>/", feeds.atom_feed, name="atom_feed"),
    path("kalender/<str:token>/<str:scope>/<slug:slug>/", feeds.calendar, name="calendar"),
    path("nettverk/", network.network, name="network"),
    path("nettverk/meg/", network.profile_edit, name="profile_edit"),
    path("rolle/", network.role_description, name="role"),
    path("rolle/rediger/", network.role_description_edit, name="role_edit"),
]
