"""The progress of a run: documents, sentences, failures and the time left."""

from __future__ import annotations

import io
import logging

from align.batch.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_off_a_terminal_progress_is_a_log_line_with_the_time_left(caplog):
    clock = Clock()
    bar = Progress(10, done=4, stream=io.StringIO(), clock=clock)
    assert bar.line(clock.now) == "4/10 documents, 0 sentences (0/s), 0 failed"
    with caplog.at_level(logging.INFO, logger="bitext"):
        clock.now = 130.0
        bar.update(300, failed=False)  # 30 s for one document, 5 to go
        clock.now = 135.0
        bar.update(100, failed=False)  # less than 10 s since the last line: no line
        clock.now = 150.0
        bar.update(200, failed=True)
    assert caplog.messages == [
        "5/10 documents, 300 sentences (10/s), 0 failed, about 2 min 30 s left",
        "7/10 documents, 600 sentences (12/s), 1 failed, about 50 s left",
    ]


def test_a_disabled_progress_says_nothing(caplog):
    bar = Progress(3, enabled=False, stream=io.StringIO())
    with caplog.at_level(logging.INFO, logger="bitext"):
        bar.update(10, failed=False)
    assert caplog.messages == [] and bar.done == 1
