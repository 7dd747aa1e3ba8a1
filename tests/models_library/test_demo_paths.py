"""Demo: a development path on every demo model and an approved adoption with an experience."""

import pytest
from bs4 import BeautifulSoup

from demo import development_paths
from demo import library as demo_library
from models_library.models import AdoptionReport, DevelopmentPathEntry, PracticeModelPage

pytestmark = pytest.mark.django_db


def test_every_demo_model_has_a_path_and_one_report_is_public(client, site_structure):
    demo_library.load(site_structure)
    development_paths.load(site_structure)
    development_paths.load(site_structure)  # idempotent
    models = PracticeModelPage.objects.filter(locale__language_code="fi", live=True)
    assert models.count() == 10
    for page in models:
        path = DevelopmentPathEntry.objects.filter(page__translation_key=page.translation_key)
        assert path.filter(kind="stage").count() == 1, page.slug
    varpu = models.get(slug="varpu")
    assert DevelopmentPathEntry.objects.filter(page=varpu).earliest("date").date.year == 2005
    report = AdoptionReport.objects.approved().get()
    assert report.email.endswith("@example.fi") and report.experience
    page = models.get(slug=development_paths.REPORT["model"])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert report.organisation_name in soup.select_one(".model-adoptions").get_text()
    assert "koulutuspäivää" in soup.select_one(".model-experiences").get_text()
    assert soup.select(".model-development-path .timeline__entry")
