"""English terms: stemmed content words, irregular forms, numbers written in words."""

from __future__ import annotations

import pytest

from corpus.lang.english import english_terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [("forty and six thousand and five hundred men", ["46500", "man"]),
     ("twenty-six", ["26"]), ("three million people", ["3000000", "person"]),
     ("a hundred and twenty thousand", ["120000"]), ("threescore and ten", ["70"]),
     ("two and three", ["2", "3"]), ("hundreds of them", ["hundr"]), ("in 1,972 AD", ["1972", "ad"]),
     # Irregular forms meet the dictionary's infinitives (说 "to say").
     ("He said the men went home", ["say", "man", "go", "home"]), ("she had done it", []),
     ("I didn't know", ["know"]), ("I didn’t know", ["know"])],
)
def test_english_terms_numbers_and_irregular_forms(text, terms):
    assert english_terms(text) == terms


def test_english_terms_are_stemmed_content_words_and_numbers():
    assert english_terms("The friends held 3,500 books.") == ["friend", "hold", "3500", "book"]
