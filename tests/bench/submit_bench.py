"""Case submission benchmark on SQLite and PostgreSQL: `make bench-submit` (or `python -m tests.bench.submit_bench`).

What one "submission" is here: the requests an applicant's browser sends from the materials page to
a created case, for a matter with two required materials (default `rural-pension-enrolment`, 3 field
pages, 2 required materials):

    POST /apply/{draft}/materials/{first}   multipart, one small PNG  -> 303
    POST /apply/{draft}/materials/{second}  multipart, one small PNG  -> 303
    POST /apply/{draft}/submit              submit_token, declaration -> 303 /cases/{number}

timed together, from the first byte sent to the last answer read. The redirects are not followed
(the pages a browser loads after them are not part of the submission); each PNG is different
(random pixels), so every upload is really stored. Before the clock starts, and untimed, N applicants
are prepared by calling the app's services against the same database: a citizen account with a real
name, a signed-in session and a draft whose field pages are all saved and checked. All applicants
share one CSRF cookie/token pair (a double-submit token, not bound to the session).

One uvicorn process per database (fresh data directory, KUAIBAN_DEV=1), a throwaway PostgreSQL
database created and dropped by the run. The load comes from this process: an httpx.AsyncClient with
C concurrent applicants over C keep-alive connections. The machine has 2 cores and this Python client
competes with the server for them, so the same client's GET /healthz rate at the same concurrency is
printed too: the ceiling of what this client can measure. The CPU the server and the client used
during each run is printed as well (py-spy, when --profile asks for it, counts as "other"). At the end
each database must hold exactly one case per submission (no duplicates, no losses), each with its two
files, or the run fails.

    python -m tests.bench.submit_bench --count 400 --concurrency 8
    python -m tests.bench.submit_bench --databases sqlite --profile /tmp/submit --profile-format txt
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.cookiejar
import os
import resource
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SECRET = "bench"
REGION = "500103"
PERSON_ID = "11010519491231002X"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
GOAL_RATE, GOAL_P99_MS = 200, 100  # the goal, on SQLite


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def png(size: int) -> bytes:
    """A real PNG of about `size` bytes of random pixels (incompressible, unique per call)."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    width = 32
    height = max(1, size // (width * 3 + 1))
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b""))


def cpu_seconds(pid: int) -> float:
    """CPU of a process and its children (uvicorn --workers runs the app in child processes)."""
    total = _one_cpu_seconds(pid)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            total += _one_cpu_seconds(int(stat.parent.name))
    return total


