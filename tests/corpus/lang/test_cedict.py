"""CC-CEDICT look-ups: cleaned glosses, and the romanisation of names it lacks."""

from __future__ import annotations

import pytest

from corpus.lang.cedict import clean_definition, dictionary_pieces, gloss, name_romanisations


@pytest.mark.parametrize(
    ("definition", "terms"),
    [("friendship", ["friendship"]), ("CL:個|个[ge4]", []), ("variant of 瞭|了[liao3]", []),
     ("surname Chen", []), ("(literary) to decline", ["declin"]), ("to hold; to grasp", ["hold", "grasp"])],
)
def test_gloss_cleaning(definition, terms):
    assert sorted(t for part in definition.split(";") for t in clean_definition(part)) == sorted(
        terms
    )


def test_bracketed_notes_with_commas_leave_no_fragments():
    # 这: "(in this sense, commonly pr. [zhei4], esp. in Beijing)" is a note, not a sense.
    assert not {"esp", "beij", "common", "pr"} & gloss("这")


def test_function_words_have_no_terms():
    assert gloss("他") == frozenset()


def test_proper_nouns_add_their_pinyin():
    assert "chen" in gloss("陈")


@pytest.mark.parametrize(
    ("name", "romanised"),
    [("王琦瑶", ("wangqiyao", "wang", "qiyao")), ("汪淼", ("wangmiao", "wang", "miao")),
     ("丫丫", ("yaya",))],  # no surname first: one word
)
def test_names_are_romanised_whole_and_apart(name, romanised):
    assert name_romanisations(name) == romanised


def test_unknown_words_split_into_the_longest_words_the_dictionary_has():
    assert dictionary_pieces("王琦瑶") == ["王", "琦", "瑶"]
    assert dictionary_pieces("图书馆里") == ["图书馆", "里"]
