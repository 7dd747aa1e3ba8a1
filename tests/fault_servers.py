"""Servers that fail on purpose, for the fault tests: a private Redis that can be stopped and
started again, a port where nothing listens, and a server that accepts and never answers."""

import shutil
import socket
import subprocess
import threading
import time

import pytest


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dead_url(scheme="redis"):
    """A loopback URL where nothing listens (the port was free a moment ago)."""
    suffix = "/0" if scheme == "redis" else ""
    return f"{scheme}://127.0.0.1:{free_port()}{suffix}"


class RedisServer:
    """``redis-server`` on a free loopback port, no persistence; ``stop()``/``start()`` at will."""

    def __init__(self):
        if not shutil.which("redis-server"):
            pytest.skip("redis-server is not installed")
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def pause(self, seconds):
        """Keep the data but answer no command for ``seconds`` (a hung Redis)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
            sock.sendall(f"CLIENT PAUSE {int(seconds * 1000)} ALL\r\n".encode())
            assert sock.recv(16).startswith(b"+OK")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


class SilentServer:
    """Accepts TCP connections and never answers: a hung Redis or search engine."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self._stopped = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stopped:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)  # keep it open, read nothing, answer nothing

    def url(self, scheme="http"):
        suffix = "/0" if scheme == "redis" else ""
        return f"{scheme}://127.0.0.1:{self.port}{suffix}"

    def close(self):
        self._stopped = True
        self.sock.close()
        for conn in self.connections:
            conn.close()
