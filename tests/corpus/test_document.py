"""``Side``: its script, and the side as scoring reads it."""

from __future__ import annotations

import dataclasses

import pytest

from corpus.document import Side


@pytest.mark.parametrize(
    ("sentences", "lang", "script"),
    [
        (("他的頭髮很長。", "你好。"), "zh", "Hant"),
        (("他的头发很长。", "你好。"), "zh", "Hans"),
        ((), "zh", "Hans"),
        (("Hello.",), "en", "Latn"),
        (("Hello.",), "", ""),  # no language, no script
    ],
)
def test_script_is_detected_when_not_given(sentences, lang: str, script: str) -> None:
    assert Side(sentences, lang).script == script


def test_a_given_script_is_kept_and_checked() -> None:
    assert Side(("你好。",), "zh", script="Hant").script == "Hant"
    with pytest.raises(ValueError, match="'Latn' is not one of Hans, Hant"):
        Side(("你好。",), "zh", script="Latn")
    side = Side(("頭髮。",), "zh")
    assert dataclasses.replace(side, sentences=("你好。",)).script == "Hant"


def test_for_scoring_reads_traditional_as_simplified_and_keeps_the_rest() -> None:
    side = Side(("後來她把頭髮剪短了。", "２０２１年　幹部們笑了。"), "zh", paragraphs=(0, 1),
                source="a.txt", encoding="big5")
    scored = side.for_scoring()
    assert scored.sentences == ("后来她把头发剪短了。", "2021年 干部们笑了。")
    assert scored.script == "Hans"
    assert (scored.paragraphs, scored.source, scored.encoding) == ((0, 1), "a.txt", "big5")
    assert side.sentences == ("後來她把頭髮剪短了。", "２０２１年　幹部們笑了。")  # unchanged


def test_for_scoring_is_the_side_itself_when_nothing_changes() -> None:
    side = Side(("他笑了。",), "zh")
    assert side.for_scoring() is side
    english = Side(("Ｈｅ　ｌａｕｇｈｅｄ.",), "en")
    assert english.for_scoring().sentences == ("He laughed.",)
