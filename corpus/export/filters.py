"""Export filters, after OpusFilter's design: ``score(row)`` is computed apart from
``accept(score)``, so raw scores can be exported and thresholds changed without rescoring.

Filters run in a ``FilterChain`` in a fixed order (cheap status checks first, duplicates
last); a dropped row is counted under the first filter that rejects it, so the counts add
up to ``rows_in - rows_out``. The duplicate filters are the only stateful ones: they keep an
8-byte hash per distinct key (about 70 bytes a row in a Python set), never the texts.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import re
import sys
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from corpus.errors import ConfigError, UnknownChoiceError
from corpus.export.rows import PairRow
from corpus.lang.script import is_cjk_ideograph


class Filter(ABC):
    """Score a row, then accept or reject the score."""

    name: ClassVar[str]
    #: True when ``score`` is a number worth exporting (the duplicate hashes are not).
    exports_score: ClassVar[bool] = True

    @abstractmethod
    def score(self, row: PairRow) -> Any: ...

    @abstractmethod
    def accept(self, score: Any) -> bool: ...

    def describe(self) -> str:
        return self.name


class DropRejected(Filter):
    """Drop beads a reviewer rejected (on by default)."""

    name = "drop-rejected"

    def score(self, row: PairRow) -> float:
        return 1.0 if row.status == "rejected" else 0.0

    def accept(self, score: float) -> bool:
        return score == 0.0


class ConfirmedOnly(Filter):
    """Keep only beads a reviewer confirmed."""

    name = "confirmed-only"

    def score(self, row: PairRow) -> float:
        return 1.0 if row.status == "confirmed" else 0.0

    def accept(self, score: float) -> bool:
        return score == 1.0


@dataclass
class MinScore(Filter):
    """Drop beads whose alignment score is below ``threshold``."""

    threshold: float
    name: ClassVar[str] = "min-score"

    def score(self, row: PairRow) -> float:
        return row.score

    def accept(self, score: float) -> bool:
        return score >= self.threshold

    def describe(self) -> str:
        return f"{self.name}={self.threshold:g}"


class DropDeletions(Filter):
    """Drop beads with an empty language side (0-1 / 1-0)."""

    name = "drop-deletions"

    def score(self, row: PairRow) -> float:
        return 1.0 if row.is_deletion else 0.0

    def accept(self, score: float) -> bool:
        return score == 0.0


@dataclass
class LengthRatio(Filter):
    """Keep beads whose ``len_ratio`` (en chars / zh chars) is within [low, high]."""

    low: float
    high: float
    name: ClassVar[str] = "len-ratio"

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ConfigError(f"len-ratio needs 0 <= MIN <= MAX, got {self.low:g} {self.high:g}")

    def score(self, row: PairRow) -> float:
        return row.len_ratio

    def accept(self, score: float) -> bool:
        return self.low <= score <= self.high

    def describe(self) -> str:
        return f"{self.name}={self.low:g}:{self.high:g}"


@functools.lru_cache(maxsize=1)
def _key_table() -> dict[int, str | None]:
    """str.translate table: drop whitespace, punctuation, symbols; every digit → "0"."""
    table: dict[int, str | None] = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        if category[0] in "PSZ" or char.isspace():
            table[code] = None
        elif category == "Nd":
            table[code] = "0"
    return table


def normalise(text: str) -> str:
    """The near-duplicate key of a text: NFKC, casefolded, no whitespace, punctuation or
    symbols, every digit written 0."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_key_table())


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x00".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@dataclass
class Copies(Filter):
    """Drop "translations" that copy the source: score in [0, 1], 1 = a copy.

    The score is 1.0 when both sides normalise to the same non-empty key, else the larger of
    the share of Latin letters among the zh side's letters and the share of CJK letters
    among the en side's letters (both sides in one script). Deletions score 0.
    """

    threshold: float = 0.5
    name: ClassVar[str] = "copies"

    def score(self, row: PairRow) -> float:
        if row.is_deletion:
            return 0.0
        en_key, zh_key = normalise(row.en), normalise(row.zh)
        if en_key and en_key == zh_key:
            return 1.0
        return round(max(_share(row.zh, cjk=False), _share(row.en, cjk=True)), 4)

    def accept(self, score: float) -> bool:
        return score < self.threshold

    def describe(self) -> str:
        return f"{self.name}<{self.threshold:g}"


def _share(text: str, cjk: bool) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_cjk_ideograph(c) == cjk) / len(letters)


@dataclass
class ExactDuplicates(Filter):
    """Drop a pair whose (en, zh) texts were already exported."""

    seen: set[int] = field(default_factory=set, repr=False)
    name: ClassVar[str] = "duplicates"
    exports_score: ClassVar[bool] = False

    def key(self, row: PairRow) -> tuple[str, str]:
        return row.en, row.zh

    def score(self, row: PairRow) -> int:
        return _hash(*self.key(row))

    def accept(self, score: int) -> bool:
        if score in self.seen:
            return False
        self.seen.add(score)
        return True


