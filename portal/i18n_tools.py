"""Developer tool for the message catalogues (run by `make messages`).

    python -m portal.i18n_tools fill-en     copy msgid to msgstr in the English catalogue
    python -m portal.i18n_tools report      count untranslated/fuzzy entries per language

English is the source language of the msgids, so its catalogue is the identity; it is
kept complete so that tools (and the before-stop check) see every language as done.
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"
UI_LANGUAGES = ("fi", "sv", "en")


def _po(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"), wrapwidth=0)


def fill_english():
    po = _po("en")
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        # msgmerge's "#| msgid" hints are stale once the entry is filled.
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
    po.save()


def report():
    bad = 0
    for language in UI_LANGUAGES:
        po = _po(language)
        untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        bad += len(untranslated) + len(fuzzy)
        print(f"{language}: {len(untranslated)} untranslated, {len(fuzzy)} fuzzy")
        for msgid in untranslated + fuzzy:
            print(f"   {msgid!r}")
    return bad


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "report"
    if command == "fill-en":
        fill_english()
    else:
        sys.exit(1 if report() else 0)
