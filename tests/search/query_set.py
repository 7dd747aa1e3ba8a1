"""The compound/inflection query set built from the reference documents (/work/shared/seeds).

Each reference document is cut into its passages (paragraphs of at least 150 characters;
scraping noise and repeated paragraphs left out); each passage becomes one practice model
page ("P0-03": document 0, passage 3) whose body is the passage as written. The gold
standard of a query is every passage its regular expression matches on the raw text:
the forms a reader would accept as "this passage is about the word" (inflected, inside
compounds, in the PDF text of document 3 with lost ä/ö), written by hand and independent
of the search code. Multi-word queries need every expression. docs/search.md has the
before/after table.
"""

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seed_passages"
MIN_PASSAGE = 150

# (kind, query, [regex, ...]); kinds: infl (inflected forms), noum (typed without ä/ö),
# part (a compound part), multi (several words).
QUERIES = [
    # inflection: the base form finds inflected forms
    ("infl", "lapsi", [r"\blap(si|se|sia|sille|set|sen)|\blasten"]),
    ("infl", "nuori", [r"\bnuor(i|et|ten|ille|ia|elle|en|ia)\b"]),
    ("infl", "perhe", [r"perhe"]),
    (
        "infl",
        "kunta",
        [r"\bkun(ta|nat|nissa|nilla|tien|nan|nassa|nalla|nalta|ille)\b|kuntatyö|kuntatoimij|kuntastrateg"],
    ),
    ("infl", "hanke", [r"\bhank(e|keen|keessa|keesta|keet|keista|keiden|keita|keissa)\b|hanke|hankkee"]),
    ("infl", "toimija", [r"toimij"]),
    ("infl", "järjestö", [r"j[aä]rjest[oö]|jarjestd"]),
    ("infl", "kokeilu", [r"kokeilu"]),
    ("infl", "yhteistyö", [r"yhteisty"]),
    ("infl", "palvelu", [r"palvelu"]),
    ("infl", "malli", [r"malli"]),
    ("infl", "verkosto", [r"verkosto"]),
    ("infl", "koulutus", [r"koulutu[sk]"]),
    ("infl", "työntekijä", [r"työntekij"]),
    ("infl", "seurakunta", [r"seurakun"]),
    ("infl", "tarve", [r"\btar(ve|peet|peisiin|peeseen|peiden|vetta)\b|tarpeita|tarve"]),
    ("infl", "arviointi", [r"arvioin"]),
    ("infl", "ratkaisu", [r"ratkaisu"]),
    ("infl", "rakenne", [r"rakente|rakenne"]),
    ("infl", "prosessi", [r"prosess"]),
    # typed without ä/ö
    ("noum", "jarjesto", [r"j[aä]rjest[oö]|jarjestd"]),
    ("noum", "yhteistyo", [r"yhteisty"]),
    ("noum", "kaytanto", [r"k[aä]yt[aä]n(t[oö]|n[oö])|kdytan|kaytan"]),
    ("noum", "tyontekija", [r"työntekij"]),
    ("noum", "syrjaytyminen", [r"syrj[aä]yty"]),
    ("noum", "hyvinvointialue", [r"hyvinvointialue"]),
    ("noum", "ymparisto", [r"ymp[aä]rist"]),
    ("noum", "lapsiystavallinen", [r"lapsiyst[aä]v"]),
    ("noum", "kasvatus", [r"kasvatu"]),
    ("noum", "kaytannonlaheinen", [r"k[aä]yt[aä]nn[oö]nl[aä]hei"]),
    # a part of a compound finds the compound
    ("part", "keskus", [r"keskus|keskuks"]),
    ("part", "suojelu", [r"suojelu"]),
    ("part", "alue", [r"alue(?!ell)"]),
    ("part", "paja", [r"paja"]),
    ("part", "ohjaus", [r"ohjau"]),
    ("part", "ohjelma", [r"ohjelm"]),
    ("part", "suunnitelma", [r"suunnitelm"]),
    ("part", "strategia", [r"strategi"]),
    ("part", "kulttuuri", [r"kulttuur"]),
    ("part", "liikunta", [r"liikun"]),
    ("part", "hoito", [r"hoi(to|do)"]),
    ("part", "terveys", [r"terve(ys|yd|ytt)"]),
    ("part", "sosiaali", [r"sosiaali"]),
    ("part", "ministeriö", [r"ministeri"]),
    ("part", "koordinaattori", [r"koordinaattor"]),
    ("part", "pilotti", [r"pilot"]),
    ("part", "toiminta", [r"toimin(ta|nan|nassa|nasta|taa|nalli)"]),
    ("part", "raportti", [r"raport"]),
    ("part", "päällikkö", [r"päällik"]),
    ("part", "vanhempi", [r"vanhemp"]),
    ("part", "ryhmä", [r"ryhm[aä]"]),
    ("part", "raja", [r"raj(a|oj)"]),
    # multi-word
    ("multi", "lapsi perhe", [r"\blap(si|se|sia|sille|set|sen)|\blasten", r"perhe"]),
    ("multi", "nuori syrjäytyminen", [r"\bnuor(i|et|ten|ille|ia|elle|en)\b", r"syrj[aä]yty"]),
    ("multi", "varhainen puuttuminen", [r"varhai", r"puuttu"]),
    ("multi", "matala kynnys", [r"matala|matalan", r"kynny"]),
    (
        "multi",
        "hyvinvointialue kunta",
        [
            r"hyvinvointialue",
            r"\bkun(ta|nat|nissa|nilla|tien|nan|nassa|nalla|nalta|ille)\b|kuntatyö|kuntatoimij|kuntastrateg",
        ],
    ),
    ("multi", "perhe keskus", [r"perhe", r"keskus|keskuks"]),
    ("multi", "järjestö yhteistyö", [r"j[aä]rjest[oö]|jarjestd", r"yhteisty"]),
    ("multi", "sosiaali terveys", [r"sosiaali", r"terve(ys|yd|ytt)"]),
    ("multi", "lape muutosohjelma", [r"\blape", r"muutosohjelm"]),
    ("multi", "kokeilu ketterä", [r"kokeilu", r"kett[eä]r"]),
]


def passages():
    """[(title, text)] from the committed copy of the reference documents."""
    out, seen = [], set()
    for number, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        index = 0
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if len(text) < MIN_PASSAGE or "Created with Sketch" in text or text in seen:
                continue
            seen.add(text)
            index += 1
            out.append((f"P{number}-{index:02d}", text))
    return out


def gold(passage_list):
    """{query: set of titles} by the hand-written expressions."""
    out = {}
    for _kind, query, patterns in QUERIES:
        regexes = [re.compile(p, re.IGNORECASE) for p in patterns]
        out[query] = {title for title, text in passage_list if all(r.search(text) for r in regexes)}
    return out
