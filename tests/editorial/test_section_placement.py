"""Models go only in the library's sections, events only in the calendar's."""

import pytest

from editorial.services import ensure_organisation_section
from events.models import EventPage
from models_library.models import Organisation, PracticeModelPage

pytestmark = pytest.mark.django_db


def test_page_types_stay_in_their_own_index(site_structure):
    organisation = Organisation.objects.get(code="lapin-hyvinvointialue")
    sections = ensure_organisation_section(organisation, site_structure)
    assert PracticeModelPage.can_create_at(sections["library"])
    assert not PracticeModelPage.can_create_at(sections["events"])
    assert EventPage.can_create_at(sections["events"])
    assert not EventPage.can_create_at(sections["library"])
    assert PracticeModelPage.can_create_at(site_structure["library"])
    assert not PracticeModelPage.can_create_at(site_structure["events"])