def _one_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time every process on the machine used so far (all cores, idle and iowait excluded)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def postgres_cpu_seconds() -> float:
    """CPU time of the PostgreSQL processes on this machine (the server and its backends, live ones)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        if text[text.find("(") + 1:text.rfind(")")] in ("postgres", "postmaster"):
            fields = text.rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- setup, untimed: applicants with a session and a filled-in draft, through the app's services ---

@dataclass
class Applicant:
    cookie: str
    draft_id: int
    submit_token: str


async def prepare(env: dict[str, str], matter_key: str, count: int) -> tuple[list[Applicant], list[str]]:
    from app.accounts import service as accounts
    from app.accounts import sessions
    from app.applications import drafts, form
    from app.runtime import Runtime
    from app.settings import load_settings
    from plugins.declarations import FieldType
    from tests.integration.apply_helpers import page_data

    rt = Runtime(load_settings(env))
    await rt.start(sync=False)
    try:
        matter = rt.host.matters[matter_key]
        required = [m.name for m in matter.materials if m.required]
        if len(required) != 2 or any("png" not in m.kinds for m in matter.materials if m.required):
            raise SystemExit(f"{matter_key}: needs exactly two required materials that accept PNG, has {required}")
        if any(f.type == FieldType.SIGNATURE for f in matter.fields):
            raise SystemExit(f"{matter_key}: has a signature field; choose a matter without one")
        applicants = []
        for i in range(count):
            phone = f"139{i:08d}"
            account_id = await accounts.citizen_by_phone(rt.engine, phone)
            assert not await accounts.set_real_name(rt.engine, account_id, "张三", PERSON_ID)
            token = await sessions.create(rt.engine, account_id)
            profile = {"name": "张三", "id_number": PERSON_ID, "phone": phone}
            prefill = form.profile_prefill(matter, profile)
            for extra in rt.host.pm.hook.prefill_application(matter=matter, applicant=profile):
                for name, value in (extra or {}).items():
                    prefill.setdefault(name, value)
            draft = await drafts.open_draft(rt.engine, account_id, matter.key, matter.version, REGION, None, prefill)
            for page in form.pages(matter):
                posted = page_data(page.fields, "")
                values = {f.name: form.normalise(f, form.read_value(f, posted)) for f in page.fields}
                await drafts.save_answers(rt.engine, draft, values)
            problems = form.validate_all(matter, draft.answers)
            if problems:
                raise SystemExit(f"prepared answers do not pass: {problems}")
            applicants.append(Applicant(f"{sessions.COOKIE}={token}", draft.id, draft.submit_token))
        return applicants, required
    finally:
        await rt.stop()


async def verify(env: dict[str, str], submitted: int, numbers: list[str]) -> str:
    """One case per submission, each with its two files and its draft closed; nothing else."""
    from app.db.engine import fetch
    from app.runtime import Runtime
    from app.settings import load_settings

    rt = Runtime(load_settings(env))
    await rt.start(sync=False)
    try:
        one = lambda rows: next(iter(rows[0].values()))  # noqa: E731
        cases = one(await fetch(rt.engine, "SELECT count(*) AS n FROM kb_case"))
        keys = one(await fetch(rt.engine, "SELECT count(DISTINCT idempotency_key) AS n FROM kb_case"))
        closed = one(await fetch(rt.engine, "SELECT count(*) AS n FROM draft WHERE case_number IS NOT NULL"))
        files = one(await fetch(rt.engine, "SELECT count(*) AS n FROM upload WHERE case_id IS NOT NULL"))
        loose = one(await fetch(rt.engine, "SELECT count(*) AS n FROM upload WHERE case_id IS NULL"))
    finally:
        await rt.stop()
    problems = []
    if not cases == keys == closed == submitted == len(set(numbers)) == len(numbers):
        problems.append(f"cases {cases}, distinct keys {keys}, closed drafts {closed}, submissions {submitted}, "
                        f"distinct numbers answered {len(set(numbers))} of {len(numbers)}")
    if files != 2 * submitted or loose:
        problems.append(f"{files} files on cases (expected {2 * submitted}), {loose} left on drafts")
    if problems:
        raise SystemExit("VERIFICATION FAILED: " + "; ".join(problems))
    return f"{cases} cases for {submitted} submissions, {files} files attached, no duplicates, no losses"


# --- load, timed: an httpx client in this process, C applicants at a time ---

@dataclass
class Run:
    latencies_ms: list[float] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    postgres_cpu: float = 0.0
    other_cpu: float = 0.0  # every other process on the machine: the machines are shared

    def clock(self, server_pid: int):
        """Start timing; call the result to stop."""
        cpu0, own0, pg0 = cpu_seconds(server_pid), own_cpu_seconds(), postgres_cpu_seconds()
        all0, t0 = machine_cpu_seconds(), time.perf_counter()

        def stop() -> None:
            self.seconds = time.perf_counter() - t0
            self.server_cpu = cpu_seconds(server_pid) - cpu0
            self.client_cpu = own_cpu_seconds() - own0
            self.postgres_cpu = max(0.0, postgres_cpu_seconds() - pg0)  # backends that exited are missed
            self.other_cpu = max(0.0, machine_cpu_seconds() - all0 - self.server_cpu - self.client_cpu
                                 - self.postgres_cpu)
        return stop

    @property
    def rate(self) -> float:
        return len(self.latencies_ms) / self.seconds


def client(base: str, concurrency: int):
    import httpx

    # Cookies are sent by hand per applicant; a jar that keeps nothing stops them leaking between applicants.
    jar = http.cookiejar.CookieJar(policy=http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    return httpx.AsyncClient(
        base_url=base, cookies=jar, follow_redirects=False, timeout=30,
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
    )


async def csrf_pair(base: str) -> tuple[str, str]:
    import httpx

    async with httpx.AsyncClient(base_url=base) as c:
        r = await c.get("/signin")
        r.raise_for_status()
        token = c.cookies.get("kb_csrf")
    assert token, "no kb_csrf cookie from GET /signin"
    return f"kb_csrf={token}", token


async def submissions(base: str, applicants: list[Applicant], materials: list[str], concurrency: int,
                      upload_bytes: int, server_pid: int) -> Run:
    csrf_cookie, csrf = await csrf_pair(base)
    queue: asyncio.Queue[Applicant] = asyncio.Queue()
    for a in applicants:
        queue.put_nowait(a)
    # The files are made before the clock starts: the client's work should be sending, not encoding.
    payloads = {a.draft_id: [png(upload_bytes) for _ in materials] for a in applicants}
    run = Run()

    async def one(http, a: Applicant) -> None:
        headers = {"cookie": f"{a.cookie}; {csrf_cookie}"}
        t0 = time.perf_counter()
        for name, payload in zip(materials, payloads[a.draft_id]):
            r = await http.post(f"/apply/{a.draft_id}/materials/{name}", headers=headers,
                                data={"_csrf_token": csrf}, files={"files": ("材料.png", payload, "image/png")})
            if r.status_code != 303:
                raise RuntimeError(f"upload answered {r.status_code}: {r.text[:300]}")
        r = await http.post(f"/apply/{a.draft_id}/submit", headers=headers,
                            data={"_csrf_token": csrf, "submit_token": a.submit_token, "declaration": "yes"})
        run.latencies_ms.append((time.perf_counter() - t0) * 1000)
        location = r.headers.get("location", "")
        if r.status_code != 303 or not location.startswith("/cases/"):
            raise RuntimeError(f"submit answered {r.status_code} {location}: {r.text[:300]}")
        run.numbers.append(location.removeprefix("/cases/").split("?")[0])

    async def worker(http) -> None:
        while not queue.empty():
            await one(http, queue.get_nowait())

    async with client(base, concurrency) as http:
        stop = run.clock(server_pid)
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
        stop()
    return run


class RawConnection:
    """A keep-alive HTTP/1.1 connection that sends pre-encoded requests and reads status and headers.

    httpx spends about as much CPU per request as the server on this 2-core machine; pre-encoded
    bytes on a plain socket leave the cores to the server, so the server is what is measured.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, raw: bytes) -> tuple[int, dict[str, str]]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
        length = int(headers.get("content-length", "0"))
        if length:
            await self.reader.readexactly(length)
        return status, headers

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


