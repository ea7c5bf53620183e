"""Catalog benchmark on a 110,000-entry catalog: `make bench` (or `python -m tests.bench.catalog_bench`).

Prints: catalog build time; in-process search latency p50/p99 per query kind (the ranked index
read alone, and the whole search a page runs, counts included); HTTP requests/s for the catalog
pages against a bare route rendering 20 items without the database, one uvicorn process, loaded by
wrk in the same run, rounds interleaved; and the web process's resident memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

QUERIES = {
    "1 char": ["证", "办", "许", "卡"],
    "2 chars": ["执照", "社保", "许可", "登记"],
    "4 chars": ["营业执照", "食品经营", "道路运输", "住房公积"],
    "initials": ["yyzz", "spjy", "kbqy", "gjjtq"],
    "full pinyin": ["kaiban", "yingyezhizhao", "shebao", "xuke"],
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def build_and_search(size: int, repeats: int) -> list[tuple]:
    from app.catalog import search as search_module
    from app.cli import seed_demo
    from app.runtime import Runtime
    from app.settings import load_settings

    started = time.perf_counter()
    message = await seed_demo(size, force=True)
    print(f"built: {message} in {time.perf_counter() - started:.1f}s")
    rt = Runtime(load_settings())
    await rt.start(sync=False)
    rows = []
    try:
        for kind, queries in QUERIES.items():
            index_ms, full_ms, hits = [], [], []
            for q in queries:
                words = search_module.query_words(q)
                filters = search_module.Filters(q=q)
                name_from, args = search_module._name_query(rt.engine, words, filters)
                sql = f"SELECT {search_module.ENTRY_FIELDS} {name_from} LIMIT 20"
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    await rt.engine.run_sql(*_compile(sql, args))
                    index_ms.append((time.perf_counter() - t0) * 1000)
                    t0 = time.perf_counter()
                    result = await search_module.search(rt.engine, filters)
                    full_ms.append((time.perf_counter() - t0) * 1000)
                hits.append(result.total)
            rows.append((kind, percentile(index_ms, 0.5), percentile(index_ms, 0.99),
                         percentile(full_ms, 0.5), percentile(full_ms, 0.99), min(hits)))
    finally:
        await rt.stop()
    return rows


def _compile(sql: str, args: list):
    from piccolo.querystring import QueryString

    return QueryString(sql, *args).compile_string(engine_type="sqlite")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url: str, seconds: int, connections: int) -> float:
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url} answered errors:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def http_bench(rounds: int, seconds: int, connections: int, cache_seconds: str) -> tuple[list[tuple], float]:
    port = free_port()
    env = dict(os.environ, KUAIBAN_DEV="1", KUAIBAN_SEARCH_CACHE_SECONDS=cache_seconds)
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--no-access-log", "--log-level", "warning"],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        urls = {
            "bare route (baseline)": "/bench/bare",
            "/": "/",
            "/matters?q=执照": "/matters?q=%E6%89%A7%E7%85%A7",
            "/matters/{key}": "/matters/business-licence-change",
        }
        for path in urls.values():  # warm up caches and templates
            urllib.request.urlopen(base + path, timeout=5).read()
        results: dict[str, list[float]] = {name: [] for name in urls}
        for _ in range(rounds):
            for name, path in urls.items():
                results[name].append(wrk(base + path, seconds, connections))
        memory = rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    bare = statistics.median(results["bare route (baseline)"])
    rows = [(name, statistics.median(v), statistics.median(v) / bare) for name, v in results.items()]
    return rows, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=110_000)
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed for the HTTP part: apt-get install wrk (make bench does it)")
    data_dir = tempfile.mkdtemp(prefix="kuaiban-bench-")
    os.environ.update(KUAIBAN_DATA_DIR=data_dir, KUAIBAN_SECRET_KEY="bench")
    os.environ.pop("KUAIBAN_DATABASE_URL", None)
    try:
        search_rows = asyncio.run(build_and_search(args.size, args.repeats))
        print(f"\nIn-process search over {args.size:,} entries ({args.repeats} runs per query, ms)")
        print(f"{'query kind':<12} {'index p50':>10} {'index p99':>10} {'page p50':>10} {'page p99':>10} {'min hits':>9}")
        for kind, i50, i99, f50, f99, hits in search_rows:
            print(f"{kind:<12} {i50:>10.3f} {i99:>10.3f} {f50:>10.3f} {f99:>10.3f} {hits:>9}")
        for label, cache in (("search cache on (default, 60 s)", "60"), ("search cache off", "0")):
            http_rows, memory = http_bench(args.rounds, args.seconds, args.connections, cache)
            print(f"\nHTTP, {label}: one uvicorn process, wrk -t1 -c{args.connections}, "
                  f"median of {args.rounds} rounds of {args.seconds}s")
            print(f"{'route':<24} {'req/s':>9} {'vs bare':>8}")
            for name, rps, ratio in http_rows:
                print(f"{name:<24} {rps:>9.0f} {ratio:>7.0%}")
            print(f"web process resident memory after the run: {memory:.0f} MB")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
