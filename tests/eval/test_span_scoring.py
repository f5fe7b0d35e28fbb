"""Span-level scores: character pairs, whatever the sentence boundaries (hand-counted)."""

from __future__ import annotations

import pytest

from corpus.beads import Bead
from eval.span_scoring import span_score

# zh units: 甲 乙 。 | 丙 。 (3 and 2 characters); en: One two . | Three . (7 and 6)
ZH = ("甲乙。", "丙。")
EN = ("One two.", "Three.")
GOLD = (Bead((0,), (0,)), Bead((1,), (1,)))  # 3*7 + 2*6 = 33 gold pairs


def test_the_gold_itself_scores_one() -> None:
    score = span_score((ZH, EN), GOLD, (ZH, EN), GOLD)
    assert (score.hits, score.test_pairs, score.gold_pairs) == (33, 33, 33)
    assert score.f1 == 1.0 and score.strict_f1 == 1.0
    assert score.lost == (0.0, 0.0) and score.extra == (0.0, 0.0)


def test_a_merged_bead_pairs_its_characters_across() -> None:
    score = span_score((ZH, EN), GOLD, (ZH, EN), (Bead((0, 1), (0, 1)),))
    assert (score.hits, score.test_pairs) == (33, 5 * 13)
    assert score.recall == 1.0 and score.precision == pytest.approx(33 / 65)
    assert score.strict_f1 == 0.0


def test_other_sentence_boundaries_same_alignment() -> None:
    gold = (Bead((0, 1), (0,)),)
    score = span_score((("甲。", "乙。"), ("One two.",)), gold,
                       (("甲。乙。",), ("One two.",)), (Bead((0,), (0,)),))
    assert score.f1 == 1.0 and score.strict_f1 == 1.0


def test_lost_and_extra_text() -> None:
    # "Three." set aside: its pairs are lost to recall
    lost = span_score((ZH, EN), GOLD, (ZH, ("One two.",)), (Bead((0,), (0,)), Bead((1,), ())))
    assert (lost.hits, lost.test_pairs, lost.precision) == (21, 21, 1.0)
    assert lost.recall == pytest.approx(21 / 33) and lost.lost == (0.0, round(6 / 13, 4))
    # "Home" let in and deleted: no pair lost, one bead that is no gold bead
    extra = span_score((ZH, EN), GOLD, (ZH, ("Home", *EN)),
                       (Bead((), (0,)), Bead((0,), (1,)), Bead((1,), (2,))))
    assert extra.f1 == 1.0 and extra.extra == (0.0, round(4 / 17, 4))
    assert extra.strict_f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))
