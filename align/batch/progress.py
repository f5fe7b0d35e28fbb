"""The progress of a batch: documents and sentences done, failures and the time left.

A tqdm bar on a terminal; elsewhere (a log file, CI) one log line every ``LOG_EVERY`` seconds.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from typing import IO, Any

logger = logging.getLogger("bitext")

LOG_EVERY = 10.0  # seconds between log lines when the output is not a terminal


class Progress:
    """Counts of a run as its documents finish; ``total`` counts those already done too."""

    def __init__(self, total: int, done: int = 0, *, enabled: bool = True,
                 stream: IO[str] | None = None, clock: Callable[[], float] = time.monotonic):
        self.total, self.done, self.start_done = total, done, done
        self.sentences = self.failed = 0
        self.clock = clock
        self.started = self.logged = clock()
        self.stream = stream or sys.stderr
        self.bar: Any = None
        self.enabled = enabled
        if enabled and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=done, unit="doc", file=self.stream,
                            dynamic_ncols=True, smoothing=0.1)

    def update(self, sentences: int, failed: bool) -> None:
        self.done += 1
        self.sentences += sentences
        self.failed += failed
        now = self.clock()
        if self.bar is not None:
            self.bar.set_postfix_str(self._counts(now), refresh=False)
            self.bar.update(1)
        elif self.enabled and now - self.logged >= LOG_EVERY:
            self.logged = now
            logger.info("%s", self.line(now))

    def _counts(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        return (f"{self.sentences:,} sentences ({self.sentences / elapsed:,.0f}/s), "
                f"{self.failed} failed")

    def line(self, now: float) -> str:
        """Documents, sentences, failures and, after the first document, the time left at
        the rate of this run so far."""
        finished = self.done - self.start_done
        left = "" if not finished else (
            f", about {_duration((now - self.started) / finished * (self.total - self.done))}"
            " left")
        return f"{self.done}/{self.total} documents, {self._counts(now)}{left}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
