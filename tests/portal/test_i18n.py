"""Every visible UI string is translated into fi, sv and en."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fi", "sv", "en")
SOURCE_DIRS = (
    "portal",
    "core",
    "home",
    "models_library",
    "events",
    "search",
    "editorial",
    "projects",
    "services",
    "following",
    "demo",
    "templates",
)


def _key(entry):
    return (entry.msgctxt or "", entry.msgid)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is needed to extract strings")
def test_catalogues_cover_every_string_in_the_code(tmp_path):
    """Extract strings from the code now and require a translation for each one."""
    # makemessages writes next to the sources it reads, so extract from a copy.
    source = tmp_path / "src"
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "data"))
    (source / "locale").mkdir()
    cwd = os.getcwd()
    os.chdir(source)
    try:
        with override_settings(LOCALE_PATHS=[str(source / "locale")]):
            call_command("makemessages", locale=["sv"], no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    extracted = polib.pofile(str(source / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
    wanted = {_key(e) for e in extracted if not e.obsolete}
    assert len(wanted) > 100
    for language in LANGUAGES:
        po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        done = {
            _key(e)
            for e in po
            if not e.obsolete and "fuzzy" not in e.flags and (e.msgstr or any(e.msgstr_plural.values()))
        }
        missing = sorted(wanted - done)
        assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:10]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_fuzzy_or_empty_entries(language):
    po = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    assert not po.fuzzy_entries()
    assert not [e for e in po.untranslated_entries() if not e.obsolete]


@pytest.mark.parametrize("language", ["se", "smn", "sms"])
def test_sami_catalogues_exist_so_their_urls_activate(language, client, site_structure):
    assert (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").exists()
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
