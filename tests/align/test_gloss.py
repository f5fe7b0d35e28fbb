"""Readable CC-CEDICT glosses of Chinese, for an English sentence model."""

from __future__ import annotations

import pytest

from align.encoders.gloss import readable_gloss, word_gloss


@pytest.mark.parametrize(
    ("sentence", "expected_words"),
    [
        ("起初，神创造天地。", {"god", "create", "heaven", "earth"}),
        ("1998年，她去了北京。", {"1998", "Beijing"}),
        ("你好吗？", {"?"}),
        ("他用iPhone打电话！", {"iPhone", "!"}),
        ("王琦瑶笑了。", {"Wang", "Qiyao"}),  # a name, as translations write it
    ],
)
def test_readable_gloss_keeps_content_words_numbers_latin_and_marks(sentence, expected_words):
    assert expected_words <= set(readable_gloss(sentence).split())


@pytest.mark.parametrize(
    ("sentence", "expected_words", "romanised"),
    [("将烧饼放入口中，却也不敢咀嚼。", {"mouth", "dare", "chew"}, {"Kouzhong", "Bugan"})],
)
def test_unknown_words_that_are_no_names_read_as_their_characters(sentence, expected_words,
                                                                   romanised):
    words = set(readable_gloss(sentence).split())
    assert expected_words <= words and not romanised & words


def test_readable_gloss_is_capped():
    assert len(readable_gloss("国王" * 200, max_words=64).split()) == 64


@pytest.mark.parametrize(
    ("word", "gloss"),
    [("说", "speak"),  # the main reading (shuo1), not shui4 "to persuade"
     ("王", "king or monarch"),  # not its surname entry
     ("了", ""),  # a particle
     ("竖提", "stroke in Chinese characters")],  # its Ext B character (𠄌) left out
)
def test_word_gloss_is_the_first_clean_sense_of_the_main_entry(word, gloss):
    assert word_gloss(word) == gloss
