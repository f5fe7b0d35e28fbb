"""``ReviewSession``: a translator's corrections to one OUT_DIR, with undo/redo (no web here).

Every operation takes bead indexes (0-based positions in ``doc.beads``), builds a
``changes.Change``, makes it (the new ``AlignedDocument`` checks that each sentence is in
exactly one bead, in order), saves at once through ``store`` and returns a ``ReviewState``.
Impossible operations raise ``ReviewError`` and change nothing.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.beads import STATUSES, Bead
from corpus.document import AlignedDocument, Side
from corpus.errors import UnknownChoiceError
from corpus.outdir import read_outdir
from corpus.review.changes import SIDES, Change, Edit, ReviewError
from corpus.review.exports import export_outdir
from corpus.review.store import History, append_log, load_history, save_review

MAX_HISTORY = 2000  # undo steps kept; older ones are dropped (the log keeps everything)


@dataclass(frozen=True)
class ReviewState:
    """What the page needs after an operation: the document and the change that was applied."""

    doc: AlignedDocument
    change: Change | None  # None when the call changed nothing
    revision: int  # +1 per applied change in this session
    can_undo: bool
    can_redo: bool
    reviewed: int  # beads confirmed or rejected
    total: int


class ReviewSession:
    """The review state of one OUT_DIR: the aligned document plus undo/redo stacks.

    Methods are safe to call from several threads (one lock); each saves before returning.
    """

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self._lock = threading.RLock()
        self._doc = read_outdir(self.out_dir)
        history = load_history(self.out_dir, self._doc)
        self._undo: list[Change] = list(history.undo)
        self._redo: list[Change] = list(history.redo)
        self._originals = {side: dict(history.originals[side]) for side in SIDES}
        self._revision = 0

    # ----------------------------------------------------------------------------- reading

    @property
    def doc(self) -> AlignedDocument:
        return self._doc

    @property
    def revision(self) -> int:
        return self._revision

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def originals(self) -> dict[str, dict[int, str]]:
        """side -> sentence id -> the text before its first edit (for every edited sentence)."""
        with self._lock:
            return {side: dict(texts) for side, texts in self._originals.items()}

    def edited(self) -> dict[str, dict[int, str]]:
        """Like ``originals`` but only sentences whose current text differs from the original."""
        with self._lock:
            out: dict[str, dict[int, str]] = {}
            for side in SIDES:
                sentences = self._side(side).sentences
                out[side] = {
                    sid: text
                    for sid, text in self._originals[side].items()
                    if sid < len(sentences) and sentences[sid] != text
                }
            return out

    def state(self, change: Change | None = None) -> ReviewState:
        with self._lock:
            beads = self._doc.beads
            return ReviewState(
                doc=self._doc,
                change=change,
                revision=self._revision,
                can_undo=bool(self._undo),
                can_redo=bool(self._redo),
                reviewed=sum(b.status != "auto" for b in beads),
                total=len(beads),
            )

    # -------------------------------------------------------------------------- operations

    def merge_next(self, index: int) -> ReviewState:
        """Merge bead ``index`` with the one after it (score: the lower one; status: auto)."""
        with self._lock:
            self._check_index(index)
            if index + 1 >= len(self._doc.beads):
                raise ReviewError(f"bead {index} is the last one: there is no next bead to merge")
            return self._merge(index, "merge_next", {"index": index})

    def merge_prev(self, index: int) -> ReviewState:
        """Merge bead ``index`` with the one before it."""
        with self._lock:
            self._check_index(index)
            if index == 0:
                raise ReviewError("bead 0 is the first one: there is no previous bead to merge")
            return self._merge(index - 1, "merge_prev", {"index": index})

    def split(self, index: int, src_at: int, tgt_at: int) -> ReviewState:
        """Split bead ``index`` in two: the first keeps ``src[:src_at]`` and ``tgt[:tgt_at]``."""
        with self._lock:
            bead = self._bead(index)
            for name, at, ids in (("src_at", src_at, bead.src), ("tgt_at", tgt_at, bead.tgt)):
                if not isinstance(at, int) or isinstance(at, bool) or not 0 <= at <= len(ids):
                    raise ReviewError(f"{name} must be between 0 and {len(ids)} for bead {index}")
            first = Bead(bead.src[:src_at], bead.tgt[:tgt_at], bead.score, "auto")
            second = Bead(bead.src[src_at:], bead.tgt[tgt_at:], bead.score, "auto")
            if not (first.src or first.tgt) or not (second.src or second.tgt):
                raise ReviewError(
                    f"splitting bead {index} at src {src_at}, tgt {tgt_at} leaves an empty bead"
                )
            change = Change("split", index, (bead,), (first, second))
            return self._apply(change, {"index": index, "src_at": src_at, "tgt_at": tgt_at})

    def move_up(self, index: int, side: str) -> ReviewState:
        """Move the first sentence of ``side`` of bead ``index`` to the end of the bead before."""
        with self._lock:
            bead = self._bead(index)
            self._check_side(side)
            ids = getattr(bead, side)
            if index == 0:
                raise ReviewError("bead 0 is the first one: no previous bead to move a sentence to")
            if not ids:
                raise ReviewError(f"bead {index} has no {self._lang(side)} sentence to move")
            prev = self._doc.beads[index - 1]
            new_prev = _with_side(prev, side, getattr(prev, side) + ids[:1])
            rest = _with_side(bead, side, ids[1:])
            after = (new_prev, rest) if rest.src or rest.tgt else (new_prev,)
            change = Change("move_up", index - 1, (prev, bead), after)
            return self._apply(change, {"index": index, "side": side})

    def move_down(self, index: int, side: str) -> ReviewState:
        """Move the last sentence of ``side`` of bead ``index`` to the start of the bead after."""
        with self._lock:
            bead = self._bead(index)
            self._check_side(side)
            ids = getattr(bead, side)
            if index + 1 >= len(self._doc.beads):
                raise ReviewError(
                    f"bead {index} is the last one: no next bead to move a sentence to"
                )
            if not ids:
                raise ReviewError(f"bead {index} has no {self._lang(side)} sentence to move")
            nxt = self._doc.beads[index + 1]
            rest = _with_side(bead, side, ids[:-1])
            new_next = _with_side(nxt, side, ids[-1:] + getattr(nxt, side))
            after = (rest, new_next) if rest.src or rest.tgt else (new_next,)
            change = Change("move_down", index, (bead, nxt), after)
            return self._apply(change, {"index": index, "side": side})

    def confirm(self, index: int) -> ReviewState:
        return self.set_status(index, "confirmed")

    def reject(self, index: int) -> ReviewState:
        return self.set_status(index, "rejected")

    def unmark(self, index: int) -> ReviewState:
        """Take a reviewer's verdict back: the bead is "auto" again."""
        return self.set_status(index, "auto")

    def set_status(self, index: int, status: str) -> ReviewState:
        with self._lock:
            bead = self._bead(index)
            if status not in STATUSES:
                raise UnknownChoiceError("status", str(status), STATUSES)
            if bead.status == status:
                return self.state()
            new = dataclasses.replace(bead, status=status)
            return self._apply(
                Change("set_status", index, (bead,), (new,)), {"index": index, "status": status}
            )

    def edit_text(self, side: str, sid: int, text: str) -> ReviewState:
        """Replace the text of sentence ``sid`` of ``side``; the original is kept."""
        with self._lock:
            self._check_side(side)
            sentences = self._side(side).sentences
            if not isinstance(sid, int) or isinstance(sid, bool) or not 0 <= sid < len(sentences):
                raise ReviewError(
                    f"no {self._lang(side)} sentence {sid}: ids go from 0 to {len(sentences) - 1}"
                )
            if not isinstance(text, str):
                raise ReviewError("the new text must be a string")
            if "\n" in text or "\r" in text:
                raise ReviewError("a sentence may not contain a line break")
            text = text.strip()
            if not text:
                raise ReviewError("a sentence may not be empty (reject the bead instead)")
            if text == sentences[sid]:
                return self.state()
            index = self._bead_of(side, sid)
            change = Change("edit_text", index, (), (), (Edit(side, sid, sentences[sid], text),))
            return self._apply(change, {"side": side, "sid": sid, "text": text})

    def undo(self) -> ReviewState:
        with self._lock:
            if not self._undo:
                raise ReviewError("nothing to undo")
            change = self._undo[-1]
            return self._apply(change.inverse(), {"of": change.op}, kind="undo")

    def redo(self) -> ReviewState:
        with self._lock:
            if not self._redo:
                raise ReviewError("nothing to redo")
            change = self._redo[-1]
            return self._apply(change, {"of": change.op}, kind="redo")

    # ------------------------------------------------------------------------------ export

    def export(self, fmt: str, confirmed_only: bool = False) -> list[Path]:
        """Export the current alignment into OUT_DIR/exports/; returns the paths written."""
        with self._lock:
            return export_outdir(self.out_dir, fmt, confirmed_only=confirmed_only)

    # ----------------------------------------------------------------------------- helpers

    def _side(self, side: str) -> Side:
        return self._doc.src if side == "src" else self._doc.tgt

    def _lang(self, side: str) -> str:
        return self._side(side).lang or side

    def _check_side(self, side: str) -> None:
        if side not in SIDES:
            raise UnknownChoiceError("side", str(side), SIDES)

    def _check_index(self, index: int) -> None:
        count = len(self._doc.beads)
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
            raise ReviewError(f"no bead {index}: bead indexes go from 0 to {count - 1}")

    def _bead(self, index: int) -> Bead:
        self._check_index(index)
        return self._doc.beads[index]

    def _bead_of(self, side: str, sid: int) -> int:
        """Index of the bead holding sentence ``sid`` of ``side``, a valid sentence id."""
        # Never runs out: the document's partition check puts every sentence in one bead.
        return next(i for i, bead in enumerate(self._doc.beads) if sid in getattr(bead, side))

    def _merge(self, first: int, op: str, args: dict[str, Any]) -> ReviewState:
        a, b = self._doc.beads[first], self._doc.beads[first + 1]
        merged = Bead(a.src + b.src, a.tgt + b.tgt, min(a.score, b.score), "auto")
        return self._apply(Change(op, first, (a, b), (merged,)), args)

    def _apply(self, change: Change, args: dict[str, Any], kind: str = "") -> ReviewState:
        """Apply ``change``, check the invariant, update the history, save, log.

        ``kind`` is "" for a new operation, "undo" or "redo" (then the change on top of one
        stack moves to the other).
        """
        new_doc = change.apply(self._doc)
        for edit in change.edits:
            self._originals[edit.side].setdefault(edit.sid, edit.before)
        self._doc = new_doc
        self._revision += 1
        if kind == "undo":
            self._redo.append(self._undo.pop())
        elif kind == "redo":
            self._undo.append(self._redo.pop())
        else:
            self._undo.append(change)
            del self._undo[:-MAX_HISTORY]
            self._redo.clear()
        history = History(tuple(self._undo), tuple(self._redo), self._originals)
        save_review(self.out_dir, self._doc, history)
        append_log(self.out_dir, kind or change.op, args, change)
        return self.state(change)


def _with_side(bead: Bead, side: str, ids: tuple[int, ...]) -> Bead:
    return dataclasses.replace(bead, status="auto", **{side: ids})
