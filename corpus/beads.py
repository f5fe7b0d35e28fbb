"""Beads — the unit of a sentence alignment — and the ``[src ids]:[tgt ids]`` file format.

One bead a line, 0-based sentence ids, e.g. ``[0,1]:[0]``; ``[]`` on one side marks a
sentence with no counterpart (a deletion). This is the format of vecalign, Bertalign and
the MAC/Bible gold sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError

STATUSES = ("auto", "confirmed", "rejected")

_BEAD_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def bead_kind(n_src: int, n_tgt: int) -> str:
    """The bead type as the literature writes it, e.g. "1-2"; "1-0" is a deletion."""
    return f"{n_src}-{n_tgt}"


@dataclass(frozen=True)
class Bead:
    """Consecutive source sentences aligned to consecutive target sentences.

    ``score`` is a confidence in [0, 1] (higher = more likely correct); ``status`` records a
    reviewer's verdict: "auto" until a person confirms or rejects the bead.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0
    status: str = "auto"

    @property
    def kind(self) -> str:
        return bead_kind(len(self.src), len(self.tgt))

    @property
    def is_deletion(self) -> bool:
        return not self.src or not self.tgt

    def to_line(self) -> str:
        return f"[{','.join(map(str, self.src))}]:[{','.join(map(str, self.tgt))}]"


def parse_bead_line(line: str, where: str = "") -> Bead:
    match = _BEAD_LINE.match(line)
    if not match:
        raise InputError(f"{where}not a bead line (expected like [0,1]:[2]): {line.strip()!r}")
    src, tgt = (tuple(int(x) for x in part.split(",") if x.strip()) for part in match.groups())
    return Bead(src, tgt)


def read_align_file(path: str | Path) -> list[Bead]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read alignment file {path}: {exc.strerror or exc}") from None
    return [
        parse_bead_line(line, f"{path}:{number}: ")
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip()
    ]


def format_align(beads: Iterable[Bead]) -> str:
    return "".join(bead.to_line() + "\n" for bead in beads)


def check_partition(beads: Sequence[Bead], n_src: int, n_tgt: int) -> None:
    """Raise ValueError unless every sentence of each side is in exactly one bead, in order."""
    for side, count in (("src", n_src), ("tgt", n_tgt)):
        ids = [i for bead in beads for i in getattr(bead, side)]
        if ids != list(range(count)):
            raise ValueError(f"{side} ids of the beads are not 0..{count - 1} once each, in order")
    if any(not bead.src and not bead.tgt for bead in beads):
        raise ValueError("a bead is empty on both sides")