def encode_post(path: str, cookie: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None,
                host: str = "127.0.0.1") -> bytes:
    if files:
        boundary = "----kuaibanbench"
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, payload) in files.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: image/png\r\n\r\n".encode() + payload + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
    else:
        from urllib.parse import urlencode

        body = urlencode(fields).encode()
        content_type = "application/x-www-form-urlencoded"
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("utf-8") + body


async def raw_submissions(base: str, applicants: list[Applicant], materials: list[str], concurrency: int,
                          upload_bytes: int, server_pid: int) -> Run:
    """The same submissions as `submissions`, sent as pre-encoded bytes over plain sockets."""
    csrf_cookie, csrf = await csrf_pair(base)
    host, port = base.removeprefix("http://").split(":")
    plans = []
    for a in applicants:
        cookie = f"{a.cookie}; {csrf_cookie}"
        uploads = [encode_post(f"/apply/{a.draft_id}/materials/{name}", cookie, {"_csrf_token": csrf},
                               {"files": ("scan.png", png(upload_bytes))}) for name in materials]
        submit = encode_post(f"/apply/{a.draft_id}/submit", cookie,
                             {"_csrf_token": csrf, "submit_token": a.submit_token, "declaration": "yes"})
        plans.append((uploads, submit))
    queue: asyncio.Queue = asyncio.Queue()
    for plan in plans:
        queue.put_nowait(plan)
    run = Run()

    async def worker() -> None:
        conn = RawConnection(host, int(port))
        try:
            while not queue.empty():
                uploads, submit = queue.get_nowait()
                t0 = time.perf_counter()
                for raw in uploads:
                    status, _ = await conn.request(raw)
                    if status != 303:
                        raise RuntimeError(f"upload answered {status}")
                status, headers = await conn.request(submit)
                run.latencies_ms.append((time.perf_counter() - t0) * 1000)
                location = headers.get("location", "")
                if status != 303 or not location.startswith("/cases/"):
                    raise RuntimeError(f"submit answered {status} {location}")
                run.numbers.append(location.removeprefix("/cases/").split("?")[0])
        finally:
            await conn.close()

    stop = run.clock(server_pid)
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    stop()
    return run


