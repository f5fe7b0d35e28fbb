"""Strict and lax precision / recall / F1 of sentence alignments against gold beads.

Definitions as used by vecalign and Bertalign:
- strict: a test bead counts when the identical bead is in the gold set;
- lax: a test bead counts when it shares a source id with a gold bead whose target ids
  overlap its own target ids;
- precision is over test beads, recall over gold beads; recall leaves out beads that are
  empty on one side (deletions), as the literature does.

Beside the totals, each Score breaks them down by bead type (recall by the gold bead's type,
precision by the test bead's: ``eval.bead_types``; deletions get their own rows there), and,
when the test beads carry confidences (an OUT_DIR's pairs.jsonl), a reliability table of
those confidences against strict correctness (``eval.calibration``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.beads import Bead, read_align_file
from corpus.errors import InputError
from corpus.outdir import ALIGNMENT, PAIRS, read_outdir
from eval.bead_types import Link, is_many_to_many, kind_of, kind_order
from eval.calibration import Reliability, reliability

ALIGN_SUFFIX = ".align"


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

    @property
    def strict_ratio(self) -> float | None:
        return self.strict_hits / self.total if self.total else None

    @property
    def lax_ratio(self) -> float | None:
        return self.lax_hits / self.total if self.total else None


@dataclass(frozen=True)
class KindScore:
    """One bead type (or class): recall over its gold beads, precision over its test beads."""

    recall: Counts = Counts()
    precision: Counts = Counts()

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(self.recall + other.recall, self.precision + other.precision)


@dataclass(frozen=True)
class Score:
    name: str
    precision: Counts
    recall: Counts
    by_kind: dict[str, KindScore] = field(default_factory=dict)  # in kind_order
    many_to_many: KindScore = KindScore()
    reliability: Reliability | None = None  # None: the test beads carry no confidence

    def __add__(self, other: Score) -> Score:
        kinds = sorted({*self.by_kind, *other.by_kind}, key=kind_order)
        none = KindScore()
        return Score(
            "total",
            self.precision + other.precision,
            self.recall + other.recall,
            {k: self.by_kind.get(k, none) + other.by_kind.get(k, none) for k in kinds},
            self.many_to_many + other.many_to_many,
            self.reliability + other.reliability
            if self.reliability and other.reliability else None,
        )

    def figures(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p_strict = self.precision.strict_ratio or 0.0
        r_strict = self.recall.strict_ratio or 0.0
        p_lax = self.precision.lax_ratio or 0.0
        r_lax = self.recall.lax_ratio or 0.0
        return {
            "precision_strict": p_strict,
            "recall_strict": r_strict,
            "f1_strict": f1(p_strict, r_strict),
            "precision_lax": p_lax,
            "recall_lax": r_lax,
            "f1_lax": f1(p_lax, r_lax),
        }


def _link(bead: Bead | Link) -> Link:
    src, tgt = (bead.src, bead.tgt) if isinstance(bead, Bead) else bead
    return tuple(src), tuple(tgt)


def _as_links(beads: Iterable[Bead | Link]) -> set[Link]:
    return {link for link in map(_link, beads) if link[0] or link[1]}


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


def _by_kind(gold_links: set[Link], test_links: set[Link]) -> dict[str, KindScore]:
    gold_of: dict[str, set[Link]] = defaultdict(set)
    test_of: dict[str, set[Link]] = defaultdict(set)
    for link in gold_links:
        gold_of[kind_of(link)].add(link)
    for link in test_links:
        test_of[kind_of(link)].add(link)
    # A gold bead that is not a deletion matches no test deletion, strictly or laxly, so
    # against all test beads its recall is the one the totals count.
    return {
        kind: KindScore(_count(test_links, gold_of[kind]), _count(gold_links, test_of[kind]))
        for kind in sorted({*gold_of, *test_of}, key=kind_order)
    }


def score_document(
    gold: Sequence[Bead | Link],
    test: Sequence[Bead | Link],
    name: str = "document",
    confidences: Sequence[float] | None = None,
) -> Score:
    """Score ``test`` against ``gold``; ``confidences`` (one a test bead) adds calibration."""
    gold_links, test_links = _as_links(gold), _as_links(test)

    def both_sides(links: set[Link]) -> set[Link]:
        return {link for link in links if link[0] and link[1]}

    def many_to_many(links: set[Link]) -> set[Link]:
        return {link for link in links if is_many_to_many(link)}

    return Score(
        name,
        precision=_count(gold_links, test_links),
        recall=_count(both_sides(test_links), both_sides(gold_links)),
        by_kind=_by_kind(gold_links, test_links),
        many_to_many=KindScore(
            _count(test_links, many_to_many(gold_links)),
            _count(gold_links, many_to_many(test_links)),
        ),
        reliability=None if confidences is None else reliability(
            (confidence, _link(bead) in gold_links)
            for bead, confidence in zip(test, confidences, strict=True)
        ),
    )


def _is_outdir(path: Path) -> bool:
    return path.is_dir() and (path / ALIGNMENT).is_file()


def _read_test(path: Path) -> tuple[list[Bead], list[float] | None]:
    """The beads of an .align file or an OUT_DIR, and the OUT_DIR's confidences if it has any."""
    if not path.is_dir():
        return read_align_file(path), None
    if not _is_outdir(path):
        raise InputError(f"{path} is neither an .align file nor an OUT_DIR (no {ALIGNMENT})")
    beads = list(read_outdir(path).beads)
    return beads, [b.score for b in beads] if (path / PAIRS).is_file() else None


