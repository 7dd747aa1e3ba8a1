"""Process start-up: the WSGI entry point freezes start-up objects out of the collector."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wsgi_entry_point_loads_the_urlconf_and_freezes_startup_objects():
    # In a fresh interpreter: freezing is process-wide and must not touch the test process.
    code = (
        "import gc, sys; import portal.wsgi; "
        "print(gc.get_freeze_count(), 'portal.urls' in sys.modules, 'search.views' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    frozen, urls_loaded, views_loaded = result.stdout.split()
    # Tens of thousands of objects (Django, Wagtail, the apps); a full collection no longer walks them.
    assert int(frozen) > 10_000
    assert urls_loaded == "True" and views_loaded == "True"
