"""Library-specific test helpers: a hand-computed facet fixture and cheap bulk models."""

from wagtail.models import Locale, PageViewRestriction

from editorial.models import OrganisationSectionPage
from models_library.models import Adoption, PracticeModelPage
from tests.factories import (
    OrganisationFactory,
    PracticeModelPageFactory,
    RegionFactory,
    TargetGroupFactory,
    ThemeFactory,
)


def vocabulary_lacks(model, *names_fi):
    """A portal whose vocabulary has no row named so (an editor removed it, or an older
    list): the shipped vocabularies in the test database have them."""
    model.objects.filter(name_fi__in=names_fi).delete()


def vocab_fixture():
    return {
        "lappi": RegionFactory(code="lappi", name_fi="Lappi", name_sv="Lappland", name_en="Lapland"),
        "pirkanmaa": RegionFactory(code="pirkanmaa", name_fi="Pirkanmaa", name_sv="Birkaland", name_en="Pirkanmaa"),
        "young": TargetGroupFactory(code="young-people", name_fi="Nuoret", name_sv="Unga", name_en="Young people"),
        "families": TargetGroupFactory(code="families", name_fi="Perheet", name_sv="Familjer", name_en="Families"),
        "t1": ThemeFactory(code="early-support", name_fi="Varhainen tuki"),
        "t2": ThemeFactory(code="participation", name_fi="Osallisuus"),
        "o1": OrganisationFactory(code="org-one", name_fi="Organisaatio Yksi"),
        "o2": OrganisationFactory(code="org-two", name_fi="Organisaatio Kaksi"),
    }


def build_facet_fixture(library):
    """Three visible Finnish models (A, B, C), a draft, a private one and a Swedish one.

    A: lappi | young | early-support | ready | org-one | adopted in pirkanmaa
    B: lappi+pirkanmaa | young+families | participation | in_development | org-two
    C: pirkanmaa | families | both themes | ready | org-one | adopted in lappi (in an org section)
    """
    v = vocab_fixture()
    a = PracticeModelPageFactory(
        parent=library,
        title="Alfa",
        slug="alfa",
        development_stage="ready",
        vocab={"regions": [v["lappi"]], "target_groups": [v["young"]], "themes": [v["t1"]], "organisations": [v["o1"]]},
    )
    b = PracticeModelPageFactory(
        parent=library,
        title="Beta",
        slug="beta",
        development_stage="in_development",
        vocab={
            "regions": [v["lappi"], v["pirkanmaa"]],
            "target_groups": [v["young"], v["families"]],
            "themes": [v["t2"]],
            "organisations": [v["o2"]],
        },
    )
    section = OrganisationSectionPage(
        title="Organisaatio Yksi", slug="org-one", organisation=v["o1"], locale=library.locale
    )
    library.add_child(instance=section)
    section.save_revision().publish()
    c = PracticeModelPageFactory(
        parent=section,
        title="Gamma",
        slug="gamma",
        development_stage="ready",
        vocab={
            "regions": [v["pirkanmaa"]],
            "target_groups": [v["families"]],
            "themes": [v["t1"], v["t2"]],
            "organisations": [v["o1"]],
        },
    )
    Adoption.objects.create(page=a, region=v["pirkanmaa"], year=2023)
    Adoption.objects.create(page=c, region=v["lappi"], year=2022)
    draft = PracticeModelPageFactory(
        parent=library, title="Luonnos", slug="luonnos", live=False, development_stage="established"
    )
    draft.target_groups.set([v["young"]])
    draft.regions.set([v["lappi"]])
    draft.save()
    private = PracticeModelPageFactory(
        parent=library, title="Yksityinen", slug="yksityinen", vocab={"regions": [v["lappi"]]}
    )
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="salainen")
    sv_library = library.get_translation(Locale.objects.get(language_code="sv"))
    sv_model = PracticeModelPageFactory(
        parent=sv_library,
        title="Svensk modell",
        slug="svensk",
        locale=sv_library.locale,
        vocab={"regions": [v["lappi"]]},
    )
    return {"vocab": v, "a": a, "b": b, "c": c, "draft": draft, "private": private, "sv": sv_model, "section": section}


def bulk_models(parent, count, start=0, vocab=None):
    """``count`` live models without revisions or search indexing (fast enough for 500)."""
    through = PracticeModelPage.regions.through
    tg_through = PracticeModelPage.target_groups.through
    rows, tg_rows = [], []
    pages = []
    for i in range(start, start + count):
        page = PracticeModelPage(
            title=f"Massamalli {i:04d}",
            slug=f"massamalli-{i}",
            locale=parent.locale,
            short_description="Lyhyt kuvaus.",
            development_stage="ready",
            live=True,
        )
        parent.add_child(instance=page)
        parent.refresh_from_db()  # treebeard needs the fresh numchild/path of the parent
        pages.append(page)
        if vocab:
            rows.append(through(practicemodelpage_id=page.pk, region_id=vocab["lappi"].pk))
            tg_rows.append(tg_through(practicemodelpage_id=page.pk, targetgroup_id=vocab["young"].pk))
    through.objects.bulk_create(rows)
    tg_through.objects.bulk_create(tg_rows)
    Adoption.objects.bulk_create(
        [Adoption(page=p, region=vocab["pirkanmaa"], year=2024) for p in pages] if vocab else []
    )
    return pages