def _score_file(gold: Path, test: Path, name: str) -> Score:
    beads, confidences = _read_test(test)
    gold_beads = read_align_file(gold)
    try:
        return score_document(gold_beads, beads, name, confidences)
    except InputError as exc:  # a confidence out of range: say where it came from
        raise InputError(f"{test}: {exc}") from None


def score_paths(gold: str | Path, test: str | Path) -> list[Score]:
    """Score TEST against GOLD: one Score a document; ``total`` sums them.

    GOLD is an ``.align`` file or a directory of them. TEST is, for a file, an ``.align``
    file or an OUT_DIR (whose pairs.jsonl gives the confidences that calibration needs); for
    a directory, a directory holding for each gold ``NAME.align`` either ``NAME.align`` or an
    OUT_DIR ``NAME`` (as ``python -m eval.benchmark --out`` writes them).
    """
    gold, test = Path(gold), Path(test)
    if not gold.exists():
        raise InputError(f"no such file or directory: {gold}")
    if not test.exists():
        raise InputError(f"no such file or directory: {test}")
    if not gold.is_dir():
        return [_score_file(gold, test, test.name)]
    if not test.is_dir() or _is_outdir(test):
        raise InputError(f"GOLD {gold} is a directory: TEST must be a directory of .align "
                         "files or OUT_DIRs")
    names = sorted(p.name for p in gold.iterdir() if p.is_file() and not p.name.startswith("."))
    if not names:
        raise InputError(f"no alignment files in {gold}")

    def test_for(name: str) -> Path | None:
        outdir = test / name.removesuffix(ALIGN_SUFFIX)
        return test / name if (test / name).is_file() else outdir if _is_outdir(outdir) else None

    tests = {name: test_for(name) for name in names}
    missing = [name for name, path in tests.items() if path is None]
    if missing:
        raise InputError(f"{test} lacks files or OUT_DIRs that {gold} has: {', '.join(missing)}")
    return [_score_file(gold / name, path, name) for name, path in tests.items()]


def total(scores: Sequence[Score]) -> Score:
    result = scores[0]
    for item in scores[1:]:
        result = result + item
    return result if len(scores) > 1 else replace(result, name="total")
