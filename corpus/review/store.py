"""What a review keeps on disk in OUT_DIR, all but the log written atomically (``corpus.atomic``).

- ``alignment.align``, ``pairs.jsonl``, ``src.sents``, ``tgt.sents``, ``meta.json`` — through
  ``corpus.outdir.write_outdir``, keeping what other tools added to ``meta.json``.
- ``review.log.jsonl`` — append-only, one JSON object per applied operation (undo/redo
  included): time, op, args, the index of the first bead touched, the beads before and after
  (ids as ``[i]:[j]``, score, status) and text edits with the old and new text.
- ``review.state.json`` — the undo and redo stacks and the original text of every sentence
  ever edited. The stacks are only trusted while the state's fingerprint (bead ids, statuses
  and sentences) matches the OUT_DIR; if the OUT_DIR was changed by something else they are
  dropped, the original texts are always kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_write_text
from corpus.beads import Bead
from corpus.document import AlignedDocument
from corpus.outdir import write_outdir
from corpus.review.changes import SIDES, Change, ReviewError

logger = logging.getLogger(__name__)

STATE_FILE = "review.state.json"
LOG_FILE = "review.log.jsonl"
STATE_FORMAT = 1


@dataclass(frozen=True)
class History:
    """What ``review.state.json`` holds: the undo and redo stacks and the original texts."""

    undo: tuple[Change, ...] = ()
    redo: tuple[Change, ...] = ()
    # side -> sentence id -> the text before its first edit
    originals: Mapping[str, Mapping[int, str]] = field(
        default_factory=lambda: {side: {} for side in SIDES}
    )


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


def save_review(out_dir: Path, doc: AlignedDocument, history: History) -> None:
    """Write ``doc`` as the OUT_DIR and ``history`` as its review state."""
    write_outdir(out_dir, doc, keep_extra_meta=True)
    state = {
        "format": STATE_FORMAT,
        "fingerprint": fingerprint(doc),
        "undo": [c.to_dict() for c in history.undo],
        "redo": [c.to_dict() for c in history.redo],
        "originals": {
            side: {str(sid): text for sid, text in sorted(texts.items())}
            for side, texts in history.originals.items()
        },
    }
    atomic_write_text(out_dir / STATE_FILE, json.dumps(state, ensure_ascii=False) + "\n")


def load_history(out_dir: Path, doc: AlignedDocument) -> History:
    """The review state saved with ``doc``; the stacks are dropped when ``doc`` is not it."""
    path = out_dir / STATE_FILE
    if not path.is_file():
        return History()
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        originals = {
            side: {int(sid): str(text) for sid, text in state["originals"].get(side, {}).items()}
            for side in SIDES
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ReviewError(
            f"{path} is damaged; move it away to start a fresh undo history "
            f"(the original texts of edited sentences are also in {LOG_FILE})"
        ) from None
    if state.get("fingerprint") != fingerprint(doc):
        logger.warning("%s changed since the last review: the undo history is dropped", out_dir)
        return History(originals=originals)
    try:
        undo = tuple(Change.from_dict(c) for c in state.get("undo", ()))
        redo = tuple(Change.from_dict(c) for c in state.get("redo", ()))
    except (ValueError, KeyError, TypeError):
        logger.warning("%s: unreadable undo history dropped", path)
        return History(originals=originals)
    return History(undo, redo, originals)


def append_log(out_dir: Path, op: str, args: dict[str, Any], change: Change) -> None:
    """Add one line to the review log and flush it to disk."""
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
    with open(out_dir / LOG_FILE, "a", encoding="utf-8") as fh:
        fh.write(line)
        fh.flush()
        os.fsync(fh.fileno())


def _bead_log(bead: Bead) -> dict[str, Any]:
    return {"ids": bead.to_line(), "score": round(bead.score, 4), "status": bead.status}
