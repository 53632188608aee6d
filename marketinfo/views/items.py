"""Adding, editing, moving and removing a summary's items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketinfo import services
from marketinfo.forms import KIND_FIELDS, ItemForm
from marketinfo.models import Item, ItemKind
from marketinfo.views.access import posted, writable_item, writable_summary


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    summary = writable_summary(request.user, pk)
    if kind not in KIND_FIELDS:
        raise Http404
    form = ItemForm(posted(request), kind=kind, instance=Item(summary=summary, kind=kind))
    if request.method == "POST" and form.is_valid():
        services.item_save(item=form.save(), user=request.user)
        messages.success(request, _("The item is added."))
        return redirect("marketinfo:summary_edit", summary.pk)
    return render(
        request,
        "marketinfo/item_form.html",
        {"summary": summary, "form": form, "kind_label": ItemKind(kind).label},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = writable_item(request.user, pk)
    form = ItemForm(posted(request), kind=item.kind, instance=item)
    if request.method == "POST" and form.is_valid():
        services.item_save(
            item=form.save(), user=request.user, changed_fields=form.changed_labels()
        )
        messages.success(request, _("The item is saved."))
        return redirect("marketinfo:summary_edit", item.summary_id)
    return render(
        request,
        "marketinfo/item_form.html",
        {
            "summary": item.summary,
            "form": form,
            "item": item,
            "kind_label": item.get_kind_display(),
        },
    )


@login_required
@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = writable_item(request.user, pk)
    services.item_move(item=item, user=request.user, up=request.POST.get("direction") == "up")
    return redirect(f"{_edit_url(item.summary_id)}#item-{item.pk}")


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = writable_item(request.user, pk)
    services.item_delete(item=item, user=request.user)
    messages.success(request, _("The item is removed."))
    return redirect("marketinfo:summary_edit", item.summary_id)


def _edit_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("marketinfo:summary_edit", args=[pk])
