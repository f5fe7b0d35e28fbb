"""Script detection, Traditional → Simplified for scoring, and full-width forms."""

from __future__ import annotations

import unicodedata

import pytest

from corpus.lang.variants import (
    CHINESE_PUNCTUATION,
    check_script,
    detect_script,
    language_tag,
    normalise_width,
    scored_script,
    scoring_text,
)


@pytest.mark.parametrize(
    ("sentences", "script"),
    [
        (["頭髮很長。"], "Hant"),
        (["头发很长。"], "Hans"),
        (["他看著我。"], "Hant"),  # Taiwan's 著 for 着
        (["你好。"], "Hans"),  # no character tells: the default
        ([], "Hans"),
        (["皇后和乾隆皇帝。"], "Hans"),  # 后 and 乾 are Simplified here too
        (["這是一本書。", "我们"], "Hant"),  # the whole side decides: 這 書 against 们
        (["这是一本书。", "們"], "Hans"),
        (["iPhone 15", "2021"], "Hans"),
    ],
)
def test_detect_script_of_chinese(sentences: list[str], script: str) -> None:
    assert detect_script("zh", sentences) == script


def test_english_is_latin() -> None:
    assert detect_script("en", ["Hello."]) == "Latn"


@pytest.mark.parametrize(
    ("text", "script", "scored"),
    [
        ("他的頭髮乾了。", "Hant", "他的头发干了。"),
        ("幹部們後來都笑了。", "Hant", "干部们后来都笑了。"),
        ("皇后和乾隆皇帝", "Hant", "皇后和乾隆皇帝"),  # phrases: 后 and 乾 stay
        ("他看著我。", "Hant", "他看着我。"),
        ("這是ＷＴＯ的", "Hans", "這是WTO的"),  # a Simplified side is not converted
        ("１９９８年，她去了北京。", "Hans", "1998年，她去了北京。"),
        ("Ｈｅｌｌｏ", "Latn", "Hello"),
    ],
)
def test_scoring_text(text: str, script: str, scored: str) -> None:
    assert scoring_text(text, script) == scored


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("ＷＴＯ成立于１９９５年", "WTO成立于1995年"),
        ("占５０％，增长３．５倍", "占50%，增长3.5倍"),
        ("　第一章　开始", " 第一章 开始"),
        ("他说：“好！”（注）你呢？是；不，", "他说：“好！”（注）你呢？是；不，"),
        ("［１］｛ａ｝", "［1］｛a｝"),
        ("。、「」…—", "。、「」…—"),  # CJK punctuation outside the full-width block
    ],
)
def test_normalise_width(text: str, normalised: str) -> None:
    assert normalise_width(text) == normalised


def test_every_other_full_width_form_reads_as_nfkc_does() -> None:
    for code in range(0xFF01, 0xFF5F):
        char = chr(code)
        expected = char if char in CHINESE_PUNCTUATION else unicodedata.normalize("NFKC", char)
        assert normalise_width(char) == expected, hex(code)


@pytest.mark.parametrize(
    ("lang", "script", "tag"),
    [("zh", "Hans", "zh-Hans"), ("zh", "Hant", "zh-Hant"), ("zh", "", "zh"), ("en", "Latn", "en")],
)
def test_language_tag(lang: str, script: str, tag: str) -> None:
    assert language_tag(lang, script) == tag


def test_check_script_and_the_script_scoring_reads() -> None:
    assert check_script("zh", "Hant") == "Hant"
    for lang, script in [("zh", "Latn"), ("en", "Hans"), ("zh", "Traditional"), ("", "Hans")]:
        with pytest.raises(ValueError, match="is not one of"):
            check_script(lang, script)
    assert (scored_script("Hant"), scored_script("Hans"), scored_script("Latn")) == (
        "Hans", "Hans", "Latn"
    )
