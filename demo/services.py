"""Demo service tray: East and North Lapland low-threshold services (issue 22).

EXAMPLE DATA: the services, hours and contacts are invented for the demo (phone numbers
from the range reserved for drama, example.org addresses); no real person's contact. Some
are offered in North and Inari Sámi in the Sámi homeland, and one page is written in North
Sámi (served under /se/). The Hyvinvointilähete and Arjen turva models link to them.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from core.localization import translate_page
from core.ordering import in_order
from events.models import EventLanguage
from models_library.models import Municipality, Organisation, PracticeModelPage, Region
from services.models import AccessMethod, HoursException, OpeningHours, ServiceIndexPage, ServicePage

from .site import _ensure_child

EXAMPLE = "Esimerkkitieto demoa varten. "
INDEX = {
    "title": "Palvelutarjotin",
    "intro": "<p>Matalan kynnyksen palvelut ja toiminta Itä- ja Pohjois-Lapissa. <strong>Kaikki tiedot ovat "
    "esimerkkitietoja.</strong></p>",
    "guidance_title": "Palveluohjaus Lapissa (esimerkki)",
    "guidance_text": "Etkö löydä sopivaa palvelua? Palveluohjaaja auttaa maksutta. (Esimerkkiyhteystieto.)",
    "guidance_phone": "040 0000 100",
    "guidance_email": "palveluohjaus@example.org",
    "guidance_hours": "ma–pe 9–15",
}
MODELS = ("hyvinvointilahete", "arjen-turvan-toimintamalli")

# slug, title, provider, municipality codes, languages, access, hours, by_phone/online, summary
SERVICES = [
    (
        "perhekahvila-kemijarvi",
        "Perhekahvila",
        "kemijarven-seurakunta",
        ["320"],
        ["fi"],
        ["walk-in"],
        [(1, "10:00", "13:00"), (3, "10:00", "13:00")],
        {},
        "Avoin kohtaamispaikka lapsiperheille.",
    ),
    (
        "nuorten-iltakahvila-salla",
        "Nuorten iltakahvila",
        "sallan-kunta",
        ["732"],
        ["fi"],
        ["walk-in"],
        [(4, "18:00", "23:30"), (5, "20:00", "01:00")],
        {},
        "Nuorten oma ilta perjantaisin ja lauantaisin.",
    ),
    (
        "arjen-tuki-puhelin",
        "Arjen tuen puhelin",
        "lapin-sosiaali-ja-terveysturvayhdistys",
        [],
        ["fi", "sv"],
        ["phone"],
        [(d, "09:00", "15:00") for d in range(5)],
        {"by_phone": True},
        "Neuvoa arjen pulmiin puhelimitse koko Lapissa.",
    ),
    (
        "sosiaalineuvonta-sodankyla",
        "Sosiaalineuvonta",
        "sodankylan-kunta",
        ["758"],
        ["fi", "se"],
        ["walk-in", "phone"],
        [(0, "09:00", "12:00"), (2, "12:00", "15:00")],
        {},
        "Maksutonta neuvontaa etuuksista ja palveluista.",
    ),
    (
        "saamenkielinen-perhetyo-inari",
        "Saamenkielinen perhetyö",
        "lapin-hyvinvointialue",
        ["148", "890"],
        ["se", "smn", "fi"],
        ["phone", "referral"],
        [],
        {"by_appointment": True},
        "Perhetyötä pohjois- ja inarinsaameksi kotikäynteinä.",
    ),
    (
        "ikaihmisten-kerho-utsjoki",
        "Ikäihmisten kerho",
        "ita-lapin-kuntayhtyma",
        ["890"],
        ["se", "fi"],
        ["walk-in"],
        [(2, "12:00", "14:00")],
        {},
        "Kahvia, jumppaa ja juttua kerran viikossa.",
    ),
    (
        "chat-nuorille",
        "Chat nuorille",
        "lapin-sosiaali-ja-terveysturvayhdistys",
        [],
        ["fi", "en"],
        ["online"],
        [(d, "18:00", "22:00") for d in range(7)],
        {"online": True},
        "Nimetön chat nuorille iltaisin.",
    ),
]
# Swedish and English versions of the tray and its services (example data too).
EXAMPLE_TRANSLATED = {"sv": "Exempeldata för demon. ", "en": "Example data for the demo. "}
INDEX_TRANSLATIONS = {
    "sv": {
        "title": "Servicebricka",
        "intro": "<p>Lågtröskeltjänster och verksamhet i östra och norra Lappland. <strong>Alla uppgifter är "
        "exempeldata.</strong></p>",
        "guidance_title": "Servicehandledning i Lappland (exempel)",
        "guidance_text": "Hittar du ingen lämplig tjänst? En servicehandledare hjälper dig gratis. (Exempelkontakt.)",
        "guidance_hours": "mån–fre 9–15",
    },
    "en": {
        "title": "Service tray",
        "intro": "<p>Low-threshold services and activities in East and North Lapland. <strong>All details are "
        "example data.</strong></p>",
        "guidance_title": "Service guidance in Lapland (example)",
        "guidance_text": "Can't find a suitable service? A service counsellor helps free of charge. (Example contact.)",
        "guidance_hours": "Mon–Fri 9–15",
    },
}
# slug: {language: (title, summary)}
SERVICE_TRANSLATIONS = {
    "perhekahvila-kemijarvi": {
        "sv": ("Familjecafé", "En öppen mötesplats för barnfamiljer."),
        "en": ("Family café", "An open meeting place for families with children."),
    },
    "nuorten-iltakahvila-salla": {
        "sv": ("Kvällscafé för unga", "De ungas egen kväll på fredagar och lördagar."),
        "en": ("Youth evening café", "Young people's own evening on Fridays and Saturdays."),
    },
    "arjen-tuki-puhelin": {
        "sv": ("Telefon för vardagsstöd", "Råd i vardagens bekymmer per telefon i hela Lappland."),
        "en": ("Everyday support line", "Advice on everyday problems by phone across Lapland."),
    },
    "sosiaalineuvonta-sodankyla": {
        "sv": ("Social rådgivning", "Avgiftsfri rådgivning om förmåner och tjänster."),
        "en": ("Social advice", "Free advice on benefits and services."),
    },
    "saamenkielinen-perhetyo-inari": {
        "sv": ("Familjearbete på samiska", "Familjearbete på nordsamiska och enaresamiska som hembesök."),
        "en": ("Family work in Sámi", "Family work in North Sámi and Inari Sámi as home visits."),
    },
    "ikaihmisten-kerho-utsjoki": {
        "sv": ("Klubb för äldre", "Kaffe, gymnastik och prat en gång i veckan."),
        "en": ("Club for older people", "Coffee, exercise and a chat once a week."),
    },
    "chat-nuorille": {
        "sv": ("Chatt för unga", "En anonym chatt för unga på kvällarna."),
        "en": ("Chat for young people", "An anonymous chat for young people in the evenings."),
    },
}
SAMI = {"title": "Sámegielat bearašbargu", "summary": "Bearašbargu davvisámegillii ja anárašgillii (ovdamearka)."}


def _hours(page, rows):
    page.opening_hours = in_order(
        OpeningHours(
            weekday=weekday, opens=datetime.time.fromisoformat(opens), closes=datetime.time.fromisoformat(closes)
        )
        for weekday, opens, closes in rows
    )


def _translate(index, pages):
    """Swedish and English versions of the tray and of every service (title, summary, offer)."""
    for code, values in INDEX_TRANSLATIONS.items():
        locale = Locale.objects.get(language_code=code)
        translate_page(index, locale, values)
        for page in pages:
            text = SERVICE_TRANSLATIONS.get(page.slug, {}).get(code)
            if text:
                title, summary = text
                offer = f"<p>{EXAMPLE_TRANSLATED[code]}{summary}</p>"
                translate_page(page, locale, {"title": title, "summary": summary, "offer": offer})


def _sami_version(page):
    """The page in North Sámi under /se/ (ancestors copied when the Sámi tree is missing)."""
    se, _created = Locale.objects.get_or_create(language_code="se")
    for ancestor in page.get_ancestors().filter(depth__gt=1).specific():
        if ancestor.get_translation_or_none(se) is None:
            ancestor.copy_for_translation(se).save_revision().publish()
    sami = page.get_translation_or_none(se)
    if sami is None:
        sami = page.copy_for_translation(se)
    sami = sami.specific
    sami.title = SAMI["title"]
    sami.summary = SAMI["summary"]
    sami.save_revision().publish()
    return sami


@transaction.atomic
def load(structure, stdout=None):
    index = _ensure_child(
        structure["home"],
        ServiceIndexPage,
        {**INDEX, "region": Region.objects.filter(code="lappi").first(), "show_in_menus": True},
        "palvelutarjotin",
    )
    today = timezone.localdate()
    holiday = datetime.date(today.year, 12, 6)  # Independence Day: closed
    languages = {language.code: language for language in EventLanguage.objects.all()}
    access = {method.code: method for method in AccessMethod.objects.all()}
    models = list(PracticeModelPage.objects.filter(slug__in=MODELS, locale=index.locale))
    pages = []
    for slug, title, provider, municipalities, langs, methods, hours, flags, summary in SERVICES:
        page = ServicePage.objects.child_of(index).filter(slug=slug).first()
        creating = page is None
        if creating:
            page = ServicePage(slug=slug, locale=index.locale)
        page.title = title
        page.summary = summary
        page.offer = f"<p>{EXAMPLE}{summary}</p>"
        page.provider = Organisation.objects.filter(code=provider).first() or Organisation.objects.get(
            code="lapin-hyvinvointialue"
        )
        page.by_phone = flags.get("by_phone", False)
        page.online = flags.get("online", False)
        page.by_appointment = flags.get("by_appointment", False)
        page.contact_phone = "040 0000 1" + str(len(pages)).zfill(2)
        page.contact_email = f"{slug}@example.org"
        page.last_checked = today - datetime.timedelta(days=30 if len(pages) else 400)  # one stale example
        _hours(page, hours)
        page.exceptions.clear()
        if hours:
            page.exceptions.add(HoursException(date=holiday, closed=True))
        if creating:
            index.add_child(instance=page)
        page.municipalities.set(Municipality.objects.filter(code__in=municipalities))
        page.languages.set([languages[code] for code in langs if code in languages])
        page.access_methods.set([access[code] for code in methods if code in access])
        page.related_models.set(models)
        page.save_revision().publish()
        pages.append(page)
    _translate(index, pages)
    sami = _sami_version(pages[4])
    if stdout is not None:
        stdout.write(f"Service tray: {len(pages)} example services in fi, sv, en; one also in North Sámi at {sami.url}")
    return pages
