"""The library tests' site: the baseline's home and library in fi, sv and en.

Every test database starts with the site structure (``tests/conftest.py``), so this reads
it; it once built a leaner site of its own per test, which cost more than reading it now.
"""

import pytest
from wagtail.models import Locale


@pytest.fixture
def lean_site(site_structure):
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=("fi", "sv", "en"))}
    return {"home": site_structure["home"], "library": site_structure["library"], "locales": locales}


@pytest.fixture
def library(lean_site):
    return lean_site["library"]
