"""Load with a failing cache: 30 clients for 60 s against gunicorn on the production settings.

    .venv/bin/python -m bench.faults                       # SQLite demo database, all scenarios
    .venv/bin/python -m bench.faults --database postgresql://postgres@127.0.0.1:5432/postgres
    .venv/bin/python -m bench.faults --scenarios redis-stop --seconds 30 --clients 10

Scenarios, each with a private ``redis-server`` on a free loopback port as ``CACHE_URL``:

* ``steady``: Redis up for the whole run;
* ``redis-stop``: Redis stopped (terminated) half-way;
* ``redis-hang``: Redis paused half-way (``CLIENT PAUSE … ALL``: connections accepted,
  commands never answered), the worst case for timeouts.

The database is a fresh one with the demo content (``migrate`` + ``load_demo``), or
``--existing URL``. Clients cycle over the site's dynamic URLs (home in three languages,
library, a model page, calendar, an event page, a search, the API, the sitemap, health),
as visitors behind the production proxy (``X-Forwarded-Proto: https``). Prints per
scenario the requests, errors, 5xx before and after the fault and latency, and writes JSON
(and gunicorn's log) to bench/results/. Only 127.0.0.1 is contacted.
"""

import argparse
import datetime
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

from .load import HOST, wait_for
from .run import RESULTS, ROOT, database_for_size, free_port, log, manage, stop

PY = sys.executable
SCENARIOS = ("steady", "redis-stop", "redis-hang")
DISCOVER = """
import json
from django.urls import reverse
from django.utils import translation
from events.models import EventIndexPage, EventPage
from models_library.models import PracticeModelIndexPage, PracticeModelPage

def first(model):
    page = model.objects.live().public().filter(locale__language_code="fi").order_by("path").first()
    return page.url if page else None

with translation.override("fi"):
    search = reverse("search")
urls = ["/fi/", "/sv/", "/en/", first(PracticeModelIndexPage), first(PracticeModelPage), first(EventIndexPage),
        first(EventPage), search + "?q=lapsi", search + "?q=perhe", "/api/v2/pages/?limit=20",
        "/sitemap.xml", "/health/"]
print(json.dumps([url for url in urls if url]))
"""


class Redis:
    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("redis-server did not start")

    @property
    def url(self):
        return f"redis://{HOST}:{self.port}/0"

    def pause(self, seconds):
        with socket.create_connection((HOST, self.port), timeout=2) as sock:
            sock.sendall(f"CLIENT PAUSE {int(seconds * 1000)} ALL\r\n".encode())
            sock.recv(16)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def fetch(port, url):
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    conn.request("GET", url, headers={"X-Forwarded-Proto": "https", "Host": HOST})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status


def drive(port, urls, seconds, clients, fault_at=None, fault=None):
    """``clients`` threads cycling over ``urls`` for ``seconds``; ``fault()`` at ``fault_at``.
    Returns [(seconds since start, url, status or "error", latency s)]."""
    records, lock = [], threading.Lock()
    started = time.monotonic()
    deadline = started + seconds

    def client(offset):
        n = offset
        while time.monotonic() < deadline:
            url = urls[n % len(urls)]
            n += 1
            begin = time.monotonic()
            try:
                status = fetch(port, url)
            except OSError:
                status = "error"
            with lock:
                records.append((round(begin - started, 3), url, status, time.monotonic() - begin))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    if fault is not None:
        time.sleep(max(0, started + fault_at - time.monotonic()))
        fault()
    for thread in threads:
        thread.join()
    return records


def summarise(records, fault_at):
    def stats(rows):
        latencies = sorted(r[3] for r in rows)
        pick = lambda p: round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000, 1)  # noqa: E731
        return {
            "requests": len(rows),
            "errors": sum(1 for r in rows if r[2] == "error"),
            "5xx": sum(1 for r in rows if isinstance(r[2], int) and r[2] >= 500),
            "non_200": sum(1 for r in rows if r[2] != 200),
            "p50_ms": pick(50) if latencies else None,
            "p95_ms": pick(95) if latencies else None,
            "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
            "slowest": [[r[0], r[1], r[2], round(r[3] * 1000)] for r in sorted(rows, key=lambda r: -r[3])[:3]],
        }

    out = {"all": stats(records)}
    if fault_at is not None:
        out["before_fault"] = stats([r for r in records if r[0] < fault_at])
        out["after_fault"] = stats([r for r in records if r[0] >= fault_at])
    return out


