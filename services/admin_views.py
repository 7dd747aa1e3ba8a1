"""The admin queue of service suggestions (the region's editors; moderators see all) and the
dashboard panels: suggestions waiting, and services not checked for 12 months."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from editorial.roles import is_moderator

from . import csv_import, suggestions
from .models import STALE_AFTER_DAYS, ServiceIndexPage, ServicePage, ServiceSuggestion
from .stale import stale_services

QUEUE_LIMIT = 100
PANEL_LIMIT = 10


def queue_view(request):
    if not suggestions.may_moderate(request.user):
        raise PermissionDenied
    state = request.GET.get("state", ServiceSuggestion.State.PENDING)
    if state not in ServiceSuggestion.State.values or state == ServiceSuggestion.State.UNCONFIRMED:
        state = ServiceSuggestion.State.PENDING
    rows = (
        suggestions.suggestions_for_user(request.user)
        .filter(state=state)
        .select_related("service", "municipality", "draft")
        .order_by("-confirmed_at", "-pk")[:QUEUE_LIMIT]
    )
    states = [(v, label) for v, label in ServiceSuggestion.State.choices if v != ServiceSuggestion.State.UNCONFIRMED]
    return TemplateResponse(
        request, "services/admin/suggestion_queue.html", {"suggestions": rows, "state": state, "states": states}
    )


def moderate_view(request, suggestion_id):
    suggestion = get_object_or_404(
        suggestions.suggestions_for_user(request.user).select_related("service", "municipality"), pk=suggestion_id
    )
    if request.method == "POST" and suggestion.state == ServiceSuggestion.State.PENDING:
        accept = request.POST.get("action") == "accept"
        suggestions.moderate(suggestion, request.user, accept=accept)
        if accept and suggestion.draft_id:
            messages.success(request, _("Accepted: a draft service page was created. Complete it and publish it."))
            return redirect("wagtailadmin_pages:edit", suggestion.draft_id)
        if accept and suggestion.service_id:
            messages.success(request, _("Accepted: correct the service page and publish it."))
            return redirect("wagtailadmin_pages:edit", suggestion.service_id)
        messages.success(request, _("The suggestion was rejected and the sender told."))
        return redirect("service_suggestion_queue")
    return TemplateResponse(request, "services/admin/suggestion_moderate.html", {"suggestion": suggestion})


class SuggestionsMenuItem(MenuItem):
    def is_shown(self, request):
        return suggestions.may_moderate(request.user)


MENU_LABEL = gettext_lazy("Service suggestions")


class PendingSuggestionsPanel(Component):
    name = "service_suggestions_pending"
    order = 86
    template_name = "services/admin/pending_suggestions_panel.html"

    def __init__(self, user):
        pending = suggestions.suggestions_for_user(user).filter(state=ServiceSuggestion.State.PENDING)
        self.count = pending.count()
        self.rows = list(pending.order_by("confirmed_at")[:PANEL_LIMIT]) if self.count else []

    def get_context_data(self, parent_context):
        return {"count": self.count, "suggestions": self.rows}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.count else ""


class StaleServicesPanel(Component):
    """Dashboard: services not checked for 12 months, oldest first (editors only)."""

    name = "services_stale"
    order = 87
    template_name = "services/admin/stale_services_panel.html"

    def __init__(self, user):
        self.visible = user.is_active and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
        stale = stale_services() if self.visible else ServicePage.objects.none()
        self.count = stale.count()
        self.rows = (
            list(stale.select_related("provider").order_by("last_checked", "title")[:PANEL_LIMIT]) if self.count else []
        )

    def get_context_data(self, parent_context):
        return {"count": self.count, "services": self.rows, "months": STALE_AFTER_DAYS // 30}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.count else ""


# --- CSV import (services/csv_import.py): preview and mapping report, then drafts ------------


def import_view(request):
    if not is_moderator(request.user):
        raise PermissionDenied
    trays = list(ServiceIndexPage.objects.order_by("locale__language_code", "title").select_related("locale"))
    context = {"trays": trays, "max_rows": csv_import.MAX_ROWS}
    if request.method == "POST":
        tray = next((t for t in trays if str(t.pk) == request.POST.get("tray")), None)
        if tray is None:
            context["error"] = _("Choose the service tray.")
            return TemplateResponse(request, "services/admin/import.html", context, status=400)
        if request.POST.get("action") == "create":
            text = request.POST.get("text", "")[: csv_import.MAX_BYTES]
        else:
            upload = request.FILES.get("file")
            if upload is None:
                context["error"] = _("Choose a CSV file.")
                return TemplateResponse(request, "services/admin/import.html", context, status=400)
            text, error = csv_import.decode(upload.read(csv_import.MAX_BYTES + 1))
            if error:
                context["error"] = error
                return TemplateResponse(request, "services/admin/import.html", context, status=400)
        result = csv_import.preview(text, tray)
        if request.POST.get("action") == "create" and not result.errors:
            pages = csv_import.create_drafts(result, tray)
            messages.success(
                request,
                _("%(count)d draft service pages were created. Complete and publish them one by one.")
                % {"count": len(pages)},
            )
            return redirect("wagtailadmin_explore", tray.pk)
        context.update(tray=tray, result=result, text=text)
    return TemplateResponse(request, "services/admin/import.html", context)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


IMPORT_MENU_LABEL = gettext_lazy("Import services")


admin_urlpatterns = [
    path("service-suggestions/", queue_view, name="service_suggestion_queue"),
    path("service-suggestions/<id:suggestion_id>/", moderate_view, name="service_suggestion_moderate"),
    path("service-import/", import_view, name="service_import"),
]
