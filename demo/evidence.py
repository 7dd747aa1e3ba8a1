"""Evidence levels, resources and costs and adoption steps of the demo models.

Only what the reference documents in shared/seeds state (the source is named per model);
nothing is guessed. A model whose documents report no evaluation stays "not evaluated yet";
costs no document states stay "not reported" (a model without separate funding is not
thereby "no extra cost"). Texts are given in fi, sv and en: the Finnish page is updated and
published, the Swedish and English versions are refreshed through wagtail-localize.
"""

from django.db import transaction
from wagtail.models import Locale

from core.localization import translate_page
from models_library.models import EvidenceLevel, PracticeModelPage

LANGUAGES = ("fi", "sv", "en")


def _steps(*steps):
    """Adoption steps: each step as (fi, sv, en) titles."""
    return {
        code: [{"type": "step", "value": {"title": step[i], "description": ""}} for step in steps]
        for i, code in enumerate(LANGUAGES)
    }


def _report(titles, year, kind, evaluators):
    return {
        code: {
            "type": "report",
            "value": {
                "title": titles[i],
                "year": year,
                "kind": kind,
                "evaluator": evaluators[i],
                "url": "",
                "document": None,
            },
        }
        for i, code in enumerate(LANGUAGES)
    }


def _staff(roles, times=("", "", "")):
    return {code: {"type": "staff", "value": {"role": roles[i], "time": times[i]}} for i, code in enumerate(LANGUAGES)}


def _training(topics, given_by=("", "", "")):
    return {
        code: {"type": "training", "value": {"topic": topics[i], "days": None, "given_by": given_by[i]}}
        for i, code in enumerate(LANGUAGES)
    }


def _per_language(blocks):
    return {code: [block[code] for block in blocks] for code in LANGUAGES}


# Source 003 (Investointi 2) on HSS, Ankkuri and MARAK: "Toimintamallien jalkauttamista varten
# ... tarvitaan tukea kokonaisuuden suunnitteluun sekä paikallisten yhteistoimintaryhmien
# perustamiseen, kouluttamiseen ja ohjaukseen."
LAPLAND_ROLLOUT = _steps(
    ("Kokonaisuuden suunnittelu", "Planering av helheten", "Plan the whole service"),
    (
        "Paikallisten yhteistoimintaryhmien perustaminen",
        "Lokala samarbetsgrupper inrättas",
        "Set up local cooperation groups",
    ),
    ("Yhteistoimintaryhmien kouluttaminen", "Samarbetsgrupperna utbildas", "Train the cooperation groups"),
    ("Yhteistoimintaryhmien ohjaus", "Handledning av samarbetsgrupperna", "Guide the cooperation groups"),
)

