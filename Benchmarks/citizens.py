#!/usr/bin/env python3
"""Burst of citizens' votes and reports against a release build of Pilar on SQLite, over loopback.

Each simulated citizen is a fresh browser: it opens a programme page (session, form token, voter
cookie), then votes on several programmes, or opens the report form and sends a report. Every request
the server acknowledged (a 303 redirect) is counted, and at the end the rows in the database are
counted too: acknowledged == stored means nothing was lost. `/health` is driven by the same client in
the same run, so the figures are quoted as ratios of it.

  usage: PILAR_BIN=<release binary> python3 Benchmarks/citizens.py [citizens, default 200] [threads, default 16]
"""

import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie

CITIZENS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 16
VOTES_PER_CITIZEN = 5


class Client:
    """One browser: a keep-alive connection with a cookie jar and the last form token seen."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies = {}
        self.csrf = None

    def request(self, method, path, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(body)
        started = time.perf_counter()
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        match = re.search(r'name="csrf" value="([^"]+)"', text)
        if match:
            self.csrf = match.group(1)
        return response.status, elapsed


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000 if ordered else 0


def run_phase(name, port, work, count):
    """Runs `work(client, index)` for `count` citizens over THREADS threads; returns stats."""
    latencies, statuses, lock = [], {}, threading.Lock()
    queue = list(range(count))

    def worker():
        while True:
            with lock:
                if not queue:
                    return
                index = queue.pop()
            client = Client(port)
            for status, elapsed in work(client, index):
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - started
    return {"name": name, "requests": len(latencies), "rps": len(latencies) / duration, "p50": percentile(latencies, 50),
            "p99": percentile(latencies, 99), "statuses": statuses}


def main():
    binary = os.environ.get("PILAR_BIN")
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "pilar"], check=True)
        binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], check=True, capture_output=True,
                                text=True).stdout.strip() + "/pilar"
    work_dir = tempfile.mkdtemp(prefix="pilar-citizens-")
    database = os.path.join(work_dir, "bench.sqlite")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # A burst from one address is exactly what the per-address limits refuse; lift them for the test.
    env = dict(os.environ, DATABASE_URL=f"sqlite://{database}", LOG_LEVEL="warning",
               PILAR_VOTES_PER_MINUTE="1000000", PILAR_REPORTS_PER_MINUTE="1000000")
    subprocess.run([binary, "seed", "demo", "--password", "bench-password-1"], env=env, check=True, capture_output=True)
    server = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port), "--env", "production"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                if Client(port).request("GET", "/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        db = sqlite3.connect(database)
        programmes = [row[0] for row in db.execute("SELECT id FROM programmes ORDER BY id")]
        votes_before = db.execute("SELECT COUNT(*) FROM satisfaction_votes").fetchone()[0]
        reports_before = db.execute("SELECT COUNT(*) FROM complaints").fetchone()[0]
        acknowledged = {"votes": 0, "reports": 0}
        ack_lock = threading.Lock()

        def health(client, index):
            for _ in range(VOTES_PER_CITIZEN + 1):
                yield client.request("GET", "/health")

        def vote(client, index):
            yield client.request("GET", f"/public/programmes/{programmes[0]}")
            for offset in range(VOTES_PER_CITIZEN):
                programme = programmes[(index + offset) % len(programmes)]
                answer = ["sangat-puas", "puas", "cukup-puas", "tidak-puas"][(index + offset) % 4]
                status, elapsed = client.request("POST", f"/public/programmes/{programme}/vote", {"csrf": client.csrf, "answer": answer})
                if status == 303:
                    with ack_lock:
                        acknowledged["votes"] += 1
                yield status, elapsed

        def report(client, index):
            yield client.request("GET", "/public/regions/35.74/report")
            status, elapsed = client.request("POST", "/public/regions/35.74/report", {
                "csrf": client.csrf, "classification": "complaint", "serviceCode": "sampah",
                "description": f"Beban uji laporan nomor {index}: sampah menumpuk.", "address": "Jl. Uji Beban"})
            if status == 303:
                with ack_lock:
                    acknowledged["reports"] += 1
            yield status, elapsed

        results = [run_phase("GET /health", port, health, CITIZENS),
                   run_phase("votes (page + 5 POSTs)", port, vote, CITIZENS),
                   run_phase("reports (form + POST)", port, report, CITIZENS)]
        votes_stored = db.execute("SELECT COUNT(*) FROM satisfaction_votes").fetchone()[0] - votes_before
        reports_stored = db.execute("SELECT COUNT(*) FROM complaints").fetchone()[0] - reports_before
        base = results[0]["rps"]
        print(f"{CITIZENS} citizens per phase, {THREADS} threads, SQLite, release build, loopback")
        print(f"{'phase':28} {'requests':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>6}  statuses")
        for r in results:
            print(f"{r['name']:28} {r['requests']:>9} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['rps'] / base:>6.2f}  {r['statuses']}")
        print(f"votes acknowledged {acknowledged['votes']}, stored {votes_stored}, lost {acknowledged['votes'] - votes_stored}")
        print(f"reports acknowledged {acknowledged['reports']}, stored {reports_stored}, lost {acknowledged['reports'] - reports_stored}")
        if acknowledged["votes"] != votes_stored or acknowledged["reports"] != reports_stored:
            sys.exit(1)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
