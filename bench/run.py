"""Benchmark runner: ``make bench BENCH_ARGS="--sizes 100,1000 --database postgresql://…"``.

For each size: a fresh database (SQLite file, or a new PostgreSQL database next to the
one in ``--database``/DATABASE_URL), migrate, the corpus (``python -m bench.corpus``), then

1. server time and query count per target, in-process (bench/measure.py);
2. throughput and latency over HTTP against gunicorn on 127.0.0.1, page cache off and on,
   and the static floor (the same HTML served as a file by WhiteNoise in the same stack).

Prints a table and writes JSON to bench/results/. See bench/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .load import load, wait_for, warm

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
HTTP_TARGETS = (
    "home",
    "model",
    "listing_3",
    "search_facets",
    "calendar",
    "calendar_month",
    "ics",
    "api",
    "peer_search",
)


def log(message):
    print(message, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_for_size(database, size, label):
    """A DATABASE_URL for a fresh database of this size (created empty here)."""
    if not database or database.startswith("sqlite"):
        path = RESULTS / f"bench-{label}-{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    parts = urlsplit(database)
    name = f"bench_{label}_{size}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def run_python(env, *args, timeout=3600):
    """``python *args`` in the project with ``env``; (stdout, seconds)."""
    started = time.monotonic()
    result = subprocess.run([PY, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout, round(time.monotonic() - started, 1)


def manage(env, *args, timeout=3600):
    return run_python(env, "manage.py", *args, timeout=timeout)


def gunicorn(env, port, workers):
    command = [
        PY,
        "-m",
        "gunicorn",
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--preload",  # as in production (README): start-up data loaded once, before the fork
        "--log-level",
        "warning",
        "--access-logfile",
        "/dev/null",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    if not wait_for(port):
        stop(process)
        raise SystemExit(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
    return process


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def http_phase(env, measured, args):
    """Throughput with the page cache off and on, and the static floor."""
    out = {}
    floor_urls = {name: m.get("floor_url") for name, m in measured.items() if m.get("status") == "ok"}
    for mode, seconds_setting in (("uncached", "0"), ("cached", "300")):
        port = free_port()
        process = gunicorn({**env, "PAGE_CACHE_SECONDS": seconds_setting}, port, args.workers)
        try:
            for name in HTTP_TARGETS:
                entry = measured.get(name, {})
                if entry.get("status") != "ok" or entry.get("slow"):  # minutes per request: no load test
                    continue
                path = entry["urls"][0]
                warm(port, path, 3 * args.workers)  # lazy loads (lemmatiser dictionaries), the cache
                out.setdefault(name, {})[mode] = load(port, path, seconds=args.seconds, connections=args.connections)
                if mode == "cached" and floor_urls.get(name):
                    out[name]["floor"] = load(
                        port, floor_urls[name], seconds=args.seconds, connections=args.connections
                    )
        finally:
            stop(process)
    for name, entry in out.items():
        floor = entry.get("floor", {}).get("p50_ms")
        for mode in ("uncached", "cached"):
            value = entry.get(mode, {}).get("p50_ms")
            if floor and value:
                entry[f"{mode}_floor_ratio"] = round(value / floor, 2)
    return out


def bench_env(database, args, name):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database,
        "SEARCH_BACKEND": args.search_backend,
        "PAGE_CACHE_SECONDS": "0",
        "DATABASE_CONN_MAX_AGE": "60",  # persistent connections, as in production
        "BENCH_FLOOR_DIR": str(RESULTS / f"floor-{name}"),
    }
    shutil.rmtree(env["BENCH_FLOOR_DIR"], ignore_errors=True)
    return env


def measure_database(env, args, name):
    """In-process measurements, then the HTTP phase, on the database of ``env``."""
    measured_file = RESULTS / f"measure-{name}.json"
    result = subprocess.run(
        [
            PY,
            "-m",
            "bench.measure",
            "--out",
            str(measured_file),
            "--repeat",
            str(args.repeat),
            "--floor-dir",
            env["BENCH_FLOOR_DIR"],
            "--only",
            args.only,
            "--cold",
            str(args.cold),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode:
        raise SystemExit(f"measure failed:\n{result.stderr[-4000:]}")
    measured = json.loads(measured_file.read_text())
    http = {} if args.no_http else http_phase(env, measured, args)
    return measured, http


def run_size(size, args, label):
    database = database_for_size(args.database, size, label)
    env = bench_env(database, args, f"{label}-{size}")
    log(f"\n== {size} models ({database.split('@')[-1]}) ==")
    _out, migrate_s = manage(env, "migrate", "--noinput", "-v0")
    events = args.events if args.events is not None else max(1, size // 2)
    out, corpus_s = run_python(
        env,
        "-m",
        "bench.corpus",
        "--models",
        str(size),
        "--events",
        str(events),
        "--seed",
        str(args.seed),
        "--languages",
        args.languages,
        "--json",
    )
    corpus = json.loads(out.strip().splitlines()[-1])
    log(f"   migrate {migrate_s} s, corpus {corpus_s} s: {corpus['timings']}")
    log(f"   created {corpus['created']}")
    measured, http = measure_database(env, args, f"{label}-{size}")
    if not args.keep and database.startswith("sqlite"):
        Path(database.removeprefix("sqlite:///")).unlink(missing_ok=True)
    return {
        "size": size,
        "events": events,
        "corpus": corpus,
        "corpus_seconds": corpus_s,
        "server": measured,
        "http": http,
    }


def run_existing(args, label):
    """Measure a database generated earlier (``--existing``): repeated runs at one size
    without rebuilding a 10 000-model corpus each time. Its size is counted, not assumed."""
    env = bench_env(args.existing, args, f"{label}-existing")
    out, _s = manage(
        env,
        "shell",
        "-c",
        (
            "from models_library.models import PracticeModelPage as M; from events.models import EventPage as E; "
            "from events.models import EventOccurrence as O; "
            "from wagtail.models import Locale; fi = Locale.get_default(); "
            "print(M.objects.filter(locale=fi).count(), E.objects.filter(locale=fi).count(), "
            "O.objects.filter(event__locale=fi).count())"
        ),
    )
    size, events, occurrences = (int(n) for n in out.split()[-3:])
    log(f"\n== existing database: {size} models, {events} events ({occurrences} dates) per language ==")
    if events and not occurrences:
        log(
            "   WARNING: events without occurrences (a corpus of the old generator): the calendar, "
            "month view, .ics feed and the home page's upcoming block are empty; regenerate with "
            "python -m bench.corpus before quoting their figures."
        )
    measured, http = measure_database(env, args, f"{label}-existing")
    return {"size": size, "events": events, "corpus": None, "corpus_seconds": None, "server": measured, "http": http}


def table(results):
    lines = []
    header = (
        f"{'target':<28}{'N':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'SQL':>6}"
        f"{'pub p50':>9}{'pub p95':>9}{'new p50':>9}"
        f"{'rps off':>9}{'rps on':>9}{'p50 on':>8}{'floor':>8}{'on/fl':>7}{'off/fl':>7}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    names = list(results[0]["server"]) if results else []
    for name in names:
        for run in results:
            s = run["server"].get(name, {})
            h = run["http"].get(name, {})
            label = s.get("label", name)
            if s.get("status") != "ok":
                lines.append(f"{label:<28}{run['size']:>7}  n/a: {s.get('note', '')}")
                continue

            def ms(value):  # whole milliseconds from 1 s up, so that columns stay apart
                return round(value) if value >= 1000 else value

            def num(value, width):
                return f" {value:>{width - 1}}" if value is not None else f" {'-':>{width - 1}}"

            lines.append(
                f"{label:<28}{run['size']:>7}{ms(s['p50']):>9}{ms(s['p95']):>9}{ms(s['max']):>9}{s['queries'] if s['queries'] is not None else '-':>6}"
                + num(s.get("after_publish", {}).get("p50"), 9)
                + num(s.get("after_publish", {}).get("p95"), 9)
                + num(s.get("fresh_worker", {}).get("p50"), 9)
                + num(h.get("uncached", {}).get("rps"), 9)
                + num(h.get("cached", {}).get("rps"), 9)
                + num(h.get("cached", {}).get("p50_ms"), 8)
                + num(h.get("floor", {}).get("p50_ms"), 8)
                + num(h.get("cached_floor_ratio"), 7)
                + num(h.get("uncached_floor_ratio"), 7)
            )
            if s.get("slow"):
                lines.append(f"{'':<28}{'':>7}  ({s['note']})")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="Comma-separated model counts (e.g. 100,1000,10000).")
    parser.add_argument("--events", type=int, default=None, help="Events per size (default: half the models).")
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_DATABASE_URL", "sqlite"),
        help="'sqlite' (default) or a PostgreSQL URL whose server gets bench_* databases.",
    )
    parser.add_argument("--search-backend", default="database", choices=["database", "opensearch", "elasticsearch"])
    parser.add_argument("--languages", default="fi,sv,en")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="Timed in-process requests per target.")
    parser.add_argument("--seconds", type=int, default=3, help="Seconds of HTTP load per target and mode.")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (one per core).")
    parser.add_argument(
        "--only",
        default="",
        metavar="TARGETS",
        help="Comma-separated target names to measure (home, model, listing_3, search_facets, "
        "peer_search, calendar_month, …; default: all). Stock search on SQLite at 10 000 "
        "models takes minutes per request.",
    )
    parser.add_argument("--cold", type=int, default=5, help="Cold requests per kind (after a publish, fresh worker).")
    parser.add_argument("--no-http", action="store_true", help="Only the in-process measurements.")
    parser.add_argument("--keep", action="store_true", help="Keep the SQLite database files.")
    parser.add_argument(
        "--existing",
        metavar="DATABASE_URL",
        help="Measure this already generated database instead of building fresh ones "
        "(--sizes and --database are then ignored).",
    )
    args = parser.parse_args(argv)

    RESULTS.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    engine = "sqlite" if (args.existing or args.database).startswith("sqlite") else "postgresql"
    label = f"{engine}-{args.search_backend}"
    runs = [run_existing(args, label)] if args.existing else [run_size(size, args, label) for size in sizes]
    report = {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "database": engine,
        "search_backend": args.search_backend,
        "languages": args.languages,
        "args": vars(args) | {"database": engine},
        "runs": runs,
    }
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"bench-{label}-{stamp}.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    log("\n" + table(runs))
    log(f"\nJSON: {out}")


if __name__ == "__main__":
    main()
