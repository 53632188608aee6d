from django.urls import path

from employers import views

app_name = "employers"

urlpatterns = [
    path("", views.index, name="index"),
]

urlpatterns += [
    path("<str:organisation_number>/", views.detail, name="detail"),
]
