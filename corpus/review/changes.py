"""The change model of the review: one correction to an aligned document, its inverse, its JSON.

A change is stored as "replace beads[start:start+len(before)] by after, and apply these text
edits", so undo is the same replacement reversed and the history stays small on long documents.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from corpus.beads import STATUSES, Bead
from corpus.document import AlignedDocument
from corpus.errors import BitextError

SIDES = ("src", "tgt")


class ReviewError(BitextError):
    """A review operation the alignment does not allow (e.g. merging past the last bead)."""


@dataclass(frozen=True)
class Edit:
    """A sentence's text changed from ``before`` to ``after``."""

    side: str
    sid: int
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """Replace ``beads[start:start + len(before)]`` by ``after`` and apply ``edits``."""

    op: str
    start: int
    before: tuple[Bead, ...]
    after: tuple[Bead, ...]
    edits: tuple[Edit, ...] = ()

    def inverse(self) -> Change:
        return Change(
            self.op,
            self.start,
            self.after,
            self.before,
            tuple(Edit(e.side, e.sid, e.after, e.before) for e in reversed(self.edits)),
        )

    def apply(self, doc: AlignedDocument) -> AlignedDocument:
        """``doc`` with this change made; ``ReviewError`` if it does not fit ``doc``."""
        beads = doc.beads
        end = self.start + len(self.before)
        if beads[self.start : end] != self.before or end > len(beads):
            raise ReviewError("the undo history does not match the alignment any more")
        sides = {"src": list(doc.src.sentences), "tgt": list(doc.tgt.sentences)}
        for edit in self.edits:
            texts = sides[edit.side]
            if not 0 <= edit.sid < len(texts) or texts[edit.sid] != edit.before:
                raise ReviewError("the undo history does not match the sentences any more")
            texts[edit.sid] = edit.after
        try:
            return dataclasses.replace(
                doc,
                beads=beads[: self.start] + self.after + beads[end:],
                src=doc.src
                if not any(e.side == "src" for e in self.edits)
                else dataclasses.replace(doc.src, sentences=tuple(sides["src"])),
                tgt=doc.tgt
                if not any(e.side == "tgt" for e in self.edits)
                else dataclasses.replace(doc.tgt, sentences=tuple(sides["tgt"])),
            )
        except ValueError as exc:  # the partition check of AlignedDocument
            raise ReviewError(f"{self.op} would break the alignment: {exc}") from None

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "start": self.start,
            "before": [_bead_to_list(b) for b in self.before],
            "after": [_bead_to_list(b) for b in self.after],
            "edits": [[e.side, e.sid, e.before, e.after] for e in self.edits],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Change:
        edits = []
        for side, sid, before, after in data.get("edits", ()):
            if side not in SIDES or not isinstance(sid, int):
                raise ValueError("bad edit")
            edits.append(Edit(side, sid, str(before), str(after)))
        return cls(
            op=str(data["op"]),
            start=int(data["start"]),
            before=tuple(_bead_from_list(b) for b in data["before"]),
            after=tuple(_bead_from_list(b) for b in data["after"]),
            edits=tuple(edits),
        )


def _bead_to_list(bead: Bead) -> list[Any]:
    return [list(bead.src), list(bead.tgt), bead.score, bead.status]


def _bead_from_list(data: Sequence[Any]) -> Bead:
    src, tgt, score, status = data
    if status not in STATUSES:
        raise ValueError(f"bad status {status!r}")
    return Bead(tuple(int(i) for i in src), tuple(int(i) for i in tgt), float(score), status)
