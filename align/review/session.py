"""``ReviewSession``: a translator's corrections to one OUT_DIR, with undo/redo (no web here).

Every operation takes bead indexes (0-based positions in ``doc.beads``), builds a new
``AlignedDocument`` (whose constructor checks that each sentence is in exactly one bead, in
order), saves it at once and returns a ``ReviewState``. Impossible operations raise
``ReviewError`` and change nothing.

Files written in OUT_DIR, all but the log atomically (``corpus.atomic``):

- ``alignment.align``, ``pairs.jsonl``, ``src.sents``, ``tgt.sents``, ``meta.json`` — through
  ``corpus.outdir.write_outdir``; keys of an existing ``meta.json`` that ``write_outdir`` does
  not write are kept.
- ``review.log.jsonl`` — append-only, one JSON object per applied operation (undo/redo
  included): time, op, args, the index of the first bead touched, the beads before and after
  (ids as ``[i]:[j]``, score, status) and text edits with the old and new text.
- ``review.state.json`` — the undo and redo stacks and the original text of every sentence
  ever edited. The stacks are only trusted while the state's fingerprint (bead ids, statuses
  and sentences) matches the OUT_DIR; if the OUT_DIR was changed by something else they are
  dropped, the original texts are always kept.

A change is stored as "replace beads[start:start+len(before)] by after, and apply these text
edits", so undo is the same replacement reversed and the history stays small on long documents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_write_text
from corpus.beads import STATUSES, Bead
from corpus.document import AlignedDocument, Side
from corpus.errors import BitextError, UnknownChoiceError
from corpus.outdir import META, read_outdir, write_outdir

log = logging.getLogger(__name__)

STATE_FILE = "review.state.json"
LOG_FILE = "review.log.jsonl"
EXPORTS_DIR = "exports"
SIDES = ("src", "tgt")
STATE_FORMAT = 1
MAX_HISTORY = 2000  # undo steps kept; older ones are dropped (the log keeps everything)


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


def _bead_to_list(bead: Bead) -> list[Any]:
    return [list(bead.src), list(bead.tgt), bead.score, bead.status]


def _bead_from_list(data: Sequence[Any]) -> Bead:
    src, tgt, score, status = data
    if status not in STATUSES:
        raise ValueError(f"bad status {status!r}")
    return Bead(tuple(int(i) for i in src), tuple(int(i) for i in tgt), float(score), status)


def _bead_log(bead: Bead) -> dict[str, Any]:
    return {"ids": bead.to_line(), "score": round(bead.score, 4), "status": bead.status}


def fingerprint(doc: AlignedDocument) -> str:
    """A hash of what the review changes: bead ids, statuses and sentences."""
    digest = hashlib.sha256()
    for bead in doc.beads:
        digest.update(f"{bead.to_line()} {bead.status}\n".encode())
    for side in (doc.src, doc.tgt):
        digest.update(b"\x00")
        for sentence in side.sentences:
            digest.update(sentence.encode("utf-8") + b"\n")
    return digest.hexdigest()


def _merge_keep(old: Any, new: Any) -> Any:
    """``new`` with the dict keys only ``old`` has added back (recursively)."""
    if isinstance(old, dict) and isinstance(new, dict):
        merged = dict(new)
        for key, value in old.items():
            merged[key] = _merge_keep(value, new[key]) if key in new else value
        return merged
    return new


class ReviewSession:
    """The review state of one OUT_DIR: the aligned document plus undo/redo stacks.

    Methods are safe to call from several threads (one lock); each saves before returning.
    """

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self._lock = threading.RLock()
        self._doc = read_outdir(self.out_dir)
        meta_path = self.out_dir / META
        self._old_meta: dict[str, Any] = (
            json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        )
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._originals: dict[str, dict[int, str]] = {"src": {}, "tgt": {}}
        self._revision = 0
        self._load_state()

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
            return self._apply(change.inverse(), {"of": change.op}, kind="undo", done=change)

    def redo(self) -> ReviewState:
        with self._lock:
            if not self._redo:
                raise ReviewError("nothing to redo")
            change = self._redo[-1]
            return self._apply(change, {"of": change.op}, kind="redo", done=change)

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
        """Index of the bead holding sentence ``sid`` of ``side``."""
        for index, bead in enumerate(self._doc.beads):
            ids = getattr(bead, side)
            if ids and ids[0] <= sid <= ids[-1]:
                return index
        raise ReviewError(f"sentence {sid} of {side} is in no bead")  # not reachable

    def _merge(self, first: int, op: str, args: dict[str, Any]) -> ReviewState:
        a, b = self._doc.beads[first], self._doc.beads[first + 1]
        merged = Bead(a.src + b.src, a.tgt + b.tgt, min(a.score, b.score), "auto")
        return self._apply(Change(op, first, (a, b), (merged,)), args)

    def _apply(
        self, change: Change, args: dict[str, Any], kind: str = "", done: Change | None = None
    ) -> ReviewState:
        """Apply ``change``, check the invariant, update the history, save, log.

        ``kind`` is "" for a new operation, "undo" or "redo" (then ``done`` is the change moved
        from one stack to the other).
        """
        doc = self._doc
        beads = doc.beads
        end = change.start + len(change.before)
        if beads[change.start : end] != change.before or end > len(beads):
            raise ReviewError("the undo history does not match the alignment any more")
        sides = {"src": list(doc.src.sentences), "tgt": list(doc.tgt.sentences)}
        for edit in change.edits:
            texts = sides[edit.side]
            if not 0 <= edit.sid < len(texts) or texts[edit.sid] != edit.before:
                raise ReviewError("the undo history does not match the sentences any more")
            texts[edit.sid] = edit.after
        try:
            new_doc = dataclasses.replace(
                doc,
                beads=beads[: change.start] + change.after + beads[end:],
                src=doc.src
                if not any(e.side == "src" for e in change.edits)
                else dataclasses.replace(doc.src, sentences=tuple(sides["src"])),
                tgt=doc.tgt
                if not any(e.side == "tgt" for e in change.edits)
                else dataclasses.replace(doc.tgt, sentences=tuple(sides["tgt"])),
            )
        except ValueError as exc:  # the partition check of AlignedDocument
            raise ReviewError(f"{change.op} would break the alignment: {exc}") from None
        for edit in change.edits:
            self._originals[edit.side].setdefault(edit.sid, edit.before)
        self._doc = new_doc
        self._revision += 1
        if kind == "undo" and done is not None:
            self._redo.append(self._undo.pop())
        elif kind == "redo" and done is not None:
            self._undo.append(self._redo.pop())
        else:
            self._undo.append(change)
            del self._undo[:-MAX_HISTORY]
            self._redo.clear()
        self._save_outdir()
        self._save_state()
        self._append_log(kind or change.op, args, change)
        return self.state(change)

    # --------------------------------------------------------------------------- persistence

    def _save_outdir(self) -> None:
        write_outdir(self.out_dir, self._doc)
        meta_path = self.out_dir / META
        if self._old_meta:
            new = json.loads(meta_path.read_text(encoding="utf-8"))
            merged = _merge_keep(self._old_meta, new)
            if merged != new:
                atomic_write_text(
                    meta_path, json.dumps(merged, ensure_ascii=False, indent=2) + "\n"
                )

    def _save_state(self) -> None:
        state = {
            "format": STATE_FORMAT,
            "fingerprint": fingerprint(self._doc),
            "undo": [c.to_dict() for c in self._undo],
            "redo": [c.to_dict() for c in self._redo],
            "originals": {
                side: {str(sid): text for sid, text in sorted(texts.items())}
                for side, texts in self._originals.items()
            },
        }
        atomic_write_text(self.out_dir / STATE_FILE, json.dumps(state, ensure_ascii=False) + "\n")

    def _load_state(self) -> None:
        path = self.out_dir / STATE_FILE
        if not path.is_file():
            return
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
            originals = {
                side: {
                    int(sid): str(text) for sid, text in state["originals"].get(side, {}).items()
                }
                for side in SIDES
            }
        except (ValueError, KeyError, TypeError, AttributeError):
            raise ReviewError(
                f"{path} is damaged; move it away to start a fresh undo history "
                f"(the original texts of edited sentences are also in {LOG_FILE})"
            ) from None
        self._originals = originals
        if state.get("fingerprint") != fingerprint(self._doc):
            log.warning(
                "%s changed since the last review: the undo history is dropped", self.out_dir
            )
            return
        try:
            self._undo = [Change.from_dict(c) for c in state.get("undo", ())]
            self._redo = [Change.from_dict(c) for c in state.get("redo", ())]
        except (ValueError, KeyError, TypeError):
            log.warning("%s: unreadable undo history dropped", path)
            self._undo, self._redo = [], []

    def _append_log(self, op: str, args: dict[str, Any], change: Change) -> None:
        record = {
            "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            "op": op,
            "args": args,
            "start": change.start,
            "before": [_bead_log(b) for b in change.before],
            "after": [_bead_log(b) for b in change.after],
        }
        if change.edits:
            record["edits"] = [
                {"side": e.side, "id": e.sid, "before": e.before, "after": e.after}
                for e in change.edits
            ]
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with open(self.out_dir / LOG_FILE, "a", encoding="utf-8") as fh:
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())


def _with_side(bead: Bead, side: str, ids: tuple[int, ...]) -> Bead:
    return dataclasses.replace(bead, status="auto", **{side: ids})


def export_outdir(out_dir: str | Path, fmt: str, confirmed_only: bool = False) -> list[Path]:
    """Export OUT_DIR with ``corpus.export`` into OUT_DIR/exports/; returns the path written.

    The review screen writes no format itself: it calls the export package with the defaults
    of ``bitext export`` (rejected beads dropped; review status carried in every format), so
    the files are what ``bitext export OUT_DIR --format FMT`` makes. Names:
    ``exports/<doc_id>[.confirmed].<fmt>`` (hf: a dataset folder ``<doc_id>[.confirmed].hf``).
    """
    from corpus.export import EXPORT_FORMATS, ExportOptions, default_filters, export

    if fmt not in EXPORT_FORMATS:
        raise UnknownChoiceError("export format", str(fmt), EXPORT_FORMATS)
    out = Path(out_dir)
    meta_path = out / META
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    name = re.sub(r"[^\w.-]+", "_", str(meta.get("doc_id") or out.resolve().name)).lstrip(".")
    name = (name or "export") + (".confirmed" if confirmed_only else "")
    target = out / EXPORTS_DIR / f"{name}.{fmt}"
    target.parent.mkdir(exist_ok=True)
    options = ExportOptions(
        format=fmt, filters=tuple(default_filters(confirmed_only=confirmed_only))
    )
    export([out], target, options)
    return [target]
