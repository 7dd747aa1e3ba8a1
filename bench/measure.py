"""In-process server time and SQL query count per target (Django test Client).

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.measure --out result.json --floor-dir DIR

Each target gets warm-up requests, then ``--repeat`` timed requests (URLs of a target are
cycled: 20 different model pages, different facet combinations, pages, months and search
words), and one extra request with an execute wrapper counting SQL queries (kept out of
the timings). The rendered HTML of each target's first URL is written to ``--floor-dir``
for the static-floor measurement.

Then ``--cold`` requests of two cold kinds, each on the next URL of the target:

* **after a publish**: the publish generation is bumped first (``bump_generation``, what
  every publish does), so the page chrome, the facet memo (this process's and the shared
  one) and every generation-keyed entry must be rebuilt by this request, while the facet
  memo's background rebuild (FACET_MEMO_REBUILD) runs in the same process;
* **after a publish, rebuilt**: the same, the request made once the background rebuild
  has finished (what a visitor a second or two after a publish gets);
* **fresh worker**: this process's facet memo is emptied first (a new gunicorn worker), the
  shared cache (Redis in production; here the local-memory cache) keeps what it holds.
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def summarise_ms(samples):
    return {
        "n": len(samples),
        "p50": round(percentile(samples, 50) * 1000, 2),
        "p95": round(percentile(samples, 95) * 1000, 2),
        "max": round(max(samples) * 1000, 2),
        "mean": round(statistics.fmean(samples) * 1000, 2),
    }


SLOW_SECONDS = 10


def _cold(client, urls, count, prepare):
    samples = []
    for i in range(count):
        prepare()
        started = time.perf_counter()
        client.get(urls[(i + 1) % len(urls)])
        samples.append(time.perf_counter() - started)
    return summarise_ms(samples)


def measure(repeat=30, warmup=2, floor_dir=None, only=None, cold=5):
    from django.db import connection
    from django.test import Client

    from core.facets import clear_membership_memo, wait_for_rebuild
    from core.pagecache import bump_generation

    from .targets import discover

    def publish_and_rebuild():
        bump_generation()
        wait_for_rebuild()

    client = Client()
    results = {}
    for target in discover():
        if only and target.name not in only:
            continue
        entry = {"label": target.label, "urls": target.urls, "note": target.note}
        results[target.name] = entry
        if not target.available:
            entry["status"] = "n/a"
            continue
        started = time.perf_counter()
        first = client.get(target.urls[0])
        first_seconds = time.perf_counter() - started
        if first.status_code != 200:
            entry.update(status="n/a", note=f"HTTP {first.status_code} for {target.urls[0]}")
            continue
        if first_seconds > SLOW_SECONDS:
            # Bounded in time: Wagtail's stock search on SQLite needs minutes per request at
            # 10 000 models; 30 repeats would take an hour. One sample, said in the note.
            entry.update(
                status="ok",
                queries=None,
                slow=True,
                bytes=len(first.content),
                **summarise_ms([first_seconds]),
                note=f"one request only: it took {first_seconds:.1f} s (> {SLOW_SECONDS} s)",
            )
            continue
        for i in range(warmup):
            client.get(target.urls[i % len(target.urls)])
        # Count with an execute wrapper: CaptureQueriesContext loses the log because
        # request_started resets connection.queries.
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
            client.get(target.urls[0])
        samples = []
        for i in range(repeat):
            url = target.urls[i % len(target.urls)]
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
            if response.status_code != 200:
                entry["note"] = f"HTTP {response.status_code} for {url}"
        entry.update(status="ok", queries=len(queries), bytes=len(first.content), **summarise_ms(samples))
        if cold:
            entry["after_publish"] = _cold(client, target.urls, cold, bump_generation)
            entry["after_publish_rebuilt"] = _cold(client, target.urls, cold, publish_and_rebuild)
            entry["fresh_worker"] = _cold(client, target.urls, cold, clear_membership_memo)
            for i in range(len(target.urls)):  # warm again for the next target's neighbours
                client.get(target.urls[i])
        if floor_dir:
            path = Path(floor_dir) / "bench-floor" / f"{target.name}.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(first.content)
            entry["floor_url"] = f"/bench-floor/{target.name}.html"
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--floor-dir")
    parser.add_argument("--only", default="", help="Comma-separated target names (default: all).")
    parser.add_argument("--cold", type=int, default=5, help="Cold requests per kind and target (0: none).")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from portal.startup import freeze_startup_objects

    freeze_startup_objects()  # as portal/wsgi.py does in production
    results = measure(
        repeat=args.repeat,
        floor_dir=args.floor_dir,
        only={name for name in args.only.split(",") if name},
        cold=args.cold,
    )
    Path(args.out).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
