"""Text of the corpus: domain sentences, titles and keywords per language, and the
participants' free text of event registrations."""

import re

# Sentences of the domain, taken (lightly edited) from the reference documents in the seeds.
SENTENCES = {
    "fi": [
        "Toimintamallissa on keskeistä sujuva ja oikea-aikainen monitoimijainen yhdyspintatyöskentely nuorten syrjäytymisen ehkäisemiseksi.",
        "Malli tarjoaa käytännönläheisen prosessin ja työkaluja yhdyspintatyöskentelyyn.",
        "Periaatteina ovat avoin verkostoyhteistyö, eri toimijoiden osaamisen tunnistaminen ja resurssiviisas yhteistoiminta.",
        "Kokemustietoa sekä mallintamiseen liittyviä toiveita ja haasteita kerättiin haastatteluissa ja kuntatyöpajoissa.",
        "Kunnat ja muut verkostotoimijat ovat halukkaita soveltamaan ja ottamaan käyttöön uusia toimintamalleja.",
        "Perhekeskuksen toiminnan tarkoitus on yhteensovittaa eri toimijoiden työtä lasten ja perheiden tarpeiden ympärille.",
        "Yhteinen työ muodostuu perheiden tarpeen ympärille, ja mukaan kutsutaan tarvittavat toimijat.",
        "Työskentely on yhteistoiminnallista, dialogista sekä perhe-, arki- ja asiakaslähtöistä.",
        "Matalan kynnyksen palveluita ja tukea antavat hyvinvointialue, kunnat, järjestöt, seurakunnat ja oppilaitokset.",
        "Tavoitteena on ennaltaehkäisevän toiminnan vahvistaminen sekä varhaisen vaiheen ongelmien tunnistaminen.",
        "Toiminnan mahdollistavat toimivat matalan kynnyksen palvelut ja oikea-aikainen palveluohjaus.",
        "Ohjauskäytänteistä liikunta-, kulttuuri- ja järjestötoiminnan sekä sote-palveluiden kesken on sovittu paikallisesti.",
        "Hyvinvointialueella on velvollisuus yhteensovittaa palvelunsa kuntien ja muiden toimijoiden palveluiden kanssa.",
        "Yhteistyörakenteet tarvitaan keskinäiseen tiedonvaihtoon sekä toiminnan koordinaatioon ja kehittämiseen.",
        "Lapset, nuoret ja perheet ovat mukana arvioimassa ja kehittämässä toimintaa.",
        "Toimintamallia juurrutetaan osaksi arjen toimintaa kokeilemalla ja oppimalla.",
        "Arvioinnissa hyödynnettiin asiakaspalautetta, henkilöstön kyselyä ja rekisteritietoja.",
        "Ikäihmisten kotona asumista tuetaan kuntouttavalla työotteella ja omaishoitajien jaksamista vahvistamalla.",
        "Mielenterveys- ja päihdepalveluiden asiakkaat saavat tukea yhdestä paikasta ilman lähetettä.",
        "Koulujen oppilashuolto ja perhekeskus tekevät yhteistyötä lasten hyvinvoinnin tukemiseksi.",
        "Työllisyyspalvelut ja sosiaalityö suunnittelevat asiakkaan polun yhdessä asiakkaan kanssa.",
        "Järjestöjen vapaaehtoistoiminta täydentää hyvinvointialueen palveluita.",
        "Käyttöönotto edellyttää johdon sitoutumista, koulutusta ja yhteisesti sovittuja vastuita.",
        "Mallin levittäminen muille alueille onnistuu, kun paikalliset yhteistyörakenteet ovat olemassa.",
        "Asiakasymmärrystä kerättiin kehittäjäasiakkailta ja kokemusasiantuntijoilta.",
        "Vinkkinä käyttöönottajalle: aloita pienestä kokeilusta ja sovi seurannan mittarit etukäteen.",
        "Digitaaliset palvelut, kuten chat ja etävastaanotto, madaltavat avun hakemisen kynnystä.",
        "Maahan muuttaneiden perheiden kotoutumista tuetaan monikielisellä ohjauksella.",
        "Hyvinvointilähete ohjaa asiakkaan sote-palveluista kunnan ja järjestöjen hyvinvointia edistäviin palveluihin.",
        "Yhteisövaikuttavuuden malli kokoaa kunnan, järjestöt ja yritykset yhteisen tavoitteen taakse.",
    ],
    "sv": [
        "Modellen erbjuder en praktisk process och verktyg för samarbete mellan olika aktörer.",
        "Målet är att stärka det förebyggande arbetet och upptäcka problem i ett tidigt skede.",
        "Familjecentret samordnar arbetet kring barnens och familjernas behov.",
        "Välfärdsområdet, kommunerna, organisationerna och församlingarna erbjuder stöd med låg tröskel.",
        "Barn, unga och familjer deltar i utvärderingen och utvecklingen av verksamheten.",
        "Införandet förutsätter att ledningen förbinder sig, utbildning och gemensamt överenskomna ansvar.",
        "Erfarenheter samlades in genom intervjuer och verkstäder i kommunerna.",
        "Äldre personers boende hemma stöds med ett rehabiliterande arbetssätt.",
        "Tips för den som inför modellen: börja med ett litet försök och kom överens om mätarna i förväg.",
        "Organisationernas frivilligverksamhet kompletterar välfärdsområdets tjänster.",
    ],
    "en": [
        "The model offers a practical process and tools for work across organisational boundaries.",
        "The aim is to strengthen prevention and to recognise problems at an early stage.",
        "The family centre coordinates the work of different actors around the needs of children and families.",
        "Low-threshold support is offered by the wellbeing services county, municipalities, NGOs and parishes.",
        "Children, young people and families take part in evaluating and developing the service.",
        "Adoption requires commitment from management, training and jointly agreed responsibilities.",
        "Experience was gathered in interviews and municipal workshops.",
        "Older people are supported to live at home with a rehabilitative approach.",
        "Tip for adopters: start with a small pilot and agree on the indicators in advance.",
        "Volunteer work by NGOs complements the services of the wellbeing services county.",
    ],
}
TITLE_PARTS = {
    "fi": (
        [
            "Arjen turvan",
            "Varhaisen tuen",
            "Monialaisen palveluohjauksen",
            "Matalan kynnyksen",
            "Ilmiölähtöisen yhteiskehittämisen",
            "Perhekeskuksen",
            "Kotikuntoutuksen",
            "Hyvinvointilähetteen",
            "Nuorten työllisyyden",
            "Omaishoidon",
            "Ikäihmisten arjen",
            "Koulun hyvinvointityön",
            "Mielenterveyden",
            "Yhteisövaikuttavuuden",
            "Kotoutumisen",
        ],
        ["toimintamalli", "malli", "palvelupolku", "työskentelytapa", "verkostomalli"],
    ),
    "sv": (
        [
            "Tidigt stöd",
            "Familjecentrets",
            "Servicehandledningens",
            "Hemrehabiliteringens",
            "Ungdomarnas sysselsättnings",
            "Närståendevårdens",
            "Välfärdsremissens",
        ],
        ["verksamhetsmodell", "modell", "servicestig"],
    ),
    "en": (
        [
            "Early support",
            "Family centre",
            "Multi-agency service guidance",
            "Home rehabilitation",
            "Youth employment",
            "Informal care",
            "Wellbeing referral",
            "Community impact",
        ],
        ["practice model", "model", "service path"],
    ),
}
EVENT_TITLES = {
    "fi": ["Työpaja", "Koulutus", "Webinaari", "Verkostotapaaminen", "Arviointitapaaminen", "Seminaari"],
    "sv": ["Verkstad", "Utbildning", "Webbinarium", "Nätverksträff", "Utvärderingsmöte", "Seminarium"],
    "en": ["Workshop", "Training", "Webinar", "Network meeting", "Evaluation meeting", "Seminar"],
}
KEYWORDS = [
    "varhainen tuki",
    "perhekeskus",
    "palveluohjaus",
    "yhdyspinta",
    "järjestöt",
    "osallisuus",
    "ikäihmiset",
    "mielenterveys",
    "työllisyys",
    "lapset ja nuoret",
    "kotoutuminen",
    "omaishoito",
]

