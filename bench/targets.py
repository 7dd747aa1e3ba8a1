"""What the bench measures, found by page type and URL name in the current database.

Nothing is hard-coded to one branch's URL layout: pages are found through their models,
feature URLs through ``reverse`` with a few candidate names, and a feature that is not
there yet (an unknown URL name, a listing that ignores facet parameters) is reported as
"n/a" with the reason instead of a misleading number.
"""

import random
from dataclasses import dataclass, field

from django.db.models import Count
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

LANGUAGE = "fi"
SEARCH_WORD = "perhekeskus"
# Facet GET parameters of the library listing and search, most selective last.
FACET_PARAMS = ("region", "theme", "target_group")


@dataclass
class Target:
    name: str
    label: str
    urls: list = field(default_factory=list)
    note: str = ""
    group: str = ""

    @property
    def available(self):
        return bool(self.urls)


def _reverse_any(names, **kwargs):
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return None


def _popular_code(model):
    """The vocabulary code used most on fi practice models (so a facet selects real results)."""
    codes = _popular_codes(model, 1)
    return codes[0] if codes else None


def _popular_codes(model, count):
    """The ``count`` vocabulary codes used most on fi practice models."""
    return list(
        model.objects.filter(practice_models__locale__language_code=LANGUAGE)
        .annotate(n=Count("practice_models"))
        .order_by("-n", "code")
        .values_list("code", flat=True)[:count]
    )


def varied_facet_queries(count=6):
    """``count`` different query strings with 1 and with 3 facets (the top codes of each
    facet, combined in turn), so a target is not one URL repeated (issue 21)."""
    from models_library.models import Region, TargetGroup, Theme

    codes = [_popular_codes(model, count) for model in (Region, Theme, TargetGroup)]
    if not all(codes):
        return [], []
    one = [f"{FACET_PARAMS[i % 3]}={codes[i % 3][(i // 3) % len(codes[i % 3])]}" for i in range(count)]
    three = ["&".join(f"{FACET_PARAMS[f]}={codes[f][(i + f) % len(codes[f])]}" for f in range(3)) for i in range(count)]
    return one, three


def search_words(rng, count=6):
    """SEARCH_WORD and words of random fi model titles (long ones: content words)."""
    from models_library.models import PracticeModelPage

    titles = list(
        PracticeModelPage.objects.live().filter(locale__language_code=LANGUAGE).values_list("title", flat=True)[:500]
    )
    words = sorted({w.strip(".,:;()").lower() for t in titles for w in t.split() if len(w) >= 7})
    return [SEARCH_WORD, *rng.sample(words, k=min(count - 1, len(words)))]


def facet_queries():
    """Query strings with 1 and 3 active facets, using the most common codes."""
    from models_library.models import Region, TargetGroup, Theme

    codes = {}
    for param, model in zip(FACET_PARAMS, (Region, Theme, TargetGroup)):
        code = _popular_code(model)
        if code:
            codes[param] = code
    params = [f"{name}={value}" for name, value in codes.items()]
    return "&".join(params[:1]), "&".join(params[:3])


def _same_body(client, url_a, url_b):
    a, b = client.get(url_a), client.get(url_b)
    return a.status_code == b.status_code == 200 and a.content == b.content


