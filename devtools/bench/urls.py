"""The portal's URLs plus the framework floor that every page is compared with."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from portal.urls import handler403, handler404, handler500  # noqa: F401 - the error pages
from portal.urls import urlpatterns as portal_urlpatterns

FLOOR_PATH = "/bench/grunnlinje/"


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    """The site layout for a signed-in user and nothing else: session, authentication, the
    middleware, the menu's context processor and one template. No page can be cheaper."""
    return render(request, "base.html")


urlpatterns = [path(FLOOR_PATH.strip("/") + "/", floor, name="bench_floor"), *portal_urlpatterns]
