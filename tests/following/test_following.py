"""Following a model: subscribe → confirm → digest → unsubscribe, refusals, feed, purge."""

import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from following import services, tokens
from following.models import Notice, Subscriber, Subscription
from following.signals import adoption_approved
from tests.factories import PracticeModelPageFactory, publish_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def model(library):
    page = PracticeModelPageFactory(parent=library, title="Arjen turva", slug="arjen-turva", development_stage="ready")
    page.save_revision().publish()
    return page


def subscribe_url(page):
    with translation.override("fi"):
        return reverse("following:subscribe", kwargs={"page_id": page.pk})


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def subscribe_and_confirm(client, page, email="seuraaja@example.fi"):
    mail.outbox.clear()
    response = client.post(subscribe_url(page), {"email": email, "website": ""})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    confirm = next(url for url in links_in(mail.outbox[0]) if "/confirm/" in url)
    assert client.get(path_of(confirm)).status_code == 200
    mine = Subscription.objects.filter(subscriber__email=email, model_page=page)
    assert mine.get().confirmed_at is None  # GET changes nothing
    assert client.post(path_of(confirm)).status_code == 200
    return mine.get()


def test_model_page_offers_the_form_and_feed(client, model):
    response = client.get(model.url)
    html = response.content.decode()
    assert subscribe_url(model) in html
    assert 'name="website"' in html
    # No CSRF token: a page that uses one is never page-cached (core.pagecache).
    assert "csrfmiddlewaretoken" not in html


