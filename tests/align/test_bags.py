"""What each sentence's bag of words holds, and the document's bags as matrices."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders.bags import chinese_unit_terms, chinese_units, document_bags, english_bag
from corpus.lang.cedict import name_romanisations
from corpus.lang.cues import CLOSING_CUE, OPENING_CUE
from corpus.lang.english import stem


@pytest.mark.parametrize(
    ("token", "expected"),
    [("友谊", "friendship"), ("？", "?"), ("！", "!"), ("1972", "1972"), ("GDP", "gdp"),
     ("二十六", "26"), ("陈", "chen")],
)
def test_chinese_unit_terms(token, expected):
    assert expected in chinese_unit_terms(token)


@pytest.mark.parametrize("name", ["王琦瑶", "汪淼", "丫丫"])
def test_names_the_dictionary_lacks_match_their_romanisations(name):
    assert {stem(r) for r in name_romanisations(name)} <= chinese_unit_terms(name)


def test_punctuation_without_a_cue_has_no_terms():
    assert chinese_unit_terms("，") == frozenset()


def test_both_languages_share_question_marks_and_quotes():
    assert set(chinese_units("“走吧！”")) == {"走", "吧", "!", OPENING_CUE, CLOSING_CUE}
    assert chinese_units("你来吗？")["?"] == {"?"}
    assert english_bag('"Are you coming?"') == {"come", "?", OPENING_CUE, CLOSING_CUE}


def test_the_document_lexicon_holds_only_terms_the_english_side_uses():
    bags = document_bags(["你来吗？"], ["Are you coming?"])
    assert bags.zh_units.shape == (1, 2) and bags.en_terms.shape == (1, 2)  # 来, ?; come, ?
    # 来 → come and ? → ?; none of 来's other glosses (since, next, past…) takes a column.
    assert bags.lexicon.nnz == 2
    assert ((bags.zh_units @ bags.lexicon) != bags.en_terms).nnz == 0
    blocks = document_bags(["你来吗？", "好。", "走吧！"], ["Come?", "Fine.", "Go!"]).coarsen(
        np.array([0, 2]), np.array([0, 1]))
    assert blocks.zh_units.shape[0] == blocks.en_terms.shape[0] == 2
    assert blocks.en_terms[1].nnz == len(english_bag("Fine.") | english_bag("Go!"))
