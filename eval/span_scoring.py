"""Span-level precision / recall / F1: alignments scored on characters, not sentence ids.

Sentence-id scores (``eval.scoring``) need the test's sentences to be the gold's; a document
read from HTML or PDF and split by the project's own rules has other boundaries, a few lines
set aside, perhaps some boilerplate let in. Span scores compare what was aligned with what:

* Each side's text is cut into units: one unit a Han character, a Latin word or number, or
  any other non-space character, weighted by its length in characters; whitespace does not
  count. The test's units are matched to the gold's in order (``difflib``, longest common
  blocks), so a unit the test lost (set aside, dropped) or let in (boilerplate), or spelled
  otherwise (a hyphen left at a line end), simply has no counterpart.
* A bead aligns every character of its Chinese side with every character of its English
  side. The gold pairs are those of the gold beads; the test pairs those of the test beads.
  Precision = test pairs that are gold pairs / test pairs (test characters with no gold
  counterpart count here as wrong pairs); recall = test pairs that are gold pairs / gold
  pairs. Deletions pair nothing.

A long bead weighs the product of its sides' lengths: a wrong 1-1 of two short lines costs
little, a misplaced boundary inside a long passage much, and a merged bead still pairs most
of its characters right, so span F1 runs well above strict F1.

Strict span F1 counts beads instead, as strict F1 does, but by their text: a test bead is
right when its characters fall in one gold bead on each side and cover it (95% of each
side's characters both ways, so that a hyphen or a set-aside date does not matter).
Precision is over the test beads, recall over the gold beads that are not deletions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from corpus.beads import Bead

_UNIT = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+|\S")


COVER = 0.95  # the share of a bead's characters that strict span matching asks for


@dataclass(frozen=True)
class SpanScore:
    hits: int  # character pairs both aligned
    test_pairs: int
    gold_pairs: int
    lost: tuple[float, float]  # share of the gold characters (zh, en) that the test lacks
    extra: tuple[float, float]  # share of the test characters (zh, en) not in the gold
    beads_right: int = 0  # test beads that are a gold bead (strict span matching)
    test_beads: int = 0
    aligned_right: int = 0  # of those, the ones that are not deletions
    gold_beads: int = 0  # not counting deletions

    @property
    def strict_f1(self) -> float:
        p = self.beads_right / self.test_beads if self.test_beads else 0.0
        r = self.aligned_right / self.gold_beads if self.gold_beads else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.hits / self.test_pairs if self.test_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class _Units:
    """The units of one side's sentences: text, length and sentence of each."""

    texts: tuple[str, ...]
    sentence: tuple[int, ...]

    @classmethod
    def of(cls, sentences: Sequence[str]) -> _Units:
        texts: list[str] = []
        owner: list[int] = []
        for index, sentence in enumerate(sentences):
            units = _UNIT.findall(sentence)
            texts.extend(units)
            owner.extend([index] * len(units))
        return cls(tuple(texts), tuple(owner))


def _gold_sentence_of_units(test: _Units, gold: _Units) -> list[int | None]:
    """For each test unit, the gold sentence of the gold unit it matches (None: unmatched)."""
    matched: list[int | None] = [None] * len(test.texts)
    matcher = SequenceMatcher(None, test.texts, gold.texts, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            matched[a + k] = gold.sentence[b + k]
    return matched


def _bead_of_sentence(beads: Sequence[Bead], side: int) -> dict[int, int]:
    return {i: n for n, bead in enumerate(beads) for i in (bead.src, bead.tgt)[side]}


def span_score(gold_sides: tuple[Sequence[str], Sequence[str]], gold_beads: Sequence[Bead],
               test_sides: tuple[Sequence[str], Sequence[str]],
               test_beads: Sequence[Bead]) -> SpanScore:
    """Score ``test_beads`` over ``test_sides`` (zh, en sentences) against ``gold_beads``
    over ``gold_sides``; beads list zh ids in ``src`` and en ids in ``tgt``."""
    per_side = []
    for side in (0, 1):
        gold, test = _Units.of(gold_sides[side]), _Units.of(test_sides[side])
        gold_bead = _bead_of_sentence(gold_beads, side)
        matched = _gold_sentence_of_units(test, gold)
        # per test sentence: its characters, and how many fall in each gold bead
        length: Counter[int] = Counter()
        in_gold_bead: dict[int, Counter[int]] = {}
        for unit, sentence, gold_sentence in zip(test.texts, test.sentence, matched):
            length[sentence] += len(unit)
            if gold_sentence is not None:
                in_gold_bead.setdefault(sentence, Counter())[gold_bead[gold_sentence]] += len(unit)
        gold_length: Counter[int] = Counter()
        for unit, sentence in zip(gold.texts, gold.sentence):
            gold_length[gold_bead[sentence]] += len(unit)
        total_gold = sum(len(u) for u in gold.texts)
        total_test = sum(len(u) for u in test.texts)
        found = sum(sum(c.values()) for c in in_gold_bead.values())
        per_side.append((length, in_gold_bead, gold_length,
                         1 - found / total_gold if total_gold else 0.0,
                         1 - found / total_test if total_test else 0.0))
    (zh_len, zh_in, zh_gold, zh_lost, zh_extra), (en_len, en_in, en_gold, en_lost, en_extra) = per_side
    hits = test_pairs = beads_right = aligned_right = 0
    for bead in test_beads:
        zh_chars = sum(zh_len[i] for i in bead.src)
        en_chars = sum(en_len[j] for j in bead.tgt)
        test_pairs += zh_chars * en_chars
        zh_by_gold: Counter[int] = Counter()
        for i in bead.src:
            zh_by_gold.update(zh_in.get(i, Counter()))
        en_by_gold: Counter[int] = Counter()
        for j in bead.tgt:
            en_by_gold.update(en_in.get(j, Counter()))
        hits += sum(count * en_by_gold[g] for g, count in zh_by_gold.items())
        right = _is_gold_bead((zh_chars, en_chars), (zh_by_gold, en_by_gold), (zh_gold, en_gold))
        beads_right += right
        aligned_right += right and bool(bead.src and bead.tgt)
    gold_pairs = sum(zh_gold[g] * en_gold[g] for g in range(len(gold_beads)))
    return SpanScore(hits, test_pairs, gold_pairs, (round(zh_lost, 4), round(en_lost, 4)),
                     (round(zh_extra, 4), round(en_extra, 4)), beads_right, len(test_beads),
                     aligned_right, sum(1 for bead in gold_beads if bead.src and bead.tgt))


def _is_gold_bead(chars: tuple[int, int], by_gold: tuple[Counter[int], Counter[int]],
                  gold_length: tuple[Counter[int], Counter[int]]) -> bool:
    """Whether a test bead (its characters per side, and how many fall in each gold bead)
    is one gold bead on both sides, covering it (``COVER``)."""
    beads = set(by_gold[0]) | set(by_gold[1])
    if len(beads) != 1:
        return False
    (gold,) = beads
    return all(
        found[gold] >= COVER * length[gold] and found[gold] >= COVER * own
        for found, length, own in zip(by_gold, gold_length, chars)
    )
