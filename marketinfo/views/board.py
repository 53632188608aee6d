"""The office's board (tavlemøte) in the portal; the meeting room's screen is in kiosk.py."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from marketinfo.board import board_context
from marketinfo.models import BoardKioskLink
from marketinfo.permissions import can_manage_board_link
from marketinfo.views.access import office_of
from portal.htmx import page_template
from portal.models import Office
from portal.slugs import get_by_slug


@login_required
def board(request: HttpRequest, office: str) -> HttpResponse:
    """The office's wall screen: current vacancies, programme places and this week's events."""
    own = office_of(request.user)
    if own is not None and own.slug == office:
        office = own
    else:
        office = get_by_slug(Office.objects.select_related("region"), office)
    context = board_context(office)
    if can_manage_board_link(request.user, office) and not request.htmx:
        context["manages_screen_link"] = True
        context["screen_link"] = BoardKioskLink.objects.filter(office=office).first()
    return render(request, page_template(request, "marketinfo/board.html", "board"), context)
