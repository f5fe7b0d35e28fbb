"""Strict and lax precision / recall / F1 of sentence alignments against gold beads.

Definitions as used by vecalign and Bertalign:
- strict: a test bead counts when the identical bead is in the gold set;
- lax: a test bead counts when it shares a source id with a gold bead whose target ids
  overlap its own target ids;
- precision is over test beads, recall over gold beads; recall leaves out beads that are
  empty on one side (deletions), as the literature does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.beads import Bead, read_align_file
from corpus.errors import InputError

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Counts:
    """Hits and totals behind one precision/recall figure, so documents can be summed."""

    strict_hits: int = 0
    lax_hits: int = 0
    total: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_hits + other.strict_hits,
            self.lax_hits + other.lax_hits,
            self.total + other.total,
        )


@dataclass(frozen=True)
class Score:
    name: str
    precision: Counts
    recall: Counts

    def __add__(self, other: Score) -> Score:
        return Score("total", self.precision + other.precision, self.recall + other.recall)

    def figures(self) -> dict[str, float]:
        def ratio(hits: int, total: int) -> float:
            return hits / total if total else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p_strict = ratio(self.precision.strict_hits, self.precision.total)
        r_strict = ratio(self.recall.strict_hits, self.recall.total)
        p_lax = ratio(self.precision.lax_hits, self.precision.total)
        r_lax = ratio(self.recall.lax_hits, self.recall.total)
        return {
            "precision_strict": p_strict,
            "recall_strict": r_strict,
            "f1_strict": f1(p_strict, r_strict),
            "precision_lax": p_lax,
            "recall_lax": r_lax,
            "f1_lax": f1(p_lax, r_lax),
        }


def _as_links(beads: Iterable[Bead | Link]) -> set[Link]:
    links = set()
    for bead in beads:
        src, tgt = (bead.src, bead.tgt) if isinstance(bead, Bead) else bead
        if src or tgt:
            links.add((tuple(src), tuple(tgt)))
    return links


def _count(reference: set[Link], hypothesis: set[Link]) -> Counts:
    targets_of_source: dict[int, set[int]] = defaultdict(set)
    for src, tgt in reference:
        for s in src:
            targets_of_source[s].update(tgt)
    strict = lax = 0
    for src, tgt in hypothesis:
        if (src, tgt) in reference:
            strict += 1
            lax += 1
        elif any(targets_of_source[s].intersection(tgt) for s in src):
            lax += 1
    return Counts(strict, lax, len(hypothesis))


def score_document(
    gold: Sequence[Bead | Link], test: Sequence[Bead | Link], name: str = "document"
) -> Score:
    gold_links, test_links = _as_links(gold), _as_links(test)

    def both_sides(links: set[Link]) -> set[Link]:
        return {link for link in links if link[0] and link[1]}

    return Score(
        name,
        precision=_count(gold_links, test_links),
        recall=_count(both_sides(test_links), both_sides(gold_links)),
    )


def score_paths(gold: str | Path, test: str | Path) -> list[Score]:
    """Score two ``.align`` files, or two directories matched by file name.

    Returns one Score a document; sum them (``sum(scores[1:], scores[0])``) for the total.
    """
    gold, test = Path(gold), Path(test)
    if gold.is_dir() != test.is_dir():
        raise InputError("GOLD and TEST must both be files or both be directories")
    if not gold.exists():
        raise InputError(f"no such file or directory: {gold}")
    if not gold.is_dir():
        return [score_document(read_align_file(gold), read_align_file(test), test.name)]
    names = sorted(p.name for p in gold.iterdir() if p.is_file() and not p.name.startswith("."))
    missing = [n for n in names if not (test / n).is_file()]
    if missing:
        raise InputError(f"{test} lacks files that {gold} has: {', '.join(missing)}")
    if not names:
        raise InputError(f"no alignment files in {gold}")
    return [score_document(read_align_file(gold / n), read_align_file(test / n), n) for n in names]


def total(scores: Sequence[Score]) -> Score:
    result = scores[0]
    for item in scores[1:]:
        result = result + item
    return result if len(scores) > 1 else Score("total", result.precision, result.recall)
