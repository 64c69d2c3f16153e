"""Logging that never blocks the server: lines a full pipe cannot take are dropped and counted.

``python -m zoho_crm.testing`` is often started with its stderr on a pipe nobody reads. A plain
``StreamHandler`` would then block the event loop in ``write`` once the pipe is full (64 KiB), and
the sandbox would stop answering. :class:`DroppingHandler` writes to a non-blocking descriptor
instead: a line that does not fit is dropped, and :attr:`DroppingHandler.dropped` counts it.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from typing import TextIO

__all__ = ["DroppingHandler", "nonblocking_logging"]


class DroppingHandler(logging.Handler):
    """Writes formatted records to ``fd`` without ever waiting; counts the lines it had to drop."""

    def __init__(self, fd: int, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.fd = fd
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = (self.format(record) + "\n").encode("utf-8", "replace")
            written = os.write(self.fd, line)
        except Exception:  # a full pipe (BlockingIOError) or anything else: a log line never stops the server
            self.dropped += 1
        else:
            if written < len(line):
                self.dropped += 1  # cut short by a full pipe


@contextlib.contextmanager
def nonblocking_logging(stream: TextIO) -> Iterator[DroppingHandler | None]:
    """Route the root logger (uvicorn's messages included) to ``stream`` without blocking, then restore it.

    Yields ``None`` (and changes nothing) when ``stream`` has no file descriptor (a captured stream).
    """
    try:
        stream.flush()
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError and a ValueError
        yield None
        return
    was_blocking = os.get_blocking(fd)
    os.set_blocking(fd, False)
    handler = DroppingHandler(fd)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    previous = (root.handlers[:], root.level)
    root.handlers = [handler]
    root.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        root.handlers, level = previous
        root.setLevel(level)
        os.set_blocking(fd, was_blocking)
