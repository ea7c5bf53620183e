"""What one process holds while it runs: settings, engine, plugins, services, renderer."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from piccolo.engine.base import Engine

from app.catalog.reference import sync_reference
from app.clock import Clock
from app.catalog.service import CatalogService
from app.catalog.sync import SyncReport, sync_catalog
from app.db import engine as db
from app.db import tables
from app.db.migrations import migrate
from app.settings import Settings
from app.web.render import Renderer
from plugins import manager

log = logging.getLogger("kuaiban")


@dataclass
class Runtime:
    settings: Settings
    host: manager.PluginHost = field(default=None)  # type: ignore[assignment]
    engine: Engine = field(default=None)  # type: ignore[assignment]
    catalog: CatalogService = field(default=None)  # type: ignore[assignment]
    renderer: Renderer = field(default=None)  # type: ignore[assignment]
    last_sync: SyncReport | None = None
    queue: object | None = None  # arq pool when Redis is configured
    clock: Clock = field(default=None)  # type: ignore[assignment]

    def load_plugins(self) -> None:
        if self.host is None:
            self.host = manager.load()
        for info in self.host.quarantined:
            for problem in info.problems:
                log.error("plugin %s quarantined: %s", info.name, problem.describe())
        self.renderer = Renderer(self.settings.templates_dir, self.host.pm)
        self.clock = Clock(self.host.pm.hook.working_calendar())

    async def start(self, *, sync: bool = True) -> None:
        """Connect, migrate and sync the catalog (skipped when nothing changed)."""
        self.load_plugins()
        self.engine = db.create_engine(self.settings.database_url)
        tables.bind(self.engine)
        await db.start(self.engine)
        await migrate(self.engine)
        self.catalog = CatalogService(self.engine, self.settings.search_cache_seconds)
        if sync:
            await self.sync()
        await self._connect_queue()

    async def _connect_queue(self) -> None:
        if not self.settings.redis_url:
            return
        from arq import create_pool
        from arq.connections import RedisSettings

        try:
            self.queue = await create_pool(RedisSettings.from_dsn(self.settings.redis_url), retry_jobs=False)
        except Exception as exc:  # the outbox keeps the work; the worker's cron sends it later
            log.error("cannot reach Redis at start-up (%s); jobs wait in the outbox", exc)

    async def sync(self, *, force: bool = False, generated: list | None = None) -> SyncReport:
        """Reference data and catalog; `generated` replaces the generated demo matters if given."""
        await sync_reference(self.engine)
        report = await sync_catalog(
            self.engine, self.host.matters, self.host.matter_plugin, generated=generated, force=force
        )
        self.catalog.forget()
        if not report.skipped:
            await self.catalog.compute_figures()
        self.last_sync = report
        return report

    async def stop(self) -> None:
        if self.queue is not None:
            await self.queue.aclose()
            self.queue = None
        if self.engine is not None:
            await db.stop(self.engine)
