"""Public views of reported adoptions: the report form and the e-mail confirmation.

The form has a page of its own (linked from the model page) so that the model page,
which carries no CSRF token, stays in the shared page cache.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.ratelimit import rate_limit

from . import adoption_reports
from .adoption_forms import AdoptionReportForm
from .models import PracticeModelPage


def _live_model(page_id):
    page = get_object_or_404(PracticeModelPage.objects.live().public(), pk=page_id)
    return page


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limit("adoption-report", methods=["POST"])
def report_adoption(request, page_id):
    page = _live_model(page_id)
    form = AdoptionReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if not form.is_spam:  # a robot gets the same answer and nothing is stored
                report = form.save(commit=False)
                report.page = page
                report.language = translation.get_language() or "fi"
                report.save()
                adoption_reports.send_confirmation(report, request)
            return TemplateResponse(request, "models_library/adoption_report_sent.html", {"page": page})
        status = 400
    return TemplateResponse(
        request, "models_library/adoption_report_form.html", {"page": page, "form": form}, status=status
    )


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limit("adoption-report", methods=["POST"])
def confirm_adoption_report(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    report = adoption_reports.report_for_token(token)
    if report is None:
        response = TemplateResponse(request, "models_library/adoption_report_invalid.html", {}, status=400)
        return response
    if request.method == "POST":
        adoption_reports.confirm(report)
        return TemplateResponse(request, "models_library/adoption_report_confirmed.html", {"report": report})
    return TemplateResponse(request, "models_library/adoption_report_confirm.html", {"report": report})