def discover(seed=1, model_sample=20):
    """Targets for the fi site; run with the bench settings on a generated corpus."""
    from events import dates
    from events.models import EventIndexPage, EventPage
    from home.models import HomePage
    from models_library.models import PracticeModelIndexPage, PracticeModelPage, Region

    rng = random.Random(seed)
    client = Client()
    targets = []
    with translation.override(LANGUAGE):
        home = HomePage.objects.live().filter(locale__language_code=LANGUAGE).first()
        targets.append(Target("home", "Home", [home.url] if home else [], "" if home else "no home page"))

        model_ids = list(
            PracticeModelPage.objects.live().filter(locale__language_code=LANGUAGE).values_list("pk", flat=True)
        )
        sample = rng.sample(model_ids, k=min(model_sample, len(model_ids)))
        model_urls = [p.url for p in PracticeModelPage.objects.filter(pk__in=sample)]
        targets.append(Target("model", "Model page", model_urls, "" if model_urls else "no models"))

        event_ids = list(EventPage.objects.live().filter(locale__language_code=LANGUAGE).values_list("pk", flat=True))
        event_urls = [p.url for p in EventPage.objects.filter(pk__in=rng.sample(event_ids, k=min(10, len(event_ids))))]
        targets.append(Target("event", "Event page", event_urls, "" if event_urls else "no events"))

        library = PracticeModelIndexPage.objects.live().filter(locale__language_code=LANGUAGE).first()
        one, three = facet_queries()
        ones, threes = varied_facet_queries()
        if library:
            base = library.url
            # Varied: pages 1–50 (a page past the end shows the last one).
            targets.append(Target("listing_0", "Listing, 0 facets", [base] + [f"{base}?page={n}" for n in (2, 5, 50)]))
            for name, label, query, varied in (
                ("listing_1", "Listing, 1 facet", one, ones),
                ("listing_3", "Listing, 3 facets", three, threes),
            ):
                url = f"{base}?{query}"
                if not query:
                    targets.append(Target(name, label, note="no vocabulary values"))
                elif _same_body(client, base, url):
                    targets.append(Target(name, label, note="listing ignores facet parameters (feature not merged)"))
                else:
                    targets.append(Target(name, label, [url] + [f"{base}?{q}" for q in varied if q != query]))
        else:
            targets += [
                Target(n, label, note="no library page")
                for n, label in (
                    ("listing_0", "Listing, 0 facets"),
                    ("listing_1", "Listing, 1 facet"),
                    ("listing_3", "Listing, 3 facets"),
                )
            ]

        search_url = _reverse_any(("search", "search:search"))
        if search_url:
            plain = f"{search_url}?q={SEARCH_WORD}"
            words = search_words(rng)
            targets.append(Target("search", "Search", [f"{search_url}?q={word}" for word in words]))
            faceted = f"{plain}&{three}"
            if _same_body(client, plain, faceted):
                targets.append(
                    Target(
                        "search_facets",
                        "Search + 3 facets",
                        note="search ignores facet parameters (feature not merged)",
                    )
                )
            else:
                targets.append(
                    Target(
                        "search_facets",
                        "Search + 3 facets",
                        [faceted] + [f"{search_url}?q={words[i % len(words)]}&{q}" for i, q in enumerate(threes)],
                    )
                )
        else:
            targets += [
                Target("search", "Search", note="no URL named 'search'"),
                Target("search_facets", "Search + 3 facets", note="no URL named 'search'"),
            ]
        targets.append(
            Target("peer_search", "Peer: stock Wagtail search", [f"{reverse('bench_peer_search')}?query={SEARCH_WORD}"])
        )

        calendar = EventIndexPage.objects.live().filter(locale__language_code=LANGUAGE).first()
        today = timezone.localdate()
        # Calendar filters that select real events (attendance, type, region), pages, months.
        filters = ["attendance=online", "type=training", "attendance=in_person&type=workshop"]
        regions = _popular_codes(Region, 2)
        filters += [f"region={code}" for code in regions]
        calendar_urls = month_urls = ics_urls = []
        if calendar:
            calendar_urls = [calendar.url, f"{calendar.url}?page=2", f"{calendar.url}?page=5"] + [
                f"{calendar.url}?{q}" for q in filters
            ]
            # The month grid is a route of the calendar page; the feed has a language-neutral URL.
            months = [dates.add_months(today.replace(day=1), n) for n in (0, 1, 2, -1, 3, 4)]
            base = f"{calendar.url}{calendar.reverse_subpage('month')}"
            month_urls = [f"{base}?month={m:%Y-%m}" for m in months]
            month_urls += [f"{base}?month={months[i % len(months)]:%Y-%m}&{q}" for i, q in enumerate(filters)]
            ics = reverse("events_feeds:calendar_ical", args=[calendar.pk])
            ics_urls = [ics] + [f"{ics}?{q}" for q in filters]
        missing = "" if calendar else "no calendar page"
        targets.append(Target("calendar", "Calendar (index)", calendar_urls, missing))
        targets.append(Target("calendar_month", "Calendar month view", month_urls, missing))
        targets.append(Target("ics", ".ics feed", ics_urls, missing))

        targets.append(
            Target("api", "API list", ["/api/v2/pages/?type=models_library.PracticeModelPage&locale=fi&limit=20"])
        )
    return targets