def test_subscribe_needs_no_csrf_token(model):
    response = Client(enforce_csrf_checks=True).post(subscribe_url(model), {"email": "a@example.fi"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1


def test_subscribe_confirm_digest_unsubscribe(client, model, calendar):
    subscription = subscribe_and_confirm(client, model)
    assert subscription.confirmed_at is not None
    message = mail.outbox[0]
    assert "List-Unsubscribe" in message.extra_headers
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Nothing new yet: no digest.
    mail.outbox.clear()
    assert services.send_digests() == 0

    # A stage change, a new version, an event linked to the model, an approved adoption.
    model.development_stage = "established"
    model.save_revision().publish()
    publish_event(calendar, title="Kuntatyöpaja", m2m={"related_models": [model]})
    adoption_approved(model, "Sallan kunta")
    assert services.send_digests() == 1
    digest = mail.outbox[0]
    assert digest.to == ["seuraaja@example.fi"]
    assert "Kehittämisen vaihe muuttui" in digest.body or "Vakiintunut" in digest.body
    assert "Kuntatyöpaja" in digest.body
    assert "Sallan kunta" in digest.body
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")

    # Sent once: the next run has nothing new.
    mail.outbox.clear()
    assert services.send_digests() == 0

    # One-click unsubscribe (RFC 8058: a POST to the List-Unsubscribe address, no CSRF token).
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    client.handler.enforce_csrf_checks = True
    assert client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.exists()  # the address is erased with its last subscription
    model.save_revision().publish()
    assert services.send_digests() == 0


def test_unconfirmed_subscription_gets_no_digest(client, model):
    client.post(subscribe_url(model), {"email": "a@example.fi"})
    model.development_stage = "established"
    model.save_revision().publish()
    mail.outbox.clear()
    assert services.send_digests() == 0


def test_spam_trap_sends_nothing(client, model):
    response = client.post(subscribe_url(model), {"email": "bot@example.fi", "website": "http://spam"})
    assert response.status_code == 200  # told the same as a person
    assert not mail.outbox
    assert not Subscriber.objects.exists()


def test_bad_email_is_a_form_error(client, model):
    response = client.post(subscribe_url(model), {"email": "not an address"})
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_rate_limit(client, model, settings):
    cache.clear()
    settings.RATE_LIMIT_ENABLED = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "follow": "2/h"}
    codes = [client.post(subscribe_url(model), {"email": f"x{i}@example.fi"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.parametrize("name", ["confirm", "unsubscribe", "manage"])
def test_forged_tokens_do_nothing(client, model, name):
    subscription = subscribe_and_confirm(client, model)
    subscriber = subscription.subscriber
    genuine = tokens.make(name, subscriber, subscription if name != "manage" else None)
    forged = [
        "x",
        genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB"),
        signing.dumps({"u": subscriber.pk, "k": "guess", "s": subscription.pk}, salt=f"following.{name}"),
        signing.dumps({"u": subscriber.pk, "k": subscriber.secret, "s": subscription.pk}, salt="following.other"),
        tokens.make("confirm" if name != "confirm" else "manage", subscriber, subscription),
    ]
    with translation.override("fi"):
        for token in forged:
            url = reverse(f"following:{name}", kwargs={"token": token})
            assert client.get(url).status_code == 400, token
            assert client.post(url).status_code == 400, token
    assert Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=False).exists()


def test_expired_confirm_link_does_nothing(client, model, settings):
    client.post(subscribe_url(model), {"email": "a@example.fi"})
    confirm = next(url for url in links_in(mail.outbox[-1]) if "/confirm/" in url)
    settings.FOLLOW_CONFIRM_DAYS = 0
    time.sleep(1.1)
    assert client.post(path_of(confirm)).status_code == 400
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()


def test_manage_page_lists_subscriptions(client, model, library):
    other = PracticeModelPageFactory(parent=library, title="Toinen malli", slug="toinen")
    other.save_revision().publish()
    subscribe_and_confirm(client, model)
    subscribe_and_confirm(client, other)
    subscriber = Subscriber.objects.get()
    with translation.override("fi"):
        url = reverse("following:manage", kwargs={"token": tokens.make(tokens.MANAGE, subscriber)})
    html = client.get(url).content.decode()
    assert "Arjen turva" in html and "Toinen malli" in html


def test_purge_erases_unconfirmed_addresses(client, model):
    client.post(subscribe_url(model), {"email": "old@example.fi"})
    subscribe_and_confirm(client, model, "kept@example.fi")
    Subscriber.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=30))
    call_command("purge_followers")
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["kept@example.fi"]


def test_atom_feed(client, model, calendar):
    model.development_stage = "established"
    model.save_revision().publish()
    with translation.override("fi"):
        url = reverse("following:feed", kwargs={"page_id": model.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Arjen turva" in response.content.decode()
    with translation.override("fi"):
        assert client.get(reverse("following:feed", kwargs={"page_id": 999999})).status_code == 404


def test_digest_queries_do_not_grow_with_notices(client, model, calendar):
    subscribe_and_confirm(client, model)
    adoption_approved(model, "A")
    with CaptureQueriesContext(connection) as small:
        services.send_digests()
    for i in range(30):
        adoption_approved(model, f"Kunta {i}")
    with CaptureQueriesContext(connection) as large:
        assert services.send_digests() == 1
    assert len(large) <= len(small)
    assert Notice.objects.filter(kind="adoption").count() == 31


@pytest.mark.parametrize("approve", [True, False])
def test_a_report_approved_in_the_adoption_queue_reaches_followers(client, model, approve, django_user_model):
    """Only an approval in the moderation queue (models_library.adoption_reports) is news."""
    from models_library import adoption_reports
    from models_library.models import AdoptionReport, Municipality

    subscribe_and_confirm(client, model)
    mail.outbox.clear()
    municipality = Municipality.objects.order_by("pk").first() or Municipality.objects.create(
        code="758", name_fi="Sodankylä", name_sv="Sodankylä", name_en="Sodankylä"
    )
    report = AdoptionReport.objects.create(
        page=model,
        organisation_name="Sodankylän perhekeskus",
        municipality=municipality,
        status="in_use",
        state=AdoptionReport.State.PENDING,
    )
    moderator = django_user_model.objects.create(username="moderaattori")
    adoption_reports.moderate(report, moderator, approve=approve, reason="" if approve else "Ei koske mallia")
    sent = services.send_digests()
    if approve:
        assert sent == 1 and "Sodankylän perhekeskus" in mail.outbox[0].body
    else:
        assert sent == 0 and not Notice.objects.filter(kind="adoption").exists()
