"""The network of market contacts and the role description."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketinfo import services
from marketinfo.forms import ProfileForm, RoleDescriptionForm
from marketinfo.models import MarketContactProfile, RoleDescription
from marketinfo.permissions import can_edit_role_description
from marketinfo.views.access import posted
from portal.models import Office, Region, Role, User


@login_required
def network(request: HttpRequest) -> HttpResponse:
    """Market contacts of one region at a time (the reader's own by default), with the
    industries each follows: all of them at once were 600 rows and 200 kB at national scale."""
    user = request.user
    regions = list(
        Region.objects.annotate(
            is_mine=Exists(Office.objects.filter(pk=user.office_id or 0, region=OuterRef("pk")))
        ).order_by("name")
    )
    wanted = request.GET.get("fylke")
    region = next((r for r in regions if r.slug == wanted), None) or next(
        (r for r in regions if r.is_mine), regions[0] if regions else None
    )
    contacts = []
    if region is not None:
        contacts = list(
            User.objects.with_role(Role.MARKET_CONTACT)
            .filter(is_active=True, office__region=region)
            .select_related("office", "market_profile")
            .order_by("office__name", "first_name", "last_name")
        )
    return render(
        request,
        "marketinfo/network.html",
        {
            "regions": regions,
            "region": region,
            "contacts": contacts,
            "is_market_contact": user.is_market_contact,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    if not request.user.is_market_contact:
        raise PermissionDenied
    profile = MarketContactProfile.objects.filter(user=request.user).first()
    form = ProfileForm(posted(request), instance=profile or MarketContactProfile(user=request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your entry in the network is saved."))
        return redirect("marketinfo:network")
    return render(request, "marketinfo/profile_form.html", {"form": form})


@login_required
def role_description(request: HttpRequest) -> HttpResponse:
    description = RoleDescription.objects.select_related("updated_by").order_by("pk").first()
    return render(
        request,
        "marketinfo/role.html",
        {"description": description, "can_edit": can_edit_role_description(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def role_description_edit(request: HttpRequest) -> HttpResponse:
    if not can_edit_role_description(request.user):
        raise PermissionDenied
    description = RoleDescription.objects.order_by("pk").first()
    form = RoleDescriptionForm(
        posted(request), initial={"text": description.text if description else ""}
    )
    if request.method == "POST" and form.is_valid():
        services.role_description_update(text=form.cleaned_data["text"], user=request.user)
        messages.success(request, _("The role description is saved."))
        return redirect("marketinfo:role")
    return render(request, "marketinfo/role_form.html", {"form": form})
