from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("moduler/ny/", views.module_create, name="module_create"),
    path("moduler/<slug:slug>/", views.module, name="module"),
    path("moduler/<slug:slug>/framdrift/", views.module_progress, name="module_progress"),
    path("moduler/<slug:slug>/quiz/", views.quiz, name="quiz"),
    path("moduler/<slug:slug>/praksis/", views.practice_request, name="practice_request"),
    path("moduler/<slug:slug>/gruppe/", views.group_session, name="group_session"),
    path("moduler/<slug:slug>/rediger/", views.module_edit, name="module_edit"),
    path("moduler/<slug:slug>/publiser/", views.module_publish, name="module_publish"),
    path("moduler/<slug:slug>/gjennomgatt/", views.module_reviewed, name="module_reviewed"),
    path("forhandsvis/", views.preview, name="preview"),
    path("bekreftelser/", views.confirmations, name="confirmations"),
    path("stier/<slug:slug>/", views.path, name="path"),
    path("mine/", views.mine, name="mine"),
    path("mine/kalender.ics", views.calendar, name="calendar"),
    path("egenvurdering/", views.self_assessment, name="self_assessment"),
    path("tildel/", views.assign, name="assign"),
    path("kontor/<slug:slug>/", views.office, name="office"),
    path("kontor/<slug:slug>/matrise/", views.matrix, name="matrix"),
    path(
        "kontor/<slug:slug>/matrise.<str:fmt>",
        views.matrix_export,
        name="matrix_export",
    ),
    path("panel/kontor/", views.panel_office, name="panel_office"),
    path("person/<int:pk>/", views.person, name="person"),
    path("person/<int:pk>/plan/<int:year>/", views.plan, name="plan"),
    path("person/<int:pk>/plan/<int:year>/aktivitet/", views.plan_activity, name="plan_activity"),
    path("erfaringer/", views.shares, name="shares"),
    path("erfaringer/ny/", views.share_create, name="share_create"),
    path("erfaringer/<int:pk>/", views.share, name="share"),
    path("erfaringer/<int:pk>/rapporter/", views.share_report, name="share_report"),
    path("erfaringer/<int:pk>/skjul/", views.share_hide, name="share_hide"),
    path("redaktor/", views.editor, name="editor"),
    path("god-praksis/", views.best_practices, name="best_practices"),
    path("god-praksis/ny/", views.best_practice_edit, name="best_practice_create"),
    path("god-praksis/<slug:slug>/", views.best_practice, name="best_practice"),
    path("god-praksis/<slug:slug>/rediger/", views.best_practice_edit, name="best_practice_edit"),
    path(
        "god-praksis/<slug:slug>/gjennomgatt/",
        views.best_practice_reviewed,
        name="best_practice_reviewed",
    ),
]
