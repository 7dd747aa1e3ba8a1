"""Site-wide views that belong to no feature app: /health/ and the admin lock-out page."""

import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import report as health_report


@never_cache
@require_GET
def health(request):
    """JSON for load balancers and monitoring: 200 while the site serves (``ok`` or
    ``degraded``), 503 when the database is down (portal/health.py)."""
    body, status = health_report()
    return JsonResponse(body, status=status)


def lockout(request, original_response=None, credentials=None):
    """django-axes lockout page: says what happened and when to try again, in the UI language."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
