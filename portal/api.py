"""Read-only Wagtail API v2 at /api/v2/: published pages only, no personal data.

Every endpoint checks its query parameters before Wagtail runs a query: values that would
only reach the database as an error (an offset past what it can count, a NUL byte, an
unbalanced quote in a full-text search) are answered with 400 and a message saying what is
wrong, never with a 500.
"""

import re

from django.core.exceptions import ValidationError
from django.http import Http404
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

# Largest offset accepted: offset + limit must stay within every database's integer range.
MAX_OFFSET = 2**31 - 1
SEARCH_OPERATORS = ("and", "or")
# C0 control characters and DEL; tab and line breaks are harmless white space.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_parameters(params):
    """Raise BadRequestError (answered as 400 with its message) for a hostile value."""
    for name, values in params.lists():
        if _CONTROL.search(name) or any(_CONTROL.search(value) for value in values):
            raise BadRequestError(f"query parameter {name[:40]!r} contains a control character")
    try:
        offset = int(params.get("offset", "0"))
    except ValueError:
        offset = 0  # not a number: Wagtail's pagination says so itself
    if offset > MAX_OFFSET:
        raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
    if "id" in params:  # find/?id= passes it to the database unchecked
        try:
            int(params["id"])
        except ValueError:
            raise BadRequestError("id must be an integer") from None
    if '"' in params.get("search", ""):
        # The full-text backends do not all escape quotes (SQLite's FTS fails on one), and
        # the API offers no phrase search: a quote can only be a mistake or a probe.
        raise BadRequestError('search cannot contain double quotes (")')
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")


def storable_id(model, value):
    """Whether ``value`` fits the model's primary key column (the detail URL takes any digits,
    and a lookup through a page type's parent link does not guard the range itself)."""
    field = model._meta.pk
    field = getattr(field, "target_field", field)
    try:
        field.run_validators(int(value))
    except (TypeError, ValueError, ValidationError):
        return False
    return True


class CheckedParametersMixin:
    """Check the query parameters of every view of an endpoint (listing, detail, find)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request.GET)
        if "pk" in kwargs and not storable_id(self.model, kwargs["pk"]):
            raise Http404("not found")


class PortalPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    """Stock pages endpoint, with the locale joined: ``meta.locale`` otherwise costs one
    query per listed page (found by tests/bench/test_query_budgets.py)."""

    def get_queryset(self):
        return super().get_queryset().select_related("locale")


class PortalImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    """Stock images endpoint with checked parameters."""


class PortalDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    """Stock documents endpoint with checked parameters."""


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