async def healthz(base: str, requests: int, concurrency: int, server_pid: int) -> Run:
    run = Run()
    left = [requests]

    async def worker(http) -> None:
        while left[0] > 0:
            left[0] -= 1
            t0 = time.perf_counter()
            r = await http.get("/healthz")
            run.latencies_ms.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"/healthz answered {r.status_code}")

    async with client(base, concurrency) as http:
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))  # warm the connections
        run.latencies_ms.clear()
        left[0] = requests
        stop = run.clock(server_pid)
        await asyncio.gather(*(worker(http) for _ in range(concurrency)))
        stop()
    return run


# --- one database: server, setup, warm-up, baseline, load, verification ---

def start_server(env: dict[str, str], asgi_app: str, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", asgi_app, "--host", "127.0.0.1", "--port", str(port),
         "--no-access-log", "--log-level", "warning", "--workers", str(workers)],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return server, base
        except OSError:
            if server.poll() is not None:
                raise SystemExit("the server exited at start-up")
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer /healthz in 60 s")


@contextlib.contextmanager
def py_spy(pid: int, out: str | None):
    if not out:
        yield
        return
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    kind = {"json": "speedscope", "svg": "flamegraph", "txt": "raw"}[out.rsplit(".", 1)[1]]
    proc = subprocess.Popen([spy, "record", "--pid", str(pid), "--output", out, "--format", kind, "--rate", "200",
                             "--idle"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    try:
        yield
    finally:
        proc.send_signal(2)  # SIGINT: py-spy writes its output and exits
        _, err = proc.communicate(timeout=60)
        print(f"  py-spy profile of the server during the measured run: {out}"
              + (f" ({err.decode().strip().splitlines()[-1]})" if proc.returncode else ""))


def bench_database(label: str, database_url: str | None, args) -> dict:
    data_dir = tempfile.mkdtemp(prefix="kuaiban-submit-bench-")
    env = dict(os.environ, KUAIBAN_DATA_DIR=data_dir, KUAIBAN_SECRET_KEY=SECRET, KUAIBAN_DEV="1")
    env.pop("KUAIBAN_REDIS_URL", None)
    env.pop("KUAIBAN_DATABASE_URL", None)
    if database_url:
        env["KUAIBAN_DATABASE_URL"] = database_url
    warmup = min(args.count, 2 * args.concurrency)
    print(f"\n{label}: starting the server …", flush=True)
    server, base = start_server(env, args.app, args.workers)
    load = raw_submissions if args.client == "raw" else submissions
    try:
        t0 = time.perf_counter()
        applicants, materials = asyncio.run(prepare(env, args.matter, warmup + args.count))
        print(f"  prepared {len(applicants)} applicants (session + filled draft) in {time.perf_counter() - t0:.1f}s, "
              "untimed", flush=True)
        warm = asyncio.run(load(base, applicants[:warmup], materials, args.concurrency, args.upload_bytes,
                                       server.pid))
        health = asyncio.run(healthz(base, 3 * args.count, args.concurrency, server.pid))
        profile = args.profile and f"{args.profile}-{label.split()[0].lower()}.{args.profile_format}"
        with py_spy(server.pid, profile):
            run = asyncio.run(load(base, applicants[warmup:], materials, args.concurrency, args.upload_bytes,
                                          server.pid))
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=15)
    try:
        check = asyncio.run(verify(env, warmup + args.count, warm.numbers + run.numbers))
        print(f"  verified: {check} ({warmup} of them warm-up)")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return {"label": label, "run": run, "health": health, "memory": memory}


async def _admin(sql: str, admin_url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=400, help="measured submissions per database")
    parser.add_argument("--concurrency", type=int, default=8, help="applicants submitting at once")
    parser.add_argument("--matter", default="rural-pension-enrolment")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (the machine has 2 cores)")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="raw: pre-encoded requests on plain sockets (light); httpx: a full HTTP client")
    parser.add_argument("--upload-bytes", type=int, default=8 * 1024, help="size of each PNG")
    parser.add_argument("--postgres", default=os.environ.get("KUAIBAN_BENCH_POSTGRES_URL", ADMIN_URL),
                        help="a PostgreSQL server to create the throwaway database on ('' to skip)")
    parser.add_argument("--app", default="app.asgi:app", help="the ASGI app uvicorn serves (for experiments)")
    parser.add_argument("--databases", type=lambda v: v.lower().split(","), default=["sqlite", "postgresql"],
                        help="comma-separated: sqlite,postgresql")
    parser.add_argument("--profile", metavar="PREFIX",
                        help="record the server with py-spy (idle included) during each measured run into PREFIX-<db>.svg")
    parser.add_argument("--profile-format", choices=("svg", "json", "txt"), default="svg",
                        help="flame graph, speedscope JSON, or collapsed stacks (txt)")
    args = parser.parse_args()

    results = [bench_database("SQLite", None, args)] if "sqlite" in args.databases else []
    if args.postgres and "postgresql" in args.databases:
        name = f"kuaiban_bench_{os.getpid()}"
        base_url = args.postgres.rsplit("/", 1)[0]
        try:
            asyncio.run(_admin(f"CREATE DATABASE {name}", args.postgres))
        except Exception as exc:  # noqa: BLE001 - reported, SQLite results still printed
            print(f"\nPostgreSQL skipped: cannot create a database at {args.postgres} ({exc})")
        else:
            try:
                results.append(bench_database("PostgreSQL", f"{base_url}/{name}", args))
            finally:
                asyncio.run(_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", args.postgres))

    client_name = ("pre-encoded requests on plain sockets" if args.client == "raw" else "an httpx.AsyncClient")
    print(f"\nCase submissions: uvicorn with {args.workers} worker process(es) per database; load from one process "
          f"sending {client_name} (the healthz baseline uses httpx), "
          f"{args.concurrency} applicants at a time, {args.count} measured submissions each "
          f"(after {min(args.count, 2 * args.concurrency)} warm-up).")
    print(f"One submission = 2 upload POSTs (one {args.upload_bytes // 1024} KB PNG each, multipart) + 1 submit POST "
          f"for '{args.matter}', timed together; redirects not followed.")
    print(f"{'database':<11} {'subm/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'req/s':>6} "
          f"{'server CPU':>11} {'client CPU':>11} {'PG CPU':>7} {'other CPU':>10} {'healthz req/s':>14} {'healthz p99':>12} {'RSS MB':>7}")
    for r in results:
        run, health = r["run"], r["health"]
        print(f"{r['label']:<11} {run.rate:>7.0f} {percentile(run.latencies_ms, 0.5):>7.1f} "
              f"{percentile(run.latencies_ms, 0.99):>7.1f} {max(run.latencies_ms):>7.1f} {3 * run.rate:>6.0f} "
              f"{run.server_cpu / run.seconds:>10.0%} {run.client_cpu / run.seconds:>10.0%} "
              f"{run.postgres_cpu / run.seconds:>6.0%} {run.other_cpu / run.seconds:>9.0%} "
              f"{health.rate:>14.0f} {percentile(health.latencies_ms, 0.99):>10.1f}ms {r['memory']:>7.0f}")
    print("CPU is the share of one core during the measured run (this machine has "
          f"{os.cpu_count()} cores; the Python client competes with the server for them; 'PG' is the PostgreSQL "
          "processes, 'other' every other process on the machine: the machines are shared). "
          "'healthz req/s' is GET /healthz (one SELECT 1) with the same client and concurrency: the most this client "
          "can measure, to compare with the 'req/s' of the submissions.")
    if not results or results[0]["label"] != "SQLite":
        return
    sqlite = results[0]["run"]
    p99 = percentile(sqlite.latencies_ms, 0.99)
    met = sqlite.rate >= GOAL_RATE and p99 <= GOAL_P99_MS
    print(f"Goal on SQLite (>= {GOAL_RATE} submissions/s, p99 <= {GOAL_P99_MS} ms): "
          f"{'met' if met else 'NOT met'} ({sqlite.rate:.0f}/s, p99 {p99:.1f} ms).")


if __name__ == "__main__":
    main()
