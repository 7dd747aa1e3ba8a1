import datetime

import pytest

from models_library.models import Funder, Organisation, Region, Theme
from projects.models import ProjectIndexPage, ProjectPage
from tests.factories import ArticlePageFactory, PracticeModelPageFactory, publish_event


@pytest.fixture
def project_index(site_structure):
    index = ProjectIndexPage(title="Hankkeet", slug="hankkeet", locale=site_structure["home"].locale)
    site_structure["home"].add_child(instance=index)
    index.save_revision().publish()
    return index


def make_project(index, title, m2m=None, **fields):
    project = ProjectPage(
        title=title,
        slug=fields.pop("slug", title.lower().replace(" ", "-")),
        locale=index.locale,
        summary=fields.pop("summary", f"{title}: tiivistelmä."),
        **fields,
    )
    index.add_child(instance=project)
    for name, values in (m2m or {}).items():
        getattr(project, name).set(values)
    project.save_revision().publish()
    project.refresh_from_db()
    return project


@pytest.fixture
def linked(site_structure, project_index):
    """A project listing one model, one event and one news item, plus an unrelated model."""
    library = site_structure["library"]
    model = PracticeModelPageFactory(parent=library, title="Arjen turva", slug="arjen-turva")
    model.save_revision().publish()
    other = PracticeModelPageFactory(parent=library, title="Muu malli", slug="muu-malli")
    other.save_revision().publish()
    event = publish_event(site_structure["events"], title="Kuntatyöpaja")
    article = ArticlePageFactory(parent=site_structure["news"], title="Hankeuutinen", slug="hankeuutinen")
    article.save_revision().publish()
    project = make_project(
        project_index,
        "Investointi 2",
        m2m={
            "practice_models": [model],
            "events": [event],
            "news": [article],
            "regions": [Region.objects.get(code="lappi")],
            "funders": [Funder.objects.get(code="stm")],
            "themes": [Theme.objects.get(code="early-support")],
        },
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2099, 12, 31),
        lead_organisation=Organisation.objects.get(code="lapin-hyvinvointialue"),
        budget=1500000,
        goals="<p>Tavoite.</p>",
    )
    return {"project": project, "model": model, "other": other, "event": event, "article": article}
