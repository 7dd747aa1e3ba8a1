"""The corpus generator builds a valid, routable, searchable, translated tree."""

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from events.models import EventPage
from models_library.models import Adoption, PracticeModelPage

pytestmark = pytest.mark.django_db


def test_generate_corpus_command(client, site_structure, capsys):
    call_command("generate_corpus", models=12, events=6, seed=3, languages="fi,sv,en")
    out = capsys.readouterr().out
    assert "Created 36 model pages and 18 event pages" in out

    assert all(not problems for problems in Page.find_problems()), "treebeard tree is inconsistent"
    fi = PracticeModelPage.objects.live().filter(locale__language_code="fi")
    assert fi.count() == 12
    assert EventPage.objects.live().filter(locale__language_code="sv").count() == 6
    # Translations share the translation key of the Finnish page and live in their own tree.
    model = fi.first()
    translations = {p.locale.language_code: p for p in model.get_translations()}
    assert set(translations) == {"sv", "en"}
    assert translations["sv"].url.startswith("/sv/")
    # Realistic content: six sections of Finnish text, vocabulary links and adoptions.
    assert len(model.basic_idea) > 200 and "<p>" in model.basic_idea
    assert model.regions.exists() and model.themes.exists() and model.target_groups.exists()
    assert Adoption.objects.filter(page__locale__language_code="fi").exists()
    assert all(a.region_id for a in Adoption.objects.all())

    for page in (model, translations["sv"], EventPage.objects.first()):
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()

    # The search index was built once at the end.
    found = PracticeModelPage.objects.live().filter(locale=model.locale).search("perhekeskus")
    assert len(found) > 0


def test_same_seed_same_titles(site_structure):
    call_command("generate_corpus", models=5, events=0, seed=11, languages="fi", no_index=True)
    first = list(PracticeModelPage.objects.order_by("pk").values_list("title", flat=True))
    PracticeModelPage.objects.all().delete()
    call_command("generate_corpus", models=5, events=0, seed=11, languages="fi", no_index=True)
    second = list(PracticeModelPage.objects.order_by("pk").values_list("title", flat=True))
    assert first == second


@pytest.mark.parametrize("args", [{"models": -1}, {"languages": "fi,de"}])
def test_bad_arguments_give_a_clear_error(db, args):
    with pytest.raises(CommandError):
        call_command("generate_corpus", **args)
