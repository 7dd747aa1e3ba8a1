"""Admin views of the editorial workflow: mark reviewed, stale models report, editor guide."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from core.templatetags.core_tags import CARD_LENGTHS

from .services import mark_reviewed, stale_models


def mark_reviewed_view(request, page_id):
    """GET: confirm; POST: set "last reviewed" to today on the model and its translations."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not hasattr(page, "last_reviewed") or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        day = mark_reviewed(page, request.user)
        messages.success(
            request,
            _("“%(title)s” marked as reviewed on %(date)s.") % {"title": page.title, "date": day.strftime("%d.%m.%Y")},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "editorial/confirm_mark_reviewed.html", {"page": page})


def editor_guide_view(request):
    return TemplateResponse(
        request,
        "editorial/editor_guide.html",
        {
            "lengths": CARD_LENGTHS,
            "freshness_months": settings.FRESHNESS_MONTHS,
        },
    )


class StaleModelsReportView(ReportView):
    """Moderators' list of published models nobody has reviewed for FRESHNESS_MONTHS months."""

    page_title = gettext_lazy("Stale practice models")
    header_icon = "time"
    template_name = "editorial/stale_models_report.html"
    results_template_name = "editorial/stale_models_report_results.html"
    index_url_name = "editorial_stale_models"
    index_results_url_name = "editorial_stale_models_results"
    list_export = ["title", "review_basis", "url_path"]
    export_headings = {"title": gettext_lazy("Title"), "review_basis": gettext_lazy("Not reviewed since")}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("editorial.view_stale_report"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return stale_models().select_related("owner")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["freshness_months"] = settings.FRESHNESS_MONTHS
        return context
