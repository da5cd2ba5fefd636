"""Fault test: Pilar on PostgreSQL reports 503 while the database is unreachable, and recovers.

The database link runs through a small TCP relay on loopback that the test owns, so "the network to
the database fails" is real (connections are cut and refused) without touching the shared server.
"""

import json
import os
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("PILAR_TEST_POSTGRES_URL", "")

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL and os.environ.get("PILAR_REQUIRE_ALL") != "1",
    reason="needs PILAR_TEST_POSTGRES_URL (scripts/test starts PostgreSQL when installed)",
)


class Relay:
    """Forwards loopback connections to PostgreSQL until `cut()`; `restore()` listens again."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = _free_port()
        self._links: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def restore(self):
        self._listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def cut(self):
        if self._listener:
            self._listener.close()
            self._listener = None
        for link in self._links:
            try:
                link.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            link.close()
        self._links.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            self._links += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.close()
                except OSError:
                    pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(base: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/health", timeout=15) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def _wait_for(base: str, status: int, seconds: float = 45) -> dict:
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            code, body = _health(base)
            last = (code, body)
            if code == status:
                return body
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = error
        time.sleep(0.5)
    pytest.fail(f"/health never answered {status}; last answer: {last}")


def test_health_turns_503_when_the_database_is_cut_and_recovers():
    url = urllib.parse.urlparse(POSTGRES_URL)
    relay = Relay(url.port or 5432)
    relay.restore()
    through_relay = url._replace(netloc=f"{url.username}:{url.password}@127.0.0.1:{relay.port}").geturl()
    binary = os.environ.get("PILAR_BIN", str(REPO_ROOT / ".build" / "debug" / "pilar"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": through_relay, "LOG_LEVEL": "error", "PILAR_BCRYPT_COST": "4"}
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen([binary, "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                                  cwd=REPO_ROOT, env=env, stdout=log, stderr=log)
        try:
            assert _wait_for(base, 200) == {"status": "ok", "database": "postgres"}
            relay.cut()
            assert _wait_for(base, 503) == {"status": "unavailable", "database": "postgres"}
            # Once the link is back the pool reconnects by itself and reads work again.
            relay.restore()
            assert _wait_for(base, 200)["status"] == "ok"
            with urllib.request.urlopen(f"{base}/api/v1/regions/35.74", timeout=15) as response:
                assert json.load(response)["name"] == "Kota Probolinggo"
        finally:
            server.terminate()
            server.wait(timeout=20)
            relay.cut()
