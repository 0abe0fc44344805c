"""`companion serve` answers /healthz on a free port: the real command, in a real process."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import KNOWLEDGE_DIR, wait_until_ready


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_companion_serve_answers_healthz(tmp_path: Path, settings) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "COMPANION_DATA_DIR": str(settings.data_dir),
        "COMPANION_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
    }
    companion = Path(sys.executable).with_name("companion")
    process = subprocess.Popen(
        [str(companion), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                if response.status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.3)
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
        else:
            raise AssertionError("companion serve did not answer /healthz in time")
        assert response.json()["status"] == "ok"
        ready = wait_until_ready(httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5))
        assert ready.status_code == 200, ready.text
    finally:
        process.terminate()
        process.wait(timeout=30)
