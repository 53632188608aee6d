"""Subscriptions: the secret Atom feed and calendar links, and the feeds themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketinfo import services
from marketinfo.models import FeedToken, Item
from marketinfo.views.access import office_of
from portal.models import Office, Region, User
from portal.ratelimit import feed_limited
from portal.slugs import get_by_slug


@login_required
def subscriptions(request: HttpRequest) -> HttpResponse:
    """The secret links, once the button (a POST) has made them: opening the page writes nothing."""
    office = office_of(request.user)
    token = FeedToken.objects.filter(user=request.user).values_list("token", flat=True).first()
    return render(request, "marketinfo/subscriptions.html", {"token": token, "office": office})


@login_required
@require_POST
def subscriptions_renew(request: HttpRequest) -> HttpResponse:
    had_links = FeedToken.objects.filter(user=request.user).exists()
    services.feed_token_renew(user=request.user)
    if had_links:
        messages.success(request, _("Your secret links are renewed. The old ones no longer work."))
    else:
        messages.success(request, _("Your secret links are made."))
    return redirect("marketinfo:subscriptions")


def _token_scope(token: str, scope: str, slug: str) -> tuple[User, Office | None, Region]:
    """The feed's owner and scope; 404 for a wrong token, whatever else is right."""
    owner = FeedToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    if scope == "kontor":
        office = get_by_slug(Office.objects.select_related("region"), slug)
        return owner.user, office, office.region
    if scope == "region":
        return owner.user, None, get_by_slug(Region.objects.all(), slug)
    raise Http404


@feed_limited
def atom_feed(request: HttpRequest, token: str, scope: str, slug: str) -> HttpResponse:
    from marketinfo.feeds import SummaryFeed

    _owner, office, region = _token_scope(token, scope, slug)
    return SummaryFeed(office=office, region=region)(request)


@feed_limited
def calendar(request: HttpRequest, token: str, scope: str, slug: str) -> HttpResponse:
    from marketinfo.feeds import events_calendar

    _owner, office, region = _token_scope(token, scope, slug)
    events = Item.objects.upcoming_events(timezone.localdate())
    events = events.for_office(office) if office else events.for_region(region)
    name = office.name if office else region.name
    body = events_calendar(list(events[:200]), name=name, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="hendelser-{slug}.ics"'
    return response
