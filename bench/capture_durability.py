"""Capture durability and throughput: kill the server mid-load, count lost stories.

Starts gunicorn on a fresh database (SQLite in WAL + synchronous=FULL, or PostgreSQL), sends
stories to the JSON API from a pool of keep-alive clients for a fixed time, SIGKILLs the whole
server process group halfway, restarts it, and keeps sending. Afterwards it compares every
story acknowledged with 201 against the database. "Acknowledged means committed": lost must be 0.

    python bench/capture_durability.py --db sqlite --seconds 20
    python bench/capture_durability.py --db postgres --seconds 20

Prints one JSON object. Loopback only; the run stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"

SETUP = """
from samskab.instruments import services
from samskab.instruments.models import Collection
from samskab.instruments.samples import sample_definition
from samskab.organisations.models import Organisation
org = Organisation.objects.create(name="Bench", slug="bench", kind="municipality")
instrument = services.create_instrument(org, "Bench", sample_definition(), None)
c = Collection.objects.create(organisation=org, instrument=instrument, name="Bench",
                              consent_text={"da": "Ja", "en": "Yes"})
print(c.slug)
"""

STORY = {
    "prompt": "moment",
    "title": "Plantedag i parken",
    "text": "Vi plantede løg sammen med gartnerne. Det gav en god snak om, hvem der passer parken.",
    "level": "volunteer_citizen",
    "consent": True,
    "answers": {
        "drivers": {"value": [30, 50, 20]},
        "difference": {"value": [0.6, 0.3, 0.1]},
        "decided": {"value": 0.7},
        "felt": {"na": True},
        "actors": {"value": {"citizens": {"x": 0.8, "y": 0.7}}},
        "frequency": {"value": "sometimes"},
        "feelings": {"value": ["glad", "hopeful"]},
    },
}


def environment(args: argparse.Namespace, workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env.update(
        SECRET_KEY="bench-only-key",  # noqa: S106  (a throw-away server on loopback)
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        LOG_LEVEL="WARNING",
        SQLITE_PATH=str(workdir / "bench.sqlite3"),
    )
    if args.db == "postgres":
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.pg_name}"
    return env


def reset_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(
        PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare(env: dict[str, str]) -> str:
    run = {"cwd": ROOT, "env": env, "check": True, "capture_output": True, "text": True}
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput"], **run)  # type: ignore[call-overload]
    done = subprocess.run([PYTHON, "manage.py", "shell", "-c", SETUP], **run)  # type: ignore[call-overload]
    return done.stdout.strip().splitlines()[-1]


class Server:
    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, slug: str) -> None:
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "samskab.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--keep-alive",
                "30",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", f"/api/v1/collections/{slug}")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


class Load:
    def __init__(self, port: int, slug: str) -> None:
        self.port, self.path = port, f"/api/v1/collections/{slug}/stories"
        self.lock = threading.Lock()
        self.acked: list[str] = []
        self.latencies: list[float] = []
        self.failures = 0
        self.sent = 0

    def client(self, stop_at: float) -> None:
        conn = None
        while time.monotonic() < stop_at:
            client_id = uuid.uuid4().hex
            body = json.dumps({**STORY, "client_id": client_id})
            start = time.perf_counter()
            try:
                conn = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                conn.request("POST", self.path, body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn, status = None, 0
                time.sleep(0.05)
            self.record(client_id, status, time.perf_counter() - start)

    def record(self, client_id: str, status: int, seconds: float) -> None:
        with self.lock:
            self.sent += 1
            if status == 201:
                self.acked.append(client_id)
                self.latencies.append(seconds)
            else:
                self.failures += 1


def stored_ids(args: argparse.Namespace, workdir: Path) -> list[str]:
    query = "SELECT external_id FROM instruments_story"
    if args.db == "sqlite":
        with sqlite3.connect(workdir / "bench.sqlite3") as db:
            return [row[0] for row in db.execute(query)]
    import psycopg

    url = f"postgresql://postgres@127.0.0.1:5432/{args.pg_name}"
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute(query)]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def run(args: argparse.Namespace) -> dict[str, object]:
    workdir = Path(tempfile.mkdtemp(prefix="samskab-bench-"))
    if args.db == "postgres":
        reset_postgres(args.pg_name)
    env = environment(args, workdir)
    slug = prepare(env)
    server = Server(env, args.port, args.workers)
    server.start(slug)
    load = Load(args.port, slug)
    started = time.monotonic()
    stop_at = started + args.seconds
    threads = [threading.Thread(target=load.client, args=(stop_at,)) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds / 2)
    killed_at = time.monotonic() - started
    server.kill()
    down = time.monotonic()
    server.start(slug)
    downtime = time.monotonic() - down
    for thread in threads:
        thread.join()
    server.kill(signal.SIGTERM)
    stored = stored_ids(args, workdir)
    uptime = killed_at + max(0.0, args.seconds - killed_at - downtime)
    acked = set(load.acked)
    latencies_ms = [s * 1000 for s in load.latencies]
    return {
        "benchmark": "capture_durability",
        "database": args.db,
        "seconds": args.seconds,
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "killed_at_s": round(killed_at, 2),
        "restart_downtime_s": round(downtime, 2),
        "requests": load.sent,
        "acknowledged": len(acked),
        "failed_or_refused": load.failures,
        "stories_per_s": round(len(acked) / args.seconds, 1),
        "stories_per_s_while_up": round(len(acked) / uptime, 1),
        "latency_ms_p50": round(percentile(latencies_ms, 50), 2),
        "latency_ms_p99": round(percentile(latencies_ms, 99), 2),
        "stored": len(stored),
        "lost": len(acked - set(stored)),
        "stored_but_not_acknowledged": len(set(stored) - acked),
        "duplicates": len(stored) - len(set(stored)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8097)
    parser.add_argument("--pg-name", default="samskab_bench")
    args = parser.parse_args()
    print(json.dumps(run(args), indent=1))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
