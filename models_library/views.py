"""Views of the library outside the page tree."""

from django.shortcuts import render

from .glossary import glossary_sections


def glossary(request):
    """Definitions of the library's scales (stages, evidence levels, cost bands, regions)."""
    return render(request, "models_library/glossary.html", {"sections": glossary_sections()})