def gunicorn(env, port, workers, log_path):
    command = [
        PY,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--timeout",
        "30",
        "--log-level",
        "warning",
        "--access-logfile",
        "/dev/null",
        "--error-logfile",
        "-",
    ]
    log_file = open(log_path, "w")  # noqa: SIM115 - closed by the caller
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
    )
    if not wait_for(port, path="/health/", timeout=60):
        stop(process)
        raise SystemExit(f"gunicorn did not start; see {log_path}")
    return process, log_file


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="", help="Where to create the fresh database (default: SQLite).")
    parser.add_argument("--existing", default="", help="Use this DATABASE_URL as it is (no migrate/demo).")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    args = parser.parse_args(argv)
    if not shutil.which("redis-server"):
        raise SystemExit("redis-server is needed (apt-get install redis-server)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    static_root = RESULTS / "faults-static"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-faults-only-not-a-real-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": HOST,
        "STATIC_ROOT": str(static_root),
        "CACHE_KEY_PREFIX": f"bench-faults-{stamp}",
        "LOG_LEVEL": "WARNING",
    }
    env["DATABASE_URL"] = args.existing or database_for_size(args.database, "demo", "faults")
    setup_redis = Redis()
    try:
        env["CACHE_URL"] = setup_redis.url
        if not args.existing:
            log(f"Database {env['DATABASE_URL']}: migrate + load_demo")
            manage(env, "migrate", "--noinput")
            manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        urls = json.loads(manage(env, "shell", "-c", DISCOVER)[0].strip().splitlines()[-1])
    finally:
        setup_redis.stop()
    log(f"URLs: {' '.join(urls)}")

    results = {}
    for scenario in [s for s in args.scenarios.split(",") if s]:
        redis = Redis()
        port = free_port()
        log_path = RESULTS / f"faults-{stamp}-{scenario}-gunicorn.log"
        process, log_file = gunicorn({**env, "CACHE_URL": redis.url}, port, args.workers, log_path)
        try:
            for url in urls * args.workers:  # every worker has loaded its code, pages are cached
                fetch(port, url)
            searches = [url for url in urls if "?q=" in url]
            for n in range(args.workers * 4 if searches else 0):
                # Uncached searches, so that every worker has loaded the lemma dictionaries
                # (~3 s once per process) before the clock starts, not in the first uncached
                # search after the fault.
                fetch(port, f"{searches[n % len(searches)]}&warm={n}")
            fault_at = None if scenario == "steady" else args.seconds / 2
            fault = {"redis-stop": redis.stop, "redis-hang": lambda: redis.pause(args.seconds * 2)}.get(scenario)
            log(
                f"{scenario}: {args.clients} clients for {args.seconds} s"
                + (f", fault at {fault_at:.0f} s" if fault_at else "")
            )
            records = drive(port, urls, args.seconds, args.clients, fault_at, fault)
        finally:
            stop(process)
            log_file.close()
            redis.stop()
        gunicorn_log = log_path.read_text(errors="replace")
        results[scenario] = summarise(records, fault_at)
        results[scenario]["outage_log_lines"] = gunicorn_log.count("is unavailable")
        results[scenario]["tracebacks"] = gunicorn_log.count("Traceback")
        log(json.dumps(results[scenario], indent=1))

    out = RESULTS / f"faults-{stamp}.json"
    out.write_text(json.dumps({"args": vars(args), "urls": urls, "results": results}, indent=1))
    log(f"Wrote {out}")
    print_table(results)


def print_table(results):
    head = f"{'scenario':<12} {'part':<13} {'requests':>8} {'errors':>6} {'5xx':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}"
    print(head)
    print("-" * len(head))
    for scenario, parts in results.items():
        for part in ("all", "before_fault", "after_fault"):
            row = parts.get(part)
            if row:
                print(
                    f"{scenario:<12} {part:<13} {row['requests']:>8} {row['errors']:>6} {row['5xx']:>5} "
                    f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8}"
                )


if __name__ == "__main__":
    main()
