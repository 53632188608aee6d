"""The board on the meeting room's screen: full screen, no portal header, and a secret link
per office that works without a session (the screen has no one signed in, and sessions end)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketinfo import services
from marketinfo.board import board_context
from marketinfo.models import BoardKioskLink
from marketinfo.permissions import can_manage_board_link
from portal.htmx import page_template
from portal.models import Office
from portal.ratelimit import feed_limited


def _screen(request: HttpRequest, context: dict, refresh_url: str) -> HttpResponse:
    context["refresh_url"] = refresh_url
    return render(request, page_template(request, "marketinfo/board_screen.html", "board"), context)


@login_required
def board_screen(request: HttpRequest, office: str) -> HttpResponse:
    """The full-screen board for a signed-in user (a laptop on the meeting room's screen)."""
    office = get_object_or_404(Office.objects.select_related("region"), slug=office)
    return _screen(request, board_context(office), request.path)


@feed_limited
def board_kiosk(request: HttpRequest, office: str, token: str) -> HttpResponse:
    """The full-screen board by the office's secret link; a wrong or renewed token is 404,
    whatever the office."""
    link = BoardKioskLink.objects.select_related("office__region").filter(token=token).first()
    if link is None:
        raise Http404
    if link.office.slug != office:
        # The office's slug has changed since the screen got its link; the token decides.
        return redirect("marketinfo:board_kiosk", link.office.slug, token)
    response = _screen(request, board_context(link.office), request.path)
    # The link is the secret: it must not travel on in a Referer to the links on the board.
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_required
@require_POST
def board_kiosk_renew(request: HttpRequest, office: str) -> HttpResponse:
    office = get_object_or_404(Office, slug=office)
    if not can_manage_board_link(request.user, office):
        raise PermissionDenied
    services.board_kiosk_link_renew(office=office, user=request.user)
    messages.success(
        request, _("The screen link is renewed. A screen with the old link shows nothing now.")
    )
    return redirect("marketinfo:board", office.slug)
