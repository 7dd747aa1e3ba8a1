"""HTTP throughput against gunicorn on loopback, bounded in time and request count.

Uses ``wrk`` when it is installed (apt-get install wrk) with a small Lua script for the
percentiles, otherwise a threaded Python client. Only 127.0.0.1 is ever contacted.
"""

import http.client
import shutil
import subprocess
import tempfile
import threading
import time

HOST = "127.0.0.1"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %d %d %.1f %.1f %.1f %d\\n",
    summary.requests, summary.duration, summary.errors.status + summary.errors.connect
      + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency.max, summary.bytes))
end
"""


def _wrk(port, path, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        script.name,
        f"http://{HOST}:{port}{path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 30).stdout
    line = next((x for x in output.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        return {"error": output[-300:]}
    requests, duration_us, errors, p50, p95, worst, _bytes = line.split()[1:]
    requests, duration = int(requests), int(duration_us) / 1e6
    return {
        "tool": "wrk",
        "requests": requests,
        "errors": int(errors),
        "rps": round(requests / duration, 1),
        "p50_ms": round(float(p50) / 1000, 2),
        "p95_ms": round(float(p95) / 1000, 2),
        "max_ms": round(float(worst) / 1000, 2),
    }


def _python(port, path, seconds, connections, max_requests):
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        while time.monotonic() < deadline:
            with lock:
                if len(latencies) + errors[0] >= max_requests:
                    return
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection(HOST, port, timeout=10)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                conn.close()
            except OSError:
                ok = False
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda p: round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000, 2)  # noqa: E731
    return {
        "tool": "python",
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / elapsed, 1) if elapsed else 0,
        "p50_ms": pick(50) if latencies else None,
        "p95_ms": pick(95) if latencies else None,
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else None,
    }


def load(port, path, seconds=3, connections=4, max_requests=5000):
    if shutil.which("wrk"):
        return _wrk(port, path, seconds, connections)
    return _python(port, path, seconds, connections, max_requests)


def wait_for(port, path="/health/", timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status < 500:
                return True
        except OSError:
            time.sleep(0.3)
    return False


def warm(port, path, count, timeout=120):
    """Sequential requests until every worker has served ``path`` (first hits can be slow)."""
    for _ in range(count):
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
        except OSError:
            pass
