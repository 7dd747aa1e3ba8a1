"""Every demo model has a contact: fictional role mailboxes on example.fi, in every language."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from demo import contacts
from demo import library as demo
from models_library.models import PracticeModelPage

from .fixtures import vocab_fixture
from .test_demo import _item

SEEDS_PERSON = ("Laiho", "317 4105", "040-317")


def test_every_demo_model_has_a_fictional_role_mailbox():
    items = json.loads(demo.DATA.read_text(encoding="utf-8"))
    assert {item["slug"] for item in items} <= set(contacts.CONTACTS)
    for name, _role, email, _public in contacts.CONTACTS.values():
        assert re.fullmatch(r"[a-z0-9.-]+@example\.fi", email), email
        assert not any(part in name for part in SEEDS_PERSON)
    data = demo.DATA.read_text(encoding="utf-8") + (demo.DATA.parent.parent / "contacts.py").read_text()
    assert not any(part in data for part in SEEDS_PERSON)  # the real person's number is not republished
    # Ready and established demo models can be published through the admin's check.
    for item in items:
        assert item["owner_organisation"], item["slug"]


@pytest.mark.django_db
def test_demo_contacts_show_in_every_language(client, site_structure, tmp_path):
    vocab_fixture()
    data = tmp_path / "models.json"
    data.write_text(json.dumps([_item("malli", "Malli")]))
    demo.load(site_structure, data_file=data)
    for code in ("fi", "sv", "en"):
        page = PracticeModelPage.objects.get(slug="malli", locale=Locale.objects.get(language_code=code))
        assert page.publish_blockers() == [], code
        soup = BeautifulSoup(client.get(page.url).content.decode(), "html.parser")
        section = soup.select_one(".model-contacts")
        assert section.select_one('a[href="mailto:malli@example.fi"]'), code
        link = section.select_one(f'a[href="{page.url}contact/"]')
        assert link, code
        form_page = BeautifulSoup(client.get(link["href"]).content.decode(), "html.parser")
        assert form_page.select_one("form.contact-form"), code
