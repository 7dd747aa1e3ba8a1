"""Load test over a varied mix of URLs: many concurrent clients against gunicorn.

    .venv/bin/python -m bench.mix --measure bench/results/measure-<run>.json \\
        --database DATABASE_URL [--clients 30] [--seconds 30] [--workers 2] [--page-cache 300]

The URLs are those ``bench.measure`` used for each target (home, model pages, listings with
varied facets and pages, searches with varied words, calendar pages and months, ``.ics``
with filters, the API), mixed with the weights below. gunicorn starts with the bench
settings (production-like, loopback only) and ``--preload``; every distinct URL is first
requested once per worker (steady state: page cache and memo filled); then each client
thread sends its next request as soon as the last one answered, over a new connection. Prints requests/s,
p50/p95/max latency and errors per target and overall, and writes JSON next to the input.
The client threads run on the same machine as the server: on 2 cores they take CPU from it.
"""

import argparse
import http.client
import json
import random
import threading
import time
from pathlib import Path
from urllib.parse import quote

from .load import HOST, wait_for
from .measure import percentile
from .run import RESULTS, bench_env, free_port, gunicorn, stop

WEIGHTS = {
    "home": 10,
    "model": 25,
    "event": 8,
    "listing_0": 6,
    "listing_1": 6,
    "listing_3": 6,
    "search": 6,
    "search_facets": 6,
    "calendar": 8,
    "calendar_month": 6,
    "ics": 5,
    "api": 3,
}


def mix(measured):
    """[(target, url)] weighted: each target's URLs repeated to its weight."""
    out = []
    for name, weight in WEIGHTS.items():
        entry = measured.get(name, {})
        if entry.get("status") == "ok" and entry.get("urls"):
            urls = entry["urls"]
            out += [(name, quote(urls[i % len(urls)], safe="/?=&%:+,;")) for i in range(weight)]
    return out


def warm_up(port, requests, workers):
    """Every distinct URL once per worker (sequentially): the page cache, the facet memo
    and lazy loads are filled before the timed phase, which then measures steady state."""
    for _ in range(workers):
        for _name, url in sorted(set(requests)):
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
                conn.request("GET", url)
                conn.getresponse().read()
                conn.close()
            except OSError:
                pass


def drive(port, requests, clients, seconds, seed=1):
    latencies, errors, lock = {}, {}, threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number):
        rng = random.Random(seed * 1000 + number)
        while time.monotonic() < deadline:
            name, url = rng.choice(requests)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                conn.request("GET", url)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                conn.close()
            except OSError:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                if ok:
                    latencies.setdefault(name, []).append(elapsed)
                else:
                    errors[name] = errors.get(name, 0) + 1

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    def summary(values, failed):
        return {
            "requests": len(values),
            "errors": failed,
            "rps": round(len(values) / elapsed, 1),
            "p50_ms": round(percentile(values, 50) * 1000, 1) if values else None,
            "p95_ms": round(percentile(values, 95) * 1000, 1) if values else None,
            "max_ms": round(max(values) * 1000, 1) if values else None,
        }

    every = [v for values in latencies.values() for v in values]
    out = {name: summary(latencies.get(name, []), errors.get(name, 0)) for name in WEIGHTS if name in latencies}
    out["all"] = summary(every, sum(errors.values()))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--measure", required=True, help="JSON written by bench.measure (its URLs are used).")
    parser.add_argument("--database", required=True, help="DATABASE_URL of the corpus measured.")
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--page-cache", type=int, default=300, help="PAGE_CACHE_SECONDS (0: off).")
    parser.add_argument("--search-backend", default="database")
    parser.add_argument(
        "--cache-url",
        default="",
        help="CACHE_URL for the workers, e.g. redis://127.0.0.1:6379/9 (default: the environment's; "
        "local memory per worker when none).",
    )
    args = parser.parse_args()

    measured = json.loads(Path(args.measure).read_text())
    requests = mix(measured)
    env = bench_env(args.database, args, "mix") | {"PAGE_CACHE_SECONDS": str(args.page_cache)}
    if args.cache_url:
        env |= {"CACHE_URL": args.cache_url, "CACHE_KEY_PREFIX": f"benchmix{int(time.time())}"}
    port = free_port()
    process = gunicorn(env, port, args.workers)
    try:
        wait_for(port)
        warm_up(port, requests, args.workers)
        result = drive(port, requests, args.clients, args.seconds)
    finally:
        stop(process)
    print(f"{'target':<16}{'requests':>9}{'errors':>7}{'rps':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, row in result.items():
        print(
            f"{name:<16}{row['requests']:>9}{row['errors']:>7}{row['rps']:>8}"
            f"{row['p50_ms'] or '-':>9}{row['p95_ms'] or '-':>9}{row['max_ms'] or '-':>9}"
        )
    out = RESULTS / f"mix-{'cached' if args.page_cache else 'uncached'}-{int(time.time())}.json"
    out.write_text(json.dumps({"args": vars(args), "result": result}, indent=2), encoding="utf-8")
    print(f"JSON: {out}")


if __name__ == "__main__":
    main()
