"""Experience sharing: the list, a post with its comments, reporting and hiding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning import permissions as perms
from learning.forms import CommentForm, HideForm, ReportForm, ShareForm
from learning.models import Share
from learning.services import shares as services


@login_required
def shares(request: HttpRequest) -> HttpResponse:
    items = Share.objects.visible_to(request.user).shown().listed()[:50]
    return render(request, "learning/shares.html", {"shares": items})


@login_required
@require_http_methods(["GET", "POST"])
def share_create(request: HttpRequest) -> HttpResponse:
    if request.user.office is None:
        raise PermissionDenied
    form = ShareForm(request.POST or None, initial={"module": request.GET.get("module")})
    if request.method == "POST" and form.is_valid():
        share = services.share_create(author=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you for sharing."))
        return redirect(share)
    return render(request, "learning/share_form.html", {"form": form})


def _visible_share(user, pk: int) -> Share:
    share = get_object_or_404(Share.objects.select_related("author", "office", "module"), pk=pk)
    if not perms.can_see_share(user, share):
        raise Http404
    return share


@login_required
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, pk: int) -> HttpResponse:
    share = _visible_share(request.user, pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.share_comment(share=share, author=request.user, text=form.cleaned_data["text"])
        return redirect(share)
    return _share_page(request, share, form=form)


def _share_page(request, share: Share, *, form=None, report_form=None, hide_form=None):
    """The post with its comments; a refused form comes back with what was typed in it."""
    can_hide = perms.can_moderate_share(request.user, share)
    return render(
        request,
        "learning/share.html",
        {
            "share": share,
            "show_author": perms.can_see_share_author(request.user, share),
            "comments": share.comments.select_related("author"),
            "form": form or CommentForm(),
            "report_form": report_form or ReportForm(),
            "hide_form": (hide_form or HideForm()) if can_hide else None,
        },
    )


@login_required
@require_POST
def share_report(request: HttpRequest, pk: int) -> HttpResponse:
    share = _visible_share(request.user, pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        services.share_report(
            share=share, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Thank you. The office's managers have been told."))
        return redirect(share)
    messages.error(request, _("Say briefly what is wrong with the post."))
    return _share_page(request, share, report_form=form)


@login_required
@require_POST
def share_hide(request: HttpRequest, pk: int) -> HttpResponse:
    share = _visible_share(request.user, pk)
    if not perms.can_moderate_share(request.user, share):
        raise PermissionDenied
    form = HideForm(request.POST)
    if form.is_valid():
        services.share_hide(share=share, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("The post is hidden. The reason is kept."))
        return redirect("learning:shares")
    messages.error(request, _("Give the reason for hiding the post."))
    return _share_page(request, share, hide_form=form)
