"""The lexical encoder on hand-checked en–zh cases."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders.lexical import LexicalEncoder, chinese_number, chinese_unit_terms
from align.lexicon import clean_definition, english_terms, gloss
from corpus.document import Side


@pytest.mark.parametrize(
    ("text", "number"),
    [("三", "3"), ("十", "10"), ("二十六", "26"), ("一千九百七十二", "1972"), ("一九七二", "1972"),
     ("两万三千", "23000"), ("三亿", "300000000"), ("天", None), ("", None)],
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    ("definition", "terms"),
    [("friendship", ["friendship"]), ("CL:個|个[ge4]", []), ("variant of 瞭|了[liao3]", []),
     ("surname Chen", []), ("(literary) to decline", ["declin"]), ("to hold; to grasp", ["hold", "grasp"])],
)
def test_gloss_cleaning(definition, terms):
    assert sorted(t for part in definition.split(";") for t in clean_definition(part)) == sorted(
        terms
    )


def test_english_terms_are_stemmed_content_words_and_numbers():
    assert english_terms("The friends held 3,500 books.") == ["friend", "held", "3500", "book"]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("友谊", "friendship"), ("？", "?"), ("“", '"'), ("1972", "1972"), ("GDP", "gdp"),
     ("二十六", "26"), ("陈", "chen")],
)
def test_chinese_unit_terms(token, expected):
    assert expected in chinese_unit_terms(token)


def test_function_words_have_no_terms():
    assert gloss("他") == frozenset()
    assert chinese_unit_terms("，") == frozenset()


ZH = ("我们在河边建了一座新图书馆。", "它有三百万本书。", "你喜欢读书吗？")
EN = ("We built a new library by the river.", "It holds three million books.",
      "Do you like reading?")


def test_true_translation_scores_highest_in_its_row():
    features = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    rows, cols = np.meshgrid(np.arange(3), np.arange(3), indexing="ij")
    sims = features.similarity(rows.ravel(), 1, cols.ravel(), 1)[0].reshape(3, 3)
    assert list(sims.argmax(axis=1)) == [0, 1, 2]
    assert np.all((sims >= 0) & (sims <= 1))


def test_direction_does_not_matter():
    forward = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    backward = LexicalEncoder().features(Side(EN, "en"), Side(ZH, "zh"))
    starts = np.array([0, 1, 2])
    assert np.allclose(
        forward.similarity(starts, 1, starts, 1), backward.similarity(starts, 1, starts, 1)
    )


def test_windows_and_coarse_blocks_score_unions():
    features = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    whole = features.similarity(np.array([0]), 3, np.array([0]), 3)[0, 0]
    coarse = features.coarsen(3).similarity(np.array([0]), 1, np.array([0]), 1)[0, 0]
    assert whole == pytest.approx(coarse)
    assert whole > 0.5


def test_sentence_without_content_is_no_evidence():
    features = LexicalEncoder().features(Side(("……",), "zh"), Side(("Hello there.",), "en"))
    assert np.isnan(features.similarity(np.array([0]), 1, np.array([0]), 1)[0, 0])
