import logging
import sys

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from portal import exports, permissions, reports, services, unread, usage
from portal import search as portal_search
from portal.audit import audit_record
from portal.dashboard import collect_panels, lazy_panels
from portal.forms import LoginForm, SettingsForm
from portal.htmx import page_template
from portal.models import GlossaryTerm, Notification, Region
from portal.paging import id_number, page_number
from portal.ratelimit import export_limited, login_failures_limited, rate_limited
from portal.validators import replace_identity_numbers


@method_decorator(login_failures_limited, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(oidc_enabled=settings.OIDC_ENABLED, **kwargs)


@login_failures_limited
def admin_login(request: HttpRequest) -> HttpResponse:
    """Django admin's own login, behind the same per-address limit as the portal's (the
    per-username lockout of django-axes covers both already)."""
    return admin.site.login(request)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    office = user.office
    return render(
        request,
        "portal/dashboard.html",
        {
            "office": office,
            "region": office.region if office else None,
            "roles": user.role_labels(),
            "panels": collect_panels(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    form = SettingsForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_set_preferences(
            user=request.user,
            language=form.cleaned_data["language"],
            email_preferences=form.email_preferences(),
            journey_phase=form.cleaned_data["journey_phase"],
        )
        translation.activate(request.user.language)  # confirm in the language just chosen
        messages.success(request, _("Your settings are saved."))
        return redirect("portal:account_settings")
    return render(request, "portal/account_settings.html", {"form": form})


NOTIFICATIONS_PER_PAGE = 30
refusals = logging.getLogger("portal.refusals")


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    before = request.GET.get("for")
    page = Notification.objects.for_user(request.user).order_by("-created_at", "-pk")
    before = id_number(before)
    if before is not None:
        page = page.filter(pk__lt=before)
    items = list(page[: NOTIFICATIONS_PER_PAGE + 1])
    return render(
        request,
        "portal/notifications.html",
        {
            "notifications": items[:NOTIFICATIONS_PER_PAGE],
            "older": items[NOTIFICATIONS_PER_PAGE - 1].pk
            if len(items) > NOTIFICATIONS_PER_PAGE
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Go where a notification points. A click on its link posts (htmx) and marks it read; a
    GET, opened in a new tab or without JavaScript, only goes there: a GET writes nothing."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        services.notifications_mark_read(user=request.user, ids=[notification.pk])
    target = reverse("portal:notifications")
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        target = notification.url
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@login_required
def notification_count(request: HttpRequest) -> HttpResponse:
    count = unread.unread_count(request.user)
    return render(request, "portal/includes/notification_count.html", {"count": count})


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("portal:notifications")


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    terms = GlossaryTerm.objects.current().select_related("last_reviewed_by")
    return render(request, "portal/glossary.html", {"terms": terms})


@login_required
@require_POST
def feedback(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    obj = usage.feedback_target(label, pk, request.user)
    if obj is None:
        raise Http404
    answer = request.POST.get("useful")
    if answer in {"yes", "no"}:
        usage.feedback_give(
            user=request.user,
            obj=obj,
            useful=answer == "yes",
            comment=request.POST.get("comment", ""),
        )
    if request.htmx:
        return render(request, "portal/includes/feedback.html", {"object": obj})
    messages.success(request, _("Thank you for your feedback."))
    back = request.headers.get("referer", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("portal:dashboard")


@login_required
@rate_limited(scope="search", limit=120)
def search(request: HttpRequest) -> HttpResponse:
    query = replace_identity_numbers(request.GET.get("q", ""), "")  # never searched, kept, shown
    kind = request.GET.get("type", "")
    page = page_number(request.GET.get("page"))
    if request.htmx:  # the suggestions as you type: a few titles
        results = portal_search.search(request.user, query, limit=6, snippets=False)
    else:
        results = portal_search.search(request.user, query, kind=kind, page=page)
    context = {"results": results, "search_query": results.query, "kind": kind}
    # An organisation number («974 760 673», «NO 974760673 MVA») goes straight to the employer;
    # as you type (htmx), the employer is a suggestion: no jump mid-word.
    employers = [hit for hit in results.hits if hit["kind"] == "employer"]
    single = results.organisation_number and results.counts.get("employer") == 1 and employers
    if single and not request.htmx:
        return redirect(employers[0]["url"])
    return render(request, page_template(request, "portal/search.html", "suggestions"), context)


@login_required
def report_usage(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_reports(request.user):
        raise PermissionDenied
    context = dict(reports.usage_report())
    if request.user.is_superuser:
        context["figure_regions"] = Region.objects.only("pk", "name")
    return render(request, "portal/report_usage.html", context)


@login_required
@export_limited
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if not permissions.can_see_reports(request.user):
        raise PermissionDenied
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    audit_record(actor=request.user, action="export", after={"file": "usage-report", "format": fmt})
    header = [_("Type"), _("Title"), _("Address"), _("Views"), _("Useful"), _("Not useful")]
    rows = (
        (row.kind, row.title, row.url, row.views, row.useful, row.not_useful)
        for row in reports.content_with_usage().order_by("kind", "title").iterator()
    )
    export = exports.xlsx_response if fmt == "xlsx" else exports.csv_response
    return export("bruk-og-tilbakemeldinger", header, rows)


@login_required
def panel(request: HttpRequest) -> HttpResponse:
    """Every dashboard panel loaded by htmx after the page: its declaration
    (`portal.dashboard.LazyPanel`) is found by the name of the URL it is asked at."""
    lazy = lazy_panels()[request.resolver_match.view_name]
    if not lazy.allowed(request.user):
        raise PermissionDenied
    return render(request, lazy.template, {"panel": lazy.context(request.user)})


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (tilgjengelighetserklæring), open to everyone."""
    language = translation.get_language() or "nb"
    template = "en" if language.startswith("en") else "nb"
    return render(request, f"portal/accessibility_{template}.html")


def _log_refusal(request: HttpRequest, status: int) -> None:
    """Who was refused what, and when (the log line's time): a user id, never a name."""
    user = getattr(request, "user", None)
    who = f"user:{user.pk}" if user is not None and user.is_authenticated else "anonymous"
    refusals.info(
        "refused status=%s who=%s method=%s path=%s", status, who, request.method, request.path
    )


def error_403(request: HttpRequest, exception=None) -> HttpResponse:
    _log_refusal(request, 403)
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception=None) -> HttpResponse:
    _log_refusal(request, 404)
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    # No context processors: the failure may be in them, or in the database behind them.
    from django.db import InterfaceError, OperationalError, connections
    from django.template import loader

    if isinstance(sys.exception(), OperationalError | InterfaceError):
        # The database is restarting. Drop broken connections (health checks reconnect on
        # the next request) and say so, instead of a generic error.
        for connection in connections.all(initialized_only=True):
            connection.close_if_unusable_or_obsolete()
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