# What participants write in the "dietary and accessibility needs" field (stored encrypted).
NEEDS = [
    "Gluteeniton ruokavalio.",
    "Laktoositon ruokavalio.",
    "Kasvisruoka, kiitos.",
    "Liikun pyörätuolilla.",
    "Tarvitsen induktiosilmukan.",
    "Tarvitsen viittomakielen tulkin.",
    "Pähkinäallergia.",
    "Esteetön pysäköintipaikka.",
]
FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Juhani",
    "Kaisa",
    "Lauri",
    "Maria",
    "Mikko",
    "Noora",
    "Olli",
    "Pirjo",
    "Sanna",
    "Timo",
    "Ulla",
    "Veera",
    "Anders",
    "Stina",
    "Emma",
]
LAST_NAMES = [
    "Korhonen",
    "Virtanen",
    "Mäkinen",
    "Nieminen",
    "Heikkinen",
    "Laine",
    "Lindqvist",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Salo",
    "Holmström",
]


class Text:
    """Seeded sentence/paragraph maker for one language."""

    def __init__(self, rng, language):
        self.rng = rng
        self.language = language
        self.sentences = SENTENCES.get(language) or SENTENCES["en"]

    def paragraph(self, low=3, high=5):
        return " ".join(self.rng.choice(self.sentences) for _ in range(self.rng.randint(low, high)))

    def section(self):
        # 2–3 paragraphs of 3–5 sentences: ~80–200 words, like the reference documents.
        return "".join(f"<p>{self.paragraph()}</p>" for _ in range(self.rng.randint(2, 3)))

    def title(self):
        first, second = TITLE_PARTS.get(self.language) or TITLE_PARTS["en"]
        return f"{self.rng.choice(first)} {self.rng.choice(second)}"


def vocabulary(language="fi"):
    """Every word of the corpus text of ``language`` (sentences, title parts, event titles,
    keywords), lower-case, sorted: the queries of the ranking differential test."""
    prefixes, suffixes = TITLE_PARTS[language]
    texts = [*SENTENCES[language], *prefixes, *suffixes, *EVENT_TITLES[language]]
    if language == "fi":
        texts += KEYWORDS
    return sorted({word.lower() for text in texts for word in re.findall(r"\w+", text)})
