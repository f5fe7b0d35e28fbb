"""The run index of ``bitext review RUN_DIR``: the documents of a batch run, worst first.

Each document opens in the one-document review screen, which keeps its review state in that
document's own OUT_DIR (``store``), so a document's reviewed beads are its own. The order is
the run's mean bead score (lowest first, the documents most in need of a reader), failed
documents last; the counts shown (beads, reviewed) are read from each OUT_DIR as it is now.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.outdir import PAIRS
from corpus.rundir import run_documents


@dataclass(frozen=True)
class RunEntry:
    number: int  # the document's place in run.jsonl: its address in the review server
    id: str
    status: str
    error: str
    mean_score: float
    beads: int
    reviewed: int  # beads confirmed or rejected
    path: Path

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["path"]
        return data


def _review_counts(out_dir: Path) -> tuple[int, int]:
    """(beads, beads reviewed) as the OUT_DIR's pairs.jsonl holds them now."""
    beads = reviewed = 0
    try:
        with (out_dir / PAIRS).open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    beads += 1
                    reviewed += json.loads(line).get("status", "auto") != "auto"
    except (OSError, ValueError):
        return 0, 0
    return beads, reviewed


def run_index(run_dir: str | Path) -> list[RunEntry]:
    entries = []
    for number, doc in enumerate(run_documents(run_dir)):
        record = doc.record
        ready = record.ok and doc.path.is_dir()
        beads, reviewed = _review_counts(doc.path) if ready else (0, 0)
        entries.append(RunEntry(number, record.id, record.status if ready else "failed",
                                record.error or ("" if ready else "its folder is missing"),
                                record.mean_score, beads, reviewed, doc.path))
    return sorted(entries, key=lambda e: (e.status != "ok", e.mean_score, e.id))
