"""The common step: blocks → sentences, set-aside lines, paragraph indices."""

from __future__ import annotations

import pytest

from corpus.document import SetAside
from corpus.read.extracted import Block, Extracted, Line
from corpus.read.side import build_side, join_lines


@pytest.mark.parametrize(
    ("lines", "lang", "joined"),
    [
        (["第一行没有", "写完。"], "zh", "第一行没有写完。"),
        (["他说：", "“好。”"], "zh", "他说：“好。”"),  # quotation marks are not ASCII
        (["用了", "APEC标准"], "zh", "用了APEC标准"),
        (["the APEC", "standard"], "zh", "the APEC standard"),  # two Latin words
        (["A line that", "wraps."], "en", "A line that wraps."),
        (["the era—", "when films"], "en", "the era—when films"),  # an unspaced dash
        (["too-tah –", "too-tah"], "en", "too-tah – too-tah"),  # a spaced one
    ],
)
def test_join_lines(lines: list[str], lang: str, joined: str) -> None:
    assert join_lines(lines, lang) == joined


def extracted(*blocks: Block, set_aside: tuple[SetAside, ...] = ()) -> Extracted:
    return Extracted("html", blocks, set_aside, "utf-8")


def test_lines_are_checked_one_by_one_and_reports_merge_in_order() -> None:
    side = build_side(extracted(
        Block("heading", (Line(3, "Mr. Smith Goes to Town. A Review"),)),
        Block("paragraph", (Line(5, "2021-11-04"), Line(6, "He went. She stayed."))),
        Block("paragraph", (Line(9, "Source / City Daily"),)),
        set_aside=(SetAside(1, "Home", "html-boilerplate"), SetAside(7, "Share", "html-boilerplate")),
    ), "en", source="page.html")
    assert side.sentences == ("Mr. Smith Goes to Town. A Review", "He went.", "She stayed.")
    assert side.paragraphs == (0, 1, 1)  # the block that kept nothing has no index
    assert [item.line_no for item in side.set_aside] == [1, 5, 7, 9]
    assert [item.reason for item in side.set_aside] == ["html-boilerplate", "metadata",
                                                        "html-boilerplate", "metadata"]
    assert side.format == "html" and side.source == "page.html"


def test_presplit_takes_every_line_as_a_sentence() -> None:
    side = build_side(extracted(
        Block("paragraph", (Line(1, "2021-11-04"), Line(2, "He went. She stayed."))),
    ), "en", presplit=True)
    assert side.sentences == ("2021-11-04", "He went. She stayed.")
    assert side.paragraphs == (0, 0) and side.set_aside == ()


def test_unknown_block_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="block kind 'footnote'"):
        Block("footnote", (Line(1, "x"),))