MODELS = {
    # 000: evaluation by Lapin AMK as a co-implementer of the VASA project (a project partner).
    "arjen-turvan-toimintamalli": {
        "evidence_level": EvidenceLevel.SELF_ASSESSED,
        "evaluations": _per_language(
            [
                _report(
                    (
                        "Arjen turvan toimintamallien kartoitus: 26 haastattelua ja työpajat Itä-Lapissa",
                        "Kartläggning av verksamhetsmodellerna för vardagstrygghet: 26 intervjuer och workshoppar i Östra Lappland",
                        "Survey of the everyday security models: 26 interviews and workshops in Eastern Lapland",
                    ),
                    2022,
                    "self_assessment",
                    ("Lapin AMK (VASA-hanke)", "Lapin AMK (VASA-projektet)", "Lapland UAS (VASA project)"),
                )
            ]
        ),
        "resources": _per_language(
            [
                _training(
                    (
                        "Koulutusmoduulit yhdyspintatyöskentelyn vahvistamiseksi",
                        "Utbildningsmoduler för att stärka gränsytearbetet",
                        "Training modules to strengthen interface work",
                    )
                )
            ]
        ),
        "adoption_steps": _steps(
            (
                "Johdon sitoutuminen ja mukanaolo",
                "Ledningens engagemang och deltagande",
                "Commitment and participation of management",
            ),
            (
                "Verkostojen kartoitus ja mukanaolo (kunnat, järjestöt, seurakunnat, elinkeinoelämä, poliisi, hyvinvointialue)",
                "Kartläggning och deltagande av nätverken (kommuner, organisationer, församlingar, näringsliv, polis, välfärdsområde)",
                "Mapping and involving the networks (municipalities, NGOs, parishes, business, police, wellbeing services county)",
            ),
            (
                "Alueellisen yhteisen tahtotilan selkeyttäminen ja yhteisen ymmärryksen aikaansaaminen (työpajat)",
                "Att klargöra den regionala gemensamma viljeinriktningen och nå en gemensam förståelse (workshoppar)",
                "Clarifying the shared regional intent and reaching a common understanding (workshops)",
            ),
            ("Yhteiskehittäminen ja viestintä", "Samutveckling och kommunikation", "Co-development and communication"),
            (
                "Koulutusmoduulit yhdyspintatyöskentelyn vahvistamiseksi",
                "Utbildningsmoduler för att stärka gränsytearbetet",
                "Training modules to strengthen interface work",
            ),
        ),
        "funding_used": (
            "Sosiaali- ja terveysministeriö (STM)",
            "Social- och hälsovårdsministeriet (SHM)",
            "Ministry of Social Affairs and Health (STM)",
        ),
    },
    # 001: a staff survey with Stakes (spring 2008) and Stakes' own study of the model.
    "varpu": {
        "evidence_level": EvidenceLevel.EXTERNALLY_EVALUATED,
        "evaluations": _per_language(
            [
                _report(
                    (
                        "Henkilöstökysely puheeksioton koulutuksista ja menetelmästä",
                        "Personalenkät om utbildningarna i att ta upp oro och om metoden",
                        "Staff survey on the raising-concerns trainings and method",
                    ),
                    2008,
                    "survey",
                    (
                        "Nurmijärven kunta ja Stakes",
                        "Nurmijärvi kommun och Stakes",
                        "Municipality of Nurmijärvi and Stakes",
                    ),
                ),
                _report(
                    (
                        "Stakesin tutkimus VARPU-mallista",
                        "Stakes forskning om VARPU-modellen",
                        "Stakes' research on the VARPU model",
                    ),
                    None,
                    "research",
                    ("Stakes", "Stakes", "Stakes"),
                ),
            ]
        ),
        "resources": _per_language(
            [
                _staff(("Verkostotyön koordinaattori", "Koordinator för nätverksarbete", "Network work coordinator")),
                _training(
                    (
                        "Huoli puheeksi -koulutus",
                        "Utbildning i att ta upp oro (Huoli puheeksi)",
                        "Raising concerns training (Huoli puheeksi)",
                    )
                ),
            ]
        ),
        "adoption_steps": _steps(
            (
                "Mallin esittely työntekijöille tiedotus- ja koulutustilaisuuksissa",
                "Modellen presenteras för personalen vid informations- och utbildningstillfällen",
                "Introduce the model to staff in information and training sessions",
            ),
            (
                "Mallin läpikäynti tulosalueilla",
                "Modellen gås igenom inom resultatområdena",
                "Go through the model in each service area",
            ),
            (
                "Johdon ja kaikkien lähiesimiesten sitoutuminen",
                "Ledningens och alla närmaste chefers engagemang",
                "Commitment of management and all line managers",
            ),
        ),
    },
    # 004: no evaluation section; funder "Ei erillisrahoitusta".
    "ilmiolahtoisen-yhteiskehittamisen-toimintamalli": {
        "funding_used": ("Ei erillisrahoitusta", "Ingen separat finansiering", "No separate funding"),
    },
    "hoito-syytteen-sijaan-hss": {"adoption_steps": LAPLAND_ROLLOUT},
    "ankkuri-malli": {"adoption_steps": LAPLAND_ROLLOUT},
    "marak-toimintamalli": {"adoption_steps": LAPLAND_ROLLOUT},
    # 003: "Lapin yliopiston arviointiraportissa Linkki lappilaiseen hyvinvointiin -hankkeesta";
    # support "koulutetun linkkihenkilön" gives; funded by STM and the ELY Centre projects.
    "hyvinvointilahete": {
        "evidence_level": EvidenceLevel.EXTERNALLY_EVALUATED,
        "evaluations": _per_language(
            [
                _report(
                    (
                        "Arviointiraportti Linkki lappilaiseen hyvinvointiin -hankkeesta",
                        "Utvärderingsrapport om projektet Linkki lappilaiseen hyvinvointiin",
                        "Evaluation report on the Linkki lappilaiseen hyvinvointiin project",
                    ),
                    None,
                    "external_evaluation",
                    ("Lapin yliopisto", "Lapplands universitet", "University of Lapland"),
                )
            ]
        ),
        "resources": _per_language(
            [_staff(("Koulutettu linkkihenkilö", "Utbildad länkperson", "Trained link worker"))]
        ),
        "funding_used": (
            "STM:n rahoittama Linkki lappilaiseen hyvinvointiin -hanke, Ely-keskuksen rahoittama Itä-Lapin kuntayhtymän "
            "High Five -hanke ja Sodankylän kunnan STM:n rahoittama implementointihanke",
            "Projektet Linkki lappilaiseen hyvinvointiin finansierat av SHM, samkommunen Itä-Lapin kuntayhtymäs projekt "
            "High Five finansierat av NTM-centralen och Sodankylä kommuns implementeringsprojekt finansierat av SHM",
            "The Linkki lappilaiseen hyvinvointiin project funded by the Ministry of Social Affairs and Health, the High "
            "Five project of the Eastern Lapland joint municipal authority funded by the ELY Centre, and Sodankylä's "
            "implementation project funded by the Ministry",
        ),
    },
    # 003: "Vaikuttavuutta ei ole mahdollista arvioida näin lyhyen ajanjakson pohjalta."
    "yhteisovaikuttavuuden-malli-kemissa": {},
}

TRANSLATED = ("evaluations", "resources", "adoption_steps")


@transaction.atomic
def load(structure, stdout=None):
    library = structure["library"]
    done = 0
    for slug, data in MODELS.items():
        page = PracticeModelPage.objects.descendant_of(library).filter(slug=slug, locale_id=library.locale_id).first()
        if page is None:
            continue
        page.evidence_level = data.get("evidence_level", EvidenceLevel.NOT_EVALUATED)
        for name in TRANSLATED:
            setattr(page, name, data.get(name, {}).get("fi", []))
        page.funding_used = data.get("funding_used", ("",))[0]
        page.save_revision().publish()
        page = PracticeModelPage.objects.get(pk=page.pk)
        for index, code in enumerate(LANGUAGES[1:], start=1):
            values = {name: data[name][code] for name in TRANSLATED if data.get(name)}
            if data.get("funding_used"):
                values["funding_used"] = data["funding_used"][index]
            if values and page.get_translation_or_none(Locale.objects.get(language_code=code)):
                translate_page(page, Locale.objects.get(language_code=code), values)
        done += 1
    if stdout:
        stdout.write(f"Evidence, resources and adoption steps: {done} models.")
