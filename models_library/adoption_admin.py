"""The admin queue of reported adoptions: organisation editors see their sections' reports,
moderators all. Approve (after optional edits) or reject with a reason e-mailed back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from editorial.models import OrganisationEditors
from editorial.roles import is_moderator

from . import adoption_reports
from .adoption_forms import ModerationForm
from .models import AdoptionReport

QUEUE_LIMIT = 100


def may_moderate_reports(user):
    return user.is_active and (is_moderator(user) or OrganisationEditors.objects.filter(group__user=user).exists())


def queue_view(request):
    if not may_moderate_reports(request.user):
        raise PermissionDenied
    state = request.GET.get("state", AdoptionReport.State.PENDING)
    if state not in AdoptionReport.State.values or state == AdoptionReport.State.UNCONFIRMED:
        state = AdoptionReport.State.PENDING
    reports = (
        adoption_reports.reports_for_user(request.user)
        .filter(state=state)
        .select_related("page", "municipality")
        .order_by("-confirmed_at", "-pk")[:QUEUE_LIMIT]
    )
    states = [
        (value, label) for value, label in AdoptionReport.State.choices if value != AdoptionReport.State.UNCONFIRMED
    ]
    return TemplateResponse(
        request,
        "models_library/admin/adoption_queue.html",
        {"reports": reports, "state": state, "states": states},
    )


def moderate_view(request, report_id):
    report = get_object_or_404(adoption_reports.reports_for_user(request.user).select_related("page"), pk=report_id)
    form = ModerationForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        approve = request.POST.get("action") == "approve"
        adoption_reports.moderate(
            form.save(commit=False), request.user, approve=approve, reason=form.cleaned_data["rejection_reason"]
        )
        messages.success(
            request,
            _("The report was approved and published.")
            if approve
            else _("The report was rejected and the reporter told why."),
        )
        return redirect("adoption_report_queue")
    return TemplateResponse(request, "models_library/admin/adoption_moderate.html", {"report": report, "form": form})


admin_urlpatterns = [
    path("adoption-reports/", queue_view, name="adoption_report_queue"),
    path("adoption-reports/<id:report_id>/", moderate_view, name="adoption_report_moderate"),
]


class AdoptionReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_moderate_reports(request.user)


class PendingAdoptionReportsPanel(Component):
    """Dashboard: the reports waiting for this user's decision, and their number."""

    name = "adoption_reports_pending"
    order = 85
    template_name = "models_library/admin/pending_reports_panel.html"

    def __init__(self, user):
        pending = adoption_reports.reports_for_user(user).filter(state=AdoptionReport.State.PENDING)
        self.count = pending.count()
        self.reports = list(pending.select_related("page").order_by("confirmed_at")[:10]) if self.count else []

    def get_context_data(self, parent_context):
        return {"count": self.count, "reports": self.reports}

    def render_html(self, parent_context):
        return super().render_html(parent_context) if self.count else ""


MENU_LABEL = gettext_lazy("Adoption reports")
