"""Friendly responses for the hardening features (axes lockout)."""

import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    """django-axes lockout page: says what happened and when to try again, in the UI language."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
