from django.urls import path

from marketinfo import views

app_name = "marketinfo"

urlpatterns = [
    path("", views.index, name="index"),
]
