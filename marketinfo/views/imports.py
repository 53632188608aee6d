"""Importing a sheet of items into a summary: upload, preview, confirm; and the template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from marketinfo import services, sheets
from marketinfo.forms import ConfirmImportForm, ImportForm
from marketinfo.models import ImportBatch
from marketinfo.permissions import can_write_anything
from marketinfo.views.access import bound, writable_summary
from portal.exports import csv_response, xlsx_response
from portal.ratelimit import export_limited

# What the preview says about the sheet as a whole (columns left out, tabs read and skipped);
# the rows themselves are in the ImportBatch.
_IMPORT_NOTES = "marketinfo_import_notes"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    summary = writable_summary(request.user, pk)
    form = ImportForm(
        *bound(request),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["sheet"]
        try:
            parsed = sheets.parse(upload.read(sheets.MAX_UPLOAD_BYTES + 1), summary=summary)
        except sheets.SheetRefused as refused:
            form.add_error("sheet", str(refused))
        else:
            batch = ImportBatch.objects.create(
                summary=summary,
                user=request.user,
                filename=upload.name[:200],
                rows=parsed.rows,
            )
            request.session[_IMPORT_NOTES] = {
                "token": str(batch.token),
                "ignored_columns": parsed.ignored_columns,
                "tabs_read": parsed.tabs_read,
                "tabs_skipped": parsed.tabs_skipped,
            }
            return redirect("marketinfo:import_preview", batch.token)
    return render(request, "marketinfo/import_upload.html", {"summary": summary, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, token=token, user=request.user)
    summary = writable_summary(request.user, batch.summary_id)
    form = ConfirmImportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.import_confirm(
                batch=batch,
                user=request.user,
                create_employers=form.cleaned_data["create_employers"],
            )
        except services.ImportRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                ngettext("Imported %(count)d row.", "Imported %(count)d rows.", count)
                % {"count": count},
            )
            return redirect("marketinfo:summary_edit", summary.pk)
    notes = request.session.get(_IMPORT_NOTES) or {}
    if notes.get("token") != str(batch.token):
        notes = {}
    tabs_read = notes.get("tabs_read", [])
    return render(
        request,
        "marketinfo/import_preview.html",
        {
            "summary": summary,
            "batch": batch,
            "form": form,
            "columns": sheets.TEMPLATE_COLUMNS,
            "ignored_columns": notes.get("ignored_columns", []),
            "tabs_read": [name for name in tabs_read if name],
            "tabs_skipped": notes.get("tabs_skipped", []),
            "several_tabs": len(tabs_read) > 1,
            **_preview_rows(batch.rows),
        },
    )


PREVIEW_ROWS = 100


def _preview_rows(rows: list[dict]) -> dict:
    """The rows in the sheet's order, good ones beside bad ones, with counts of each. A sheet
    of thousands of rows is not read line by line on screen: the rows that need a look (errors,
    then warnings) come first into the hundred shown, then the others."""
    errors = sum(1 for row in rows if row["errors"])
    warnings = sum(
        1
        for row in rows
        if row.get("warnings") and not row["errors"] and not row.get("already_imported")
    )
    already = sum(1 for row in rows if row.get("already_imported"))
    if len(rows) > PREVIEW_ROWS:
        urgency = sorted(
            range(len(rows)),
            key=lambda i: (not rows[i]["errors"], not rows[i].get("warnings"), i),
        )
        shown = [rows[i] for i in sorted(urgency[:PREVIEW_ROWS])]
    else:
        shown = rows
    return {
        "shown_rows": shown,
        "hidden_rows": len(rows) - len(shown),
        "error_rows": errors,
        "warning_rows": warnings,
        "already_rows": already,
        "importable_rows": len(rows) - errors - already,
    }


@login_required
@export_limited
def import_template(request: HttpRequest) -> HttpResponse:
    if not can_write_anything(request.user):
        raise PermissionDenied
    header = [name for _key, name in sheets.TEMPLATE_COLUMNS]
    if request.GET.get("format") == "csv":
        return csv_response("ukesark-mal", header, sheets.TEMPLATE_EXAMPLES)
    return xlsx_response("ukesark-mal", header, sheets.TEMPLATE_EXAMPLES, title="Ukesark")
