"""Public views of service suggestions: the form and the e-mail confirmation.

The form has its own URL (not a route of the cached service pages, which carry no CSRF
token), like the adoption report form.
"""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.ratelimit import rate_limit

from . import suggestions
from .forms import SuggestionForm
from .models import ServiceIndexPage, ServicePage


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limit("service-suggestion", methods=["POST"])
def suggest_service(request, index_id):
    index = get_object_or_404(ServiceIndexPage.objects.live().public(), pk=index_id)
    service = None
    raw = request.GET.get("service") or request.POST.get("service") or ""
    if raw.isdigit() and len(raw) < 12:
        service = ServicePage.objects.live().public().descendant_of(index).filter(pk=int(raw)).first()
    initial = (
        {"name": service.title, "provider_name": service.provider.name if service.provider else ""} if service else {}
    )
    form = SuggestionForm(request.POST or None, initial=initial, region=index.region)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if not form.is_spam:  # a robot gets the same answer and nothing is stored
                suggestion = form.save(commit=False)
                suggestion.index = index
                suggestion.service = service
                suggestion.language = translation.get_language() or "fi"
                suggestion.save()
                suggestions.send_confirmation(suggestion, request)
            return TemplateResponse(request, "services/suggestion_sent.html", {"index": index})
        status = 400
    return TemplateResponse(
        request,
        "services/suggestion_form.html",
        {"index": index, "service": service, "form": form},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limit("service-suggestion", methods=["POST"])
def confirm_suggestion(request, token):
    """GET shows a button (mail scanners open links); POST confirms."""
    suggestion = suggestions.suggestion_for_token(token)
    if suggestion is None:
        return TemplateResponse(request, "services/suggestion_invalid.html", {}, status=400)
    if request.method == "POST":
        suggestions.confirm(suggestion)
        return TemplateResponse(request, "services/suggestion_confirmed.html", {"suggestion": suggestion})
    return TemplateResponse(request, "services/suggestion_confirm.html", {"suggestion": suggestion})
