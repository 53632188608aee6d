from django.urls import path

from portal.urls import handler500  # noqa: F401 - the handler under test
from portal.urls import urlpatterns as portal_urlpatterns


def broken(request):
    return 1 / 0


urlpatterns = [*portal_urlpatterns, path("feil/", broken)]
