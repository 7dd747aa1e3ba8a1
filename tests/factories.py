"""factory_boy factories for every vocabulary and page type: a test says only what matters.

The one factory module of the suite (the browser, axe and fuzz tests discover page types
through it, tests/security/demo.py); ``publish_event`` publishes an event the way an editor
does, so its occurrences are generated."""

import datetime
from zoneinfo import ZoneInfo

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventPage
from home.models import ArticlePage, StandardPage
from models_library.models import (
    Funder,
    Municipality,
    Organisation,
    PracticeModelPage,
    Region,
    TargetGroup,
    Theme,
)


class VocabularyFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"code-{n}")
    name_fi = factory.Sequence(lambda n: f"Nimi {n}")
    name_sv = factory.Sequence(lambda n: f"Namn {n}")
    name_en = factory.Sequence(lambda n: f"Name {n}")

    class Meta:
        abstract = True
        django_get_or_create = ("code",)

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        """The row as the test states it: the test database already holds the shipped
        vocabularies (tests/conftest.py), and a test naming a code with its own names means
        those names (get-or-create kept the shipped ones)."""
        manager = cls._get_manager(model_class)
        code = kwargs.pop("code")
        obj, _created = manager.update_or_create(code=code, defaults=kwargs)
        return obj


class RegionFactory(VocabularyFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)


class MunicipalityFactory(VocabularyFactory):
    region = factory.SubFactory(RegionFactory)

    class Meta:
        model = Municipality
        django_get_or_create = ("code",)


class TargetGroupFactory(VocabularyFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("code",)


class ThemeFactory(VocabularyFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("code",)


class FunderFactory(VocabularyFactory):
    class Meta:
        model = Funder
        django_get_or_create = ("code",)


class OrganisationFactory(VocabularyFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)


def fi_locale():
    return Locale.objects.get_or_create(language_code="fi")[0]


class PracticeModelPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Toimintamalli {n}")
    short_description = "Lyhyt kuvaus mallista."
    development_stage = "ready"
    basic_idea = "<p>Perusidea.</p>"
    locale = factory.LazyFunction(fi_locale)

    class Meta:
        model = PracticeModelPage
        skip_postgeneration_save = True

    @factory.post_generation
    def vocab(self, create, extracted, **kwargs):
        # PracticeModelPageFactory(vocab={"regions": [...], "themes": [...]})
        if extracted:
            for name, values in extracted.items():
                getattr(self, name).set(values)
            if create:
                self.save_revision().publish()


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tapahtuma {n}")
    summary = "Tapahtuman tiivistelmä."
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=3))
    locale = factory.LazyFunction(fi_locale)

    class Meta:
        model = EventPage


HELSINKI = ZoneInfo("Europe/Helsinki")


def local(*args):
    """An aware datetime in Finnish time, e.g. local(2026, 3, 29, 10)."""
    return datetime.datetime(*args, tzinfo=HELSINKI)


def publish_event(parent, m2m=None, **fields):
    """Create an EventPage below ``parent`` and publish it (occurrences are generated)."""
    defaults = {
        "title": "Työpaja",
        "summary": "Tiivistelmä.",
        "start": local(2026, 3, 10, 9),
        "end": local(2026, 3, 10, 12),
        "locale": Locale.objects.get(language_code="fi"),
    }
    defaults.update(fields)
    if "slug" not in defaults:
        defaults["slug"] = f"event-{EventPage.objects.count() + 1}"
    page = EventPage(**defaults)
    parent.add_child(instance=page)
    for name, values in (m2m or {}).items():
        getattr(page, name).set(values)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Uutinen {n}")
    intro = "Uutisen johdanto."
    locale = factory.LazyFunction(fi_locale)

    class Meta:
        model = ArticlePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sivu {n}")
    locale = factory.LazyFunction(fi_locale)

    class Meta:
        model = StandardPage
