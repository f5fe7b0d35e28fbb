"""Scores as evaluators read them: text tables and JSON, shared by ``bitext eval`` and the benchmark.

- the figures table: strict and lax precision, recall and F1, a row per document;
- the bead-type table: for each type, the gold beads (count, share) and their strict recall,
  the test beads and their strict precision; then the many-to-many class;
- the reliability table: per confidence bin, beads, mean confidence and accuracy, and the
  expected calibration error; or one line saying there were no confidences to calibrate.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eval.bead_types import MANY_TO_MANY
from eval.calibration import Reliability
from eval.scoring import Counts, KindScore, Score

NO_CONFIDENCES = ("calibration: none, the test beads carry no confidences (.align files have "
                  "none; give OUT_DIRs, whose pairs.jsonl has them)")


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def format_figures(scores: Sequence[Score]) -> str:
    header = ("document", "P strict", "R strict", "F1 strict", "P lax", "R lax", "F1 lax")
    lines = [f"{header[0]:<16}" + "".join(f"{h:>10}" for h in header[1:])]
    for score in scores:
        f = score.figures()
        values = (f["precision_strict"], f["recall_strict"], f["f1_strict"],
                  f["precision_lax"], f["recall_lax"], f["f1_lax"])
        lines.append(f"{score.name:<16}" + "".join(f"{v:>10.3f}" for v in values))
    return "\n".join(lines)


def kind_rows(score: Score) -> list[tuple[str, str, str, str, str, str]]:
    """Bead type, gold beads, share of gold, strict recall, test beads, strict precision."""
    gold_total = sum(k.recall.total for k in score.by_kind.values())

    def row(name: str, kind: KindScore) -> tuple[str, str, str, str, str, str]:
        share = kind.recall.total / gold_total if gold_total else None
        return (name, str(kind.recall.total), "–" if share is None else f"{share:.1%}",
                _ratio(kind.recall.strict_ratio), str(kind.precision.total),
                _ratio(kind.precision.strict_ratio))

    return [*(row(name, kind) for name, kind in score.by_kind.items()),
            row(MANY_TO_MANY, score.many_to_many)]


KIND_HEADER = ("bead type", "gold", "of gold", "recall", "test", "precision")


def reliability_rows(table: Reliability) -> list[tuple[str, str, str, str]]:
    """Confidence bin, beads, mean confidence, accuracy."""
    return [(f"{b.low:.1f}–{b.high:.1f}", str(b.beads), _ratio(b.mean_confidence),
             _ratio(b.accuracy)) for b in table.bins]


RELIABILITY_HEADER = ("confidence", "beads", "mean conf", "accuracy")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    first = max(len(header[0]), *(len(r[0]) for r in rows))
    return [f"{line[0]:<{first}}" + "".join(f"{cell:>11}" for cell in line[1:])
            for line in (header, *rows)]


def calibration_line(table: Reliability) -> str:
    return (f"calibration: expected calibration error {table.expected_calibration_error:.3f} "
            f"over {table.beads} beads ({len(table.bins)} equal-width confidence bins; a bead is "
            "right when it is strictly in the gold)")


def format_details(score: Score) -> str:
    """The bead-type table, then the reliability table (or the line saying there is none)."""
    lines = ["bead types (strict; recall by gold type, precision by test type; "
             f"{MANY_TO_MANY}: both sides ≥ 2 or one side ≥ 5)",
             *_table(KIND_HEADER, kind_rows(score)), ""]
    if score.reliability is None:
        lines.append(NO_CONFIDENCES)
    else:
        lines += [calibration_line(score.reliability),
                  *_table(RELIABILITY_HEADER, reliability_rows(score.reliability))]
    return "\n".join(lines)


def _counts_dict(counts: Counts) -> dict[str, Any]:
    return {"beads": counts.total, "strict_hits": counts.strict_hits,
            "lax_hits": counts.lax_hits, "strict": counts.strict_ratio, "lax": counts.lax_ratio}


def _kind_dict(kind: KindScore) -> dict[str, Any]:
    return {"recall": _counts_dict(kind.recall), "precision": _counts_dict(kind.precision)}


def score_dict(score: Score) -> dict[str, Any]:
    """The figures, the bead types, many-to-many and calibration (null without confidences)."""
    table = score.reliability
    return {
        **score.figures(),
        "by_bead_type": {name: _kind_dict(kind) for name, kind in score.by_kind.items()},
        MANY_TO_MANY: _kind_dict(score.many_to_many),
        "calibration": None if table is None else {
            "expected_calibration_error": table.expected_calibration_error,
            "beads": table.beads,
            "bins": [{"low": b.low, "high": b.high, "beads": b.beads,
                      "mean_confidence": b.mean_confidence, "accuracy": b.accuracy}
                     for b in table.bins],
        },
    }
