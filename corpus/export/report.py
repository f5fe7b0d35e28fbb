"""The export report: what went in, what each filter dropped, what was written where.

Printed by the CLI, stored as ``export_report.json`` and in the dataset card.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from corpus.export.rows import PairRow

QUANTILES = (0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0)
HISTOGRAM_BINS = 10  # equal bins over [0, 1]; scores outside are clipped into the end bins


class RowStats:
    """Counts of written rows per split, bead type and status, and their scores.

    Scores are kept in a float32 array (4 bytes a row) for exact quantiles.
    """

    def __init__(self) -> None:
        self.splits: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.statuses: Counter[str] = Counter()
        self.scores = array("f")
        self.skipped_deletions = 0

    def add(self, split: str, row: PairRow) -> None:
        self.splits[split] += 1
        self.kinds[row.bead] += 1
        self.statuses[row.status] += 1
        self.scores.append(row.score)

    def score_quantiles(self) -> dict[str, float]:
        if not self.scores:
            return {}
        import numpy as np

        values = np.frombuffer(self.scores, dtype=np.float32)
        return {
            f"q{int(q * 100):02d}": round(float(v), 4)
            for q, v in zip(QUANTILES, np.quantile(values, QUANTILES), strict=True)
        }

    def score_histogram(self) -> list[int]:
        if not self.scores:
            return [0] * HISTOGRAM_BINS
        import numpy as np

        values = np.clip(np.frombuffer(self.scores, dtype=np.float32), 0.0, 1.0)
        counts, _ = np.histogram(values, bins=HISTOGRAM_BINS, range=(0.0, 1.0))
        return [int(c) for c in counts]


@dataclass(frozen=True)
class ExportReport:
    """The outcome of one ``bitext export``.

    ``dropped`` counts rows per filter (the first filter that rejected them), so
    ``rows_in - sum(dropped) == rows_kept``; ``skipped_deletions`` are kept rows the format
    cannot hold (TMX, Moses and XLIFF need both sides), so
    ``rows_kept - skipped_deletions == rows_written``.
    """

    format: str
    output: str
    inputs: tuple[str, ...]
    signatures: tuple[str, ...]
    split: str
    seed: int
    filters: tuple[str, ...]
    rows_in: int
    dropped: Mapping[str, int]
    rows_kept: int
    skipped_deletions: int
    rows_written: int
    splits: Mapping[str, int]
    docs_per_split: Mapping[str, tuple[str, ...]]
    kinds: Mapping[str, int]
    statuses: Mapping[str, int]
    score_quantiles: Mapping[str, float]
    score_histogram: tuple[int, ...]
    files: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["docs_per_split"] = {k: list(v) for k, v in self.docs_per_split.items()}
        return data

    def count_table(self) -> list[tuple[str, str]]:
        """(label, value) lines: inputs, drops per filter, written per split and bead type."""
        lines = [("documents", str(len(self.inputs))), ("rows in", str(self.rows_in))]
        lines += [(f"dropped by {name}", str(n)) for name, n in self.dropped.items()]
        lines.append(("rows kept", str(self.rows_kept)))
        if self.skipped_deletions:
            lines.append((f"deletions skipped ({self.format} needs both sides)",
                          str(self.skipped_deletions)))
        lines.append(("rows written", str(self.rows_written)))
        lines += [(f"split {name}", f"{n} rows, {len(self.docs_per_split.get(name, ()))} docs")
                  for name, n in self.splits.items()]
        lines += [(f"bead {kind}", str(n)) for kind, n in self.kinds.items()]
        lines += [(f"status {status}", str(n)) for status, n in self.statuses.items()]
        return lines

    def to_text(self) -> str:
        width = max(len(label) for label, _ in self.count_table())
        out = [f"bitext export → {self.output} ({self.format})"]
        out += [f"  {label:<{width}}  {value}" for label, value in self.count_table()]
        if self.score_quantiles:
            out.append("  score quantiles   " + "  ".join(
                f"{k}={v:.3f}" for k, v in self.score_quantiles.items()))
        for signature in self.signatures:
            out.append(f"  signature  {signature}")
        return "\n".join(out)

    def to_markdown(self) -> str:
        rows = ["| count | value |", "|---|---|"]
        rows += [f"| {label} | {value} |" for label, value in self.count_table()]
        text = "\n".join(rows)
        if self.score_quantiles:
            text += "\n\n**Alignment score distribution**\n\n| " + " | ".join(
                self.score_quantiles) + " |\n|" + "---|" * len(self.score_quantiles) + "\n| "
            text += " | ".join(f"{v:.3f}" for v in self.score_quantiles.values()) + " |\n"
            bins = len(self.score_histogram)
            text += "\n| score bin | rows |\n|---|---|\n" + "".join(
                f"| [{i / bins:.1f}, {(i + 1) / bins:.1f}{']' if i == bins - 1 else ')'} | {n} |\n"
                for i, n in enumerate(self.score_histogram))
        return text