@dataclass
class NearDuplicates(ExactDuplicates):
    """Drop a pair whose normalised texts (see ``normalise``) were already exported."""

    name: ClassVar[str] = "near-duplicates"

    def key(self, row: PairRow) -> tuple[str, str]:
        return normalise(row.en), normalise(row.zh)


#: Chain order: a dropped row is counted under the first of these that rejects it.
ORDER = (
    "drop-rejected",
    "confirmed-only",
    "min-score",
    "drop-deletions",
    "len-ratio",
    "copies",
    "duplicates",
    "near-duplicates",
)


def build_filter(name: str, arg: str = "") -> Filter:
    """A filter by name; ``arg`` is its threshold(s) as text ("0.5", "1.5:6")."""
    try:
        if name == "drop-rejected":
            return DropRejected()
        if name == "confirmed-only":
            return ConfirmedOnly()
        if name == "drop-deletions":
            return DropDeletions()
        if name == "duplicates":
            return ExactDuplicates()
        if name == "near-duplicates":
            return NearDuplicates()
        if name == "min-score":
            return MinScore(float(arg))
        if name == "copies":
            return Copies(float(arg)) if arg else Copies()
        if name == "len-ratio":
            low, high = (float(x) for x in re.split(r"[:,\s]+", arg.strip()))
            return LengthRatio(low, high)
    except ValueError:
        raise ConfigError(f"bad value {arg!r} for filter {name}") from None
    raise UnknownChoiceError("filter", name, ORDER)


def parse_filter_spec(spec: str) -> Filter:
    """``NAME`` or ``NAME=ARG``, e.g. ``min-score=0.3``, ``len-ratio=1:6``."""
    name, _, arg = spec.partition("=")
    return build_filter(name.strip(), arg.strip())


@dataclass(frozen=True)
class FilterCounts:
    """Rows seen and kept by a chain, and rows dropped per filter (first rejecting filter)."""

    rows_in: int
    rows_out: int
    dropped: Mapping[str, int]
    filters: tuple[str, ...]


class FilterChain:
    """Apply filters to a row stream, counting the drops; optionally keep the raw scores."""

    def __init__(self, filters: Iterable[Filter], keep_scores: bool = False):
        chosen = [copy.deepcopy(f) for f in filters]  # fresh duplicate sets per chain
        names = [f.name for f in chosen]
        duplicated = sorted({n for n in names if names.count(n) > 1})
        if duplicated:
            raise ConfigError(f"filter given twice: {', '.join(duplicated)}")
        self.filters: list[Filter] = sorted(chosen, key=lambda f: ORDER.index(f.name))
        self.keep_scores = keep_scores
        self.rows_in = 0
        self.rows_out = 0
        self.dropped: dict[str, int] = {f.name: 0 for f in self.filters}

    def accept(self, row: PairRow) -> PairRow | None:
        """The row (with its raw scores when kept), or None when a filter rejects it."""
        self.rows_in += 1
        scores: dict[str, float] = {}
        for flt in self.filters:
            value = flt.score(row)
            if not flt.accept(value):
                self.dropped[flt.name] += 1
                return None
            if self.keep_scores and flt.exports_score:
                scores[flt.name.replace("-", "_")] = float(value)
        self.rows_out += 1
        return replace(row, filter_scores=scores) if scores else row

    def __call__(self, rows: Iterable[PairRow]) -> Iterator[PairRow]:
        for row in rows:
            kept = self.accept(row)
            if kept is not None:
                yield kept

    def counts(self) -> FilterCounts:
        return FilterCounts(
            rows_in=self.rows_in,
            rows_out=self.rows_out,
            dropped=dict(self.dropped),
            filters=tuple(f.describe() for f in self.filters),
        )


def default_filters(
    *,
    min_score: float | None = None,
    drop_deletions: bool = False,
    len_ratio: Sequence[float] | None = None,
    duplicates: bool = False,
    near_duplicates: bool = False,
    copies: float | None = None,
    confirmed_only: bool = False,
    drop_rejected: bool = True,
) -> list[Filter]:
    """The filters the CLI's flags name, in chain order."""
    chosen: list[Filter] = []
    if drop_rejected:
        chosen.append(DropRejected())
    if confirmed_only:
        chosen.append(ConfirmedOnly())
    if min_score is not None:
        chosen.append(MinScore(min_score))
    if drop_deletions:
        chosen.append(DropDeletions())
    if len_ratio is not None:
        low, high = len_ratio
        chosen.append(LengthRatio(low, high))
    if copies is not None:
        chosen.append(Copies(copies))
    if duplicates:
        chosen.append(ExactDuplicates())
    if near_duplicates:
        chosen.append(NearDuplicates())
    return chosen
