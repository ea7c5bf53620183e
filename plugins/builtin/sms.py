"""The default SMS sender: writes the message to the log (and, in development, to /dev/sms)."""

from __future__ import annotations

import itertools
import logging

from plugins.hookspecs import hookimpl

log = logging.getLogger("kuaiban.sms")


class LogSmsSender:
    name = "log"

    def __init__(self) -> None:
        self._ids = itertools.count(1)
        self.sent: list[tuple[str, str]] = []

    async def send(self, phone: str, text: str) -> str:
        log.info("SMS to %s: %s", phone, text)
        self.sent.append((phone, text))
        return f"log-{next(self._ids)}"


@hookimpl(trylast=True)
def register_sms_senders():
    return [LogSmsSender()]
