"""jieba tokens with numbers kept whole, and Chinese numerals read as digits."""

from __future__ import annotations

import pytest

from corpus.lang.chinese import chinese_number, chinese_tokens


@pytest.mark.parametrize(
    ("text", "number"),
    [("三", "3"), ("十", "10"), ("二十六", "26"), ("一千九百七十二", "1972"), ("一九七二", "1972"),
     ("两万三千", "23000"), ("三亿", "300000000"), ("天", None), ("", None)],
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    ("sentence", "number"),
    [("共有四万六千五百名。", "四万六千五百"), ("共有三万二千二百名", "三万二千二百"),
     ("一九四九年", "一九四九")],
)
def test_numbers_stay_whole_tokens(sentence, number):
    # jieba alone cuts these apart (四万|六千五百, 三万二千|二百名).
    assert number in chinese_tokens(sentence)


def test_numeral_words_are_not_numbers():
    assert "三四" not in chinese_tokens("三四天后")  # three or four days
    assert chinese_tokens("你千万不要去") == ("你", "千万", "不要", "去")  # by all means
