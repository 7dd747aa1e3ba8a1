"""The editor's dashboard: her section in the menu, her drafts, pages waiting for review and
returned by the moderator, and new followers of her models (moderators: all models)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from following.models import Subscriber, Subscription
from tests.factories import PracticeModelPageFactory

pytestmark = pytest.mark.django_db


def draft(parent, title, user):
    page = PracticeModelPageFactory.build(title=title, live=False, owner=user)
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return page


def panel(html, panel_id):
    return BeautifulSoup(html, "html.parser").find(id=panel_id)


def test_editor_sees_her_drafts_and_reviews_not_others(logged_in, editor_a, editor_b, orgs):
    section_a = orgs["sections"]["a"]["library"]
    draft(section_a, "Luonnos A", editor_a)
    waiting = draft(section_a, "Tarkastettava A", editor_a)
    waiting.get_workflow().start(waiting, editor_a)
    draft(orgs["sections"]["b"]["library"], "Luonnos B", editor_b)

    html = logged_in(editor_a).get("/admin/").content.decode()
    work = panel(html, "editorial-worklist-section")
    assert work is not None
    drafts = work.find(id="worklist-drafts").find_next("ul").get_text()
    in_review = work.find(id="worklist-in-review").find_next("ul").get_text()
    assert "Luonnos A" in drafts and "Tarkastettava A" not in drafts
    assert "Tarkastettava A" in in_review
    assert "Luonnos B" not in html
    # Her section is one click away in the menu (the explorer of her section, not the site root).
    assert f"/admin/pages/{section_a.pk}/" in html


def test_dashboard_queries_do_not_grow_with_drafts(logged_in, editor_a, orgs):
    section_a = orgs["sections"]["a"]["library"]
    client = logged_in(editor_a)
    draft(section_a, "Luonnos 0", editor_a)
    client.get("/admin/")  # warm caches (content types, locales)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    for n in range(1, 13):
        draft(section_a, f"Luonnos {n}", editor_a)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/admin/").content.decode()
    assert "Luonnos 12" in html
    assert len(many) <= len(few), [q["sql"] for q in many.captured_queries][len(few) :]


def follow(page, email, days_ago, confirmed=True):
    subscriber, _created = Subscriber.objects.get_or_create(email=email, defaults={"language": "fi"})
    subscription = Subscription.objects.create(subscriber=subscriber, model_page=page)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Subscription.objects.filter(pk=subscription.pk).update(created_at=when, confirmed_at=when if confirmed else None)


def test_new_followers_per_section_and_all_for_moderators(logged_in, editor_a, moderator, model_a, model_b):
    follow(model_a, "yksi@example.fi", days_ago=2)
    follow(model_a, "kaksi@example.fi", days_ago=29)
    follow(model_a, "vanha@example.fi", days_ago=40)  # before the last 30 days
    follow(model_a, "vahvistamaton@example.fi", days_ago=1, confirmed=False)  # nobody yet
    follow(model_b, "yksi@example.fi", days_ago=3)

    editor_panel = panel(logged_in(editor_a).get("/admin/").content.decode(), "following-new-followers-section")
    text = " ".join(editor_panel.get_text().split())
    assert "2 uutta seuraajaa" in text
    assert "A:n toimintamalli" in text and "B:n toimintamalli" not in text
    assert "@example.fi" not in text  # numbers only, never addresses

    moderator_panel = panel(logged_in(moderator).get("/admin/").content.decode(), "following-new-followers-section")
    text = " ".join(moderator_panel.get_text().split())
    assert "3 uutta seuraajaa" in text
    assert "A:n toimintamalli" in text and "B:n toimintamalli" in text
