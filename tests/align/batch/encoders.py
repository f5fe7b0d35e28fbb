"""Encoders for the engine tests: one that records its loads (the lexical encoder with a
pretend model, loaded on its first document as a neural model is, each load written down
with the process id), and one whose process dies on a document it is told of."""

from __future__ import annotations

import os
from pathlib import Path

from align.encoders.lexical import LexicalEncoder


class CountingEncoder(LexicalEncoder):
    def __init__(self, log: Path):
        self.log = str(log)
        self.loaded = False

    def features(self, src, tgt):
        if not self.loaded:
            with open(self.log, "a", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n")
            self.loaded = True
        return super().features(src, tgt)


def loads(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.is_file() else []


class CrashingEncoder(LexicalEncoder):
    """Kills its process (as the out-of-memory killer would) on a document read from a file
    named ``fatal``."""

    def __init__(self, fatal: str):
        self.fatal = fatal

    def features(self, src, tgt):
        if self.fatal in (src.source, tgt.source):
            os._exit(137)
        return super().features(src, tgt)
