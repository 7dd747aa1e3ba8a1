"""The search fixture: query/document pairs in fi, sv and en, plus content that must never show.

Every pair is (language, query, title, text). The text holds an inflected, compounded
or damaged form of the query word; the test expects the document among the results.
"""

RECALL_PAIRS = [
    # Finnish: inflection
    ("fi", "lapsi", "Satuhetket", "Kirjasto järjestää satuhetkiä lasten kanssa."),
    ("fi", "lapset", "Leikkipuisto", "Leikkipuiston ohjaajat tarjoavat lapsille tekemistä."),
    ("fi", "nuorten syrjäytyminen", "Etsivä työ", "Ehkäisee nuoret syrjäytymisen kierteestä."),
    ("fi", "perhe", "Kotiapu", "Tukea perheiden arkeen."),
    ("fi", "vanhus", "Kotikäynnit", "Vapaaehtoiset vierailevat vanhusten luona."),
    ("fi", "ikääntyneet", "Tuolijumppa", "Liikuntaryhmä ikääntyneiden kunnon ylläpitoon."),
    ("fi", "mielenterveys", "Matalan kynnyksen apu", "Keskusteluapua mielenterveyden kysymyksiin."),
    ("fi", "päihde", "Päihdeneuvonta", "Neuvontaa päihteiden käytöstä."),
    ("fi", "koulu", "Koulukuraattori", "Kuraattorit työskentelevät kouluissa."),
    ("fi", "kunta", "Kuntakokeilu", "Mallia kokeillaan viidessä kunnissa sijaitsevassa toimipisteessä."),
    ("fi", "työllisyys", "Työvalmennus", "Mallin tavoite on työllisyyden parantaminen."),
    ("fi", "omaishoitaja", "Vertaisryhmä", "Vertaistukea omaishoitajien jaksamiseen."),
    ("fi", "neuvola", "Perhevalmennus", "Valmennus järjestetään neuvolassa."),
    ("fi", "maahanmuuttajat", "Kotoutumisen tuki", "Ohjausta maahanmuuttajien arkeen."),
    ("fi", "opiskelija", "Opintopsykologi", "Tukea opiskelijoiden hyvinvointiin."),
    ("fi", "vammaiset", "Henkilökohtainen apu", "Palvelu vammaisten itsenäiseen elämään."),
    ("fi", "kiusaaminen", "Verso", "Menetelmä kiusaamisen ehkäisyyn."),
    ("fi", "liikunta", "Liikuntaresepti", "Lääkäri määrää liikuntaa."),
    ("fi", "ruoka", "Ruoka-apu", "Jaamme ruoan hävikistä."),
    # Finnish: compounds (query finds the head of a compound)
    ("fi", "keskus", "Perhekeskus", "Kaikki palvelut samassa perhekeskuksessa."),
    ("fi", "hoito", "Kotiutustiimi", "Kotihoidon tiimi auttaa kotiutumisessa."),
    ("fi", "alue", "Yhteinen ohjaus", "Toimii koko hyvinvointialueella."),
    ("fi", "ohjaus", "Palvelupiste", "Palveluohjauksen yhden luukun malli."),
    ("fi", "väkivalta", "Turvakoti", "Perheväkivallan uhrien tuki."),
    # Finnish: typed without ä/ö, and text damaged by a PDF export
    ("fi", "syrjaytyminen", "Nuorisotyö", "Puuttuu syrjäytymisen riskeihin."),
    ("fi", "yksinaisyys", "Kaverikerho", "Vähentää yksinäisyyttä."),
    ("fi", "tyollisyys", "Työpaja", "Työpaja lisää työllisyyttä."),
    ("fi", "syrjäytyminen", "PDF-raportti", "Malli ehkäisee syrjäyty-\nmistä tehokkaasti."),
    ("fi", "päihdetyö", "Vanha raportti", "Kuvaus pÃ¤ihdetyÃ¶stÃ¤ kunnassa."),
    ("fi", "työ", "Työ ja toimeentulo", "Työ on tärkeää."),
    ("fi", "asunnottomuus", "Asumisneuvonta", "Neuvontaa asunnottomien auttamiseksi."),
    # Swedish
    ("sv", "barn", "Sagostund", "Biblioteket ordnar sagostunder för barnens skull."),
    ("sv", "ungdomar", "Uppsökande arbete", "Stöd till ungdomarnas vardag."),
    ("sv", "äldre", "Hembesök", "Frivilliga besöker äldres hem."),
    ("sv", "familjecentral", "Familjetjänster", "Alla tjänster i familjecentralen."),
    # English
    ("en", "child", "Story time", "The library runs story sessions for children."),
    ("en", "young people", "Outreach", "Support for young people's everyday life."),
    ("en", "families", "Home help", "Support for every family."),
]

# Queries for the cross-backend comparison (result sets and facet counts).
COMPARISON_QUERIES = ["lapsi", "perhe", "syrjaytyminen", "keskus", "tuki", "nuoret tuki", "työ"]

FINNISH_RECALL_FLOOR = 0.9
