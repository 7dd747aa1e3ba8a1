"""Organiser view of an event's registrations in the Wagtail admin, with CSV export.

Participants' details (and their decrypted dietary/accessibility needs) belong to the
event's organisers alone: ``events.permissions.registrations_page_for`` decides who they are.
"""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from . import crypto
from .models import EventPage, Registration
from .permissions import registrations_page_for


def _event_for(request, page_id):
    """The page holding the registrations, when the user may see them (any translation's id)."""
    holder = registrations_page_for(request.user, get_object_or_404(EventPage, pk=page_id))
    if holder is None:
        raise PermissionDenied
    return holder


def _cell(value):
    # Spreadsheet formula injection: a cell starting with = + - @ is read as a formula.
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


# Shown in place of needs that no configured key opens: never a blank that reads as "none".
UNREADABLE_NEEDS = gettext_lazy(
    "[Cannot be decrypted: the encryption key is missing. Nothing has been deleted; contact the site administrator.]"
)


def _decrypt_needs(rows):
    """Set ``needs_text`` and ``needs_unreadable`` on each registration; returns how many
    could not be decrypted (each one is logged as an error by events.crypto)."""
    unreadable = 0
    for row in rows:
        try:
            row.needs_text, row.needs_unreadable = row.needs, False
        except crypto.DecryptionFailed:
            row.needs_text, row.needs_unreadable = str(UNREADABLE_NEEDS), True
            unreadable += 1
    return unreadable


def registrations_view(request, page_id):
    event = _event_for(request, page_id)
    rows = list(
        Registration.objects.filter(event=event)
        .select_related("occurrence")
        .order_by("occurrence__start", "status", "created_at", "pk")
    )
    unreadable = _decrypt_needs(rows)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 only with a BOM
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Status"),
                _("Date"),
                _("Name"),
                _("E-mail"),
                pgettext("a body such as a municipality or association", "Organisation"),
                _("Dietary or accessibility needs"),
                _("Registered"),
                pgettext("registration", "Cancelled on"),
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    row.get_status_display(),
                    timezone.localtime(row.occurrence.start).strftime("%Y-%m-%d %H:%M") if row.occurrence else "",
                    _cell(row.name),
                    _cell(row.email),
                    _cell(row.organisation),
                    _cell(row.needs_text),
                    timezone.localtime(row.created_at).strftime("%Y-%m-%d %H:%M"),
                    timezone.localtime(row.cancelled_at).strftime("%Y-%m-%d %H:%M") if row.cancelled_at else "",
                ]
            )
        add_never_cache_headers(response)
        return response
    counts = {status: sum(1 for r in rows if r.status == status) for status in Registration.Status.values}
    response = TemplateResponse(
        request,
        "events/admin/registrations.html",
        {
            "event": event,
            "registrations": rows,
            "counts": counts,
            "unreadable": unreadable,
            "page_title": _("Registrations: %(title)s") % {"title": event.title},
        },
    )
    add_never_cache_headers(response)
    return response
