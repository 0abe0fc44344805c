"""Load test on loopback: N concurrent clients for S seconds over agendas, coaching, starters and
search, against a real `companion serve` with the offline provider. Two deployments:

- single: one worker, embedded Chroma, SQLite (the `make serve` default);
- scaled: two workers, a `chroma run` server and PostgreSQL (scripts/postgres.sh).

    python -m bench.load [--clients 50] [--seconds 60] [--only single|scaled]

Reports requests/s, p50/p95/p99 latency and errors per deployment; writes bench/results/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from bench.common import REPO, percentile, save

COMPANION = str(Path(sys.executable).with_name("companion"))
CHROMA = str(Path(sys.executable).with_name("chroma"))
TOPICS = [
    "AI assistants for first drafts",
    "LinkedIn for a director",
    "hybrid work",
    "how graduates experience our meetings",
    "short-form video for the brand",
    "collaboration apps the teams use",
]
SITUATIONS = [
    "She cancels every other session at short notice.",
    "He listens politely and then ignores every idea.",
    "I am afraid to tell my director that his posts come across badly.",
    "We never agree what the next session is about.",
]
QUERIES = ["how to end the relationship well", "ground rules for confidentiality", "first session agenda"]


def request(generator: random.Random, number: int) -> tuple[str, str, dict]:
    """A request like the mix users send; its free text is unique (the team number), so no
    answer or vector can be served from memory of an earlier request."""
    team = f" (team {number})"
    kind = generator.choice(["agenda", "agenda", "coaching", "coaching", "starters", "search", "search"])
    if kind == "agenda":
        body = {"topic": generator.choice(TOPICS) + team, "minutes": generator.choice([30, 45, 60])}
        return "POST", "/v1/agendas", {"json": body | {"session_number": generator.randint(1, 6)}}
    if kind == "coaching":
        return "POST", "/v1/coaching", {"json": {"situation": generator.choice(SITUATIONS) + team}}
    if kind == "starters":
        return "POST", "/v1/starters", {"json": {"topic": generator.choice(TOPICS) + team, "count": 5}}
    return "GET", "/v1/search", {"params": {"q": generator.choice(QUERIES) + team, "k": 5}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@contextmanager
def process(command: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("w") as output:
        started = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield started
        finally:
            started.terminate()
            try:
                started.wait(timeout=30)
            except subprocess.TimeoutExpired:
                started.kill()


async def client(
    base: str, key: str, until: float, results: list[tuple[str, int, float]], numbers: Iterator[int]
) -> None:
    generator = random.Random()
    async with httpx.AsyncClient(
        base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60
    ) as http:
        while time.monotonic() < until:
            method, path, arguments = request(generator, next(numbers))
            started = time.perf_counter()
            try:
                response = await http.request(method, path, **arguments)
                status = response.status_code
            except httpx.HTTPError:
                status = 0
            results.append((path, status, (time.perf_counter() - started) * 1000))


def run_load(base: str, key: str, clients: int, seconds: float) -> dict:
    results: list[tuple[str, int, float]] = []

    async def main() -> None:
        until = time.monotonic() + seconds
        numbers = itertools.count(int(time.time()))
        await asyncio.gather(*(client(base, key, until, results, numbers) for _ in range(clients)))

    asyncio.run(main())
    latencies = [latency for _, status, latency in results if status == 200]
    errors = Counter(status for _, status, _ in results if status != 200)
    by_route: dict[str, list[float]] = {}
    for path, status, latency in results:
        if status == 200:
            by_route.setdefault(path, []).append(latency)
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": len(results),
        "requests_per_s": round(len(results) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "errors": sum(errors.values()),
        "errors_by_status": {str(status): count for status, count in errors.items()},
        "routes": {
            path: {
                "requests": len(values),
                "p50_ms": round(percentile(values, 0.50), 1),
                "p95_ms": round(percentile(values, 0.95), 1),
            }
            for path, values in sorted(by_route.items())
        },
    }


def deployment(name: str, scratch: Path, clients: int, seconds: float) -> dict:
    data_dir = scratch / name
    env = {
        **os.environ,
        "COMPANION_DATA_DIR": str(data_dir),
        "COMPANION_RATE_LIMIT_PER_MINUTE": "1000000",
        "COMPANION_LOG_LEVEL": "warning",
    }
    workers = "1"
    chroma: subprocess.Popen | None = None
    if name == "scaled":
        chroma_port = free_port()
        chroma = subprocess.Popen(
            [
                CHROMA,
                "run",
                "--path",
                str(scratch / "chroma-server"),
                "--host",
                "127.0.0.1",
                "--port",
                str(chroma_port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat")
        postgres = (
            subprocess.run(
                [str(REPO / "scripts" / "postgres.sh"), "start"], check=True, capture_output=True, text=True
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        env |= {
            "COMPANION_CHROMA_URL": f"http://127.0.0.1:{chroma_port}",
            "COMPANION_DATABASE_URL": postgres,
            "COMPANION_EMBEDDING_THREADS": "1",  # two workers share two cores: one thread each
        }
        workers = "2"
    try:
        subprocess.run([COMPANION, "index"], env=env, check=True, capture_output=True)
        key = (
            subprocess.run(
                [COMPANION, "keys", "create", "--role", "mentor", "--name", f"load-{time.time_ns()}"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        port = free_port()
        command = [COMPANION, "serve", "--port", str(port), "--workers", workers]
        with process(command, env, scratch / f"{name}.log"):
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/readyz")
            run_load(base, key, clients=5, seconds=3)  # warm-up: models loaded, caches filled
            figures = run_load(base, key, clients, seconds)
        return {
            "workers": int(workers),
            "embedding_threads": int(env.get("COMPANION_EMBEDDING_THREADS", "0")),
            **figures,
        }
    finally:
        if chroma is not None:
            chroma.terminate()
            chroma.wait(timeout=30)


def main(clients: int = 50, seconds: float = 60, only: str | None = None) -> dict:
    results = {}
    scratch = Path(tempfile.mkdtemp(prefix="companion-load-"))
    try:
        for name in ("single", "scaled"):
            if only in (None, name):
                results[name] = deployment(name, scratch, clients, seconds)
                print(name, results[name], flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    save("load", {"deployments": results})
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--only", choices=("single", "scaled"))
    arguments = parser.parse_args()
    main(arguments.clients, arguments.seconds, arguments.only)
