from django.urls import path

from employers import views, views_contact_form

app_name = "employers"

urlpatterns = [
    path("", views.index, name="index"),
    path("panel/oppfolging/", views.panel_follow_ups, name="panel_follow_ups"),
    path("panel/tilbakeringing/", views.panel_callbacks, name="panel_callbacks"),
    path("ny/", views.employer_create, name="create"),
    path("logg/", views.log, name="log"),
    path("logg/eksport/<str:fmt>/", views.log_export, name="log_export"),
    path("logg/<int:pk>/", views.entry, name="entry"),
    path("logg/<int:pk>/rediger/", views.entry_edit, name="entry_edit"),
    path("logg/<int:pk>/slett/", views.entry_delete, name="entry_delete"),
    path("oppfolging/", views.follow_ups, name="follow_ups"),
    path("oppfolging/<int:pk>/ferdig/", views.follow_up_done, name="follow_up_done"),
    path("planlagt/", views.plans, name="plans"),
    path("planlagt/<int:pk>/utfort/", views.plan_complete, name="plan_complete"),
    path("planlagt/<int:pk>/avlys/", views.plan_cancel, name="plan_cancel"),
    path("tilbakeringing/", views.callbacks, name="callbacks"),
    path("tilbakeringing/<int:pk>/", views.callback, name="callback"),
    path("tilbakeringing/<int:pk>/ta/", views_contact_form.callback_take, name="callback_take"),
    path("samtaleguider/", views.guides, name="guides"),
    path("samtaleguider/ny/", views.guide_create, name="guide_create"),
    path("samtaleguider/<slug:slug>/", views.guide, name="guide"),
    path("samtaleguider/<slug:slug>/rediger/", views.guide_edit, name="guide_edit"),
    # Per employer, by organisation number (kept stable: other apps link here).
    path("<str:organisation_number>/", views.detail, name="detail"),
    path("<str:organisation_number>/rediger/", views.employer_edit, name="edit"),
    path(
        "<str:organisation_number>/kontaktpersoner/ny/",
        views.contact_person_create,
        name="contact_person_create",
    ),
    path("<str:organisation_number>/logg/ny/", views.entry_create, name="entry_create"),
    path("<str:organisation_number>/varsel/", views.duplicate_warning, name="duplicate_warning"),
    path("<str:organisation_number>/planlegg/", views.plan_create, name="plan_create"),
    path(
        "<str:organisation_number>/tilbakeringing/ny/",
        views.callback_create,
        name="callback_create",
    ),
    path("<str:organisation_number>/eksport/<str:fmt>/", views.employer_export, name="export"),
]
