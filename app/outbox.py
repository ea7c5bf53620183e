"""The outbox: side effects written in the same transaction as the change that causes them.

An arq job sends each row (`_job_id` = `outbox-<id>`, so it is queued once); the worker's cron
re-queues rows still pending, and sending a row twice does nothing the second time.
"""

from __future__ import annotations

import datetime
import logging

from piccolo.engine.base import Engine

from app.db.engine import fetch

log = logging.getLogger("kuaiban.outbox")


async def queue_sms(engine: Engine, phone: str, text: str) -> int:
    rows = await fetch(
        engine,
        "INSERT INTO outbox (kind, recipient, body, created_at, sent_at, attempts, result) "
        "VALUES ('sms', {}, {}, {}, NULL, 0, NULL) RETURNING id",
        phone, text, datetime.datetime.now(datetime.UTC),
    )
    return rows[0]["id"]


async def pending(engine: Engine, limit: int = 100) -> list[int]:
    rows = await fetch(engine, "SELECT id FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT {}", limit)
    return [r["id"] for r in rows]


async def enqueue(queue, outbox_ids: list[int]) -> None:
    """Queue send jobs; without a queue (no Redis) the worker's cron picks the rows up later."""
    if queue is None:
        return
    for outbox_id in outbox_ids:
        await queue.enqueue_job("send_outbox", outbox_id, _job_id=f"outbox-{outbox_id}")


async def send(engine: Engine, pm, outbox_id: int) -> str:
    """Send one row through the first SMS sender plugin; a row already sent is left alone."""
    rows = await fetch(engine, "SELECT kind, recipient, body, sent_at FROM outbox WHERE id = {}", outbox_id)
    if not rows:
        return "missing"
    row = rows[0]
    if row["sent_at"] is not None:
        return "already sent"
    if row["kind"] != "sms":
        return f"no sender for {row['kind']}"
    senders = [s for group in pm.hook.register_sms_senders() for s in group]
    message_id = await senders[0].send(row["recipient"], row["body"])
    await fetch(
        engine,
        "UPDATE outbox SET sent_at = {}, attempts = attempts + 1, result = {} WHERE id = {} AND sent_at IS NULL",
        datetime.datetime.now(datetime.UTC), message_id, outbox_id,
    )
    return message_id
