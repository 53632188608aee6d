from django.urls import path

from employers.views import (
    callbacks,
    contacts,
    duplicates,
    employers,
    exports,
    guides,
    plans,
)
from portal.views import panel

app_name = "employers"

urlpatterns = [
    path("", employers.index, name="index"),
    path("panel/oppfolging/", panel, name="panel_follow_ups"),
    path("panel/tilbakeringing/", panel, name="panel_callbacks"),
    path("ny/", employers.employer_create, name="create"),
    path("logg/", contacts.log, name="log"),
    path("logg/eksport/<str:fmt>/", exports.log_export, name="log_export"),
    path("logg/<int:pk>/", contacts.entry, name="entry"),
    path("logg/<int:pk>/rediger/", contacts.entry_edit, name="entry_edit"),
    path("logg/<int:pk>/slett/", contacts.entry_delete, name="entry_delete"),
    path("oppfolging/", contacts.follow_ups, name="follow_ups"),
    path("oppfolging/<int:pk>/ferdig/", contacts.follow_up_done, name="follow_up_done"),
    path("planlagt/", plans.plans, name="plans"),
    path("planlagt/<int:pk>/utfort/", plans.plan_complete, name="plan_complete"),
    path("planlagt/<int:pk>/avlys/", plans.plan_cancel, name="plan_cancel"),
    path("tilbakeringing/", callbacks.callbacks, name="callbacks"),
    path("tilbakeringing/<int:pk>/", callbacks.callback, name="callback"),
    path("tilbakeringing/<int:pk>/ta/", callbacks.callback_take, name="callback_take"),
    path("samtaleguider/", guides.guides, name="guides"),
    path("samtaleguider/ny/", guides.guide_create, name="guide_create"),
    path("samtaleguider/<slug:slug>/", guides.guide, name="guide"),
    path("samtaleguider/<slug:slug>/rediger/", guides.guide_edit, name="guide_edit"),
    # Per employer, by organisation number (kept stable: other apps link here).
    path("<str:organisation_number>/", employers.detail, name="detail"),
    path("<str:organisation_number>/rediger/", employers.employer_edit, name="edit"),
    path(
        "<str:organisation_number>/kontaktpersoner/ny/",
        employers.contact_person_create,
        name="contact_person_create",
    ),
    path("<str:organisation_number>/logg/ny/", contacts.entry_create, name="entry_create"),
    path(
        "<str:organisation_number>/varsel/", duplicates.duplicate_warning, name="duplicate_warning"
    ),
    path(
        "<str:organisation_number>/varsel/avbryt/",
        duplicates.duplicate_warning_cancel,
        name="duplicate_warning_cancel",
    ),
    path("<str:organisation_number>/planlegg/", plans.plan_create, name="plan_create"),
    path(
        "<str:organisation_number>/tilbakeringing/ny/",
        callbacks.callback_create,
        name="callback_create",
    ),
    path("<str:organisation_number>/eksport/<str:fmt>/", exports.employer_export, name="export"),
]
