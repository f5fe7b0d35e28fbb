"""One file holding both languages: the language of each line, the pairing, the two Sides."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.read import read_interleaved
from corpus.read.interleaved import pair_lines
from tests.corpus.read.files import docx_bytes, docx_document, write

ZH_TITLE, EN_TITLE = "新图书馆开馆", "The New Library Opens"
ZH_1, EN_1 = "市图书馆周一开放了新馆。数百名读者在门外排队。", (
    "The city library opened its new building on Monday. Hundreds of readers queued at the door.")
ZH_2, EN_2 = "馆长感谢了建筑师。她剪了彩。", "The director thanked the architects. She cut the ribbon."

# (lines, languages, pairs): each checked by hand.
PAIRINGS = [
    pytest.param([ZH_TITLE, EN_TITLE, ZH_1, EN_1], "zh en zh en", [0, 0, 1, 1], id="alternating"),
    pytest.param([EN_TITLE, ZH_TITLE, EN_1, ZH_1], "en zh en zh", [0, 0, 1, 1], id="english-first"),
    # "1." has no script: it heads what follows, on either side
    pytest.param([ZH_TITLE, EN_TITLE, "1.", ZH_1, "1.", EN_1], "zh en zh zh en en",
                 [0, 0, 1, 1, 1, 1], id="numbers-head-paragraphs"),
    # 一 is Chinese however short; "(1)" is a short Latin line next to English
    pytest.param(["（一）", ZH_1, "(I)", EN_1, "（二）", ZH_2, "(II)", EN_2],
                 "zh zh en en zh zh en en", [0, 0, 0, 0, 1, 1, 1, 1], id="section-marks"),
    # a pair of several paragraphs a side
    pytest.param([ZH_TITLE, ZH_1, EN_TITLE, EN_1, ZH_2, EN_2], "zh zh en en zh en",
                 [0, 0, 0, 0, 1, 1], id="runs"),
    # a short English line between Chinese ones is where the alternation puts English
    pytest.param(["“是吗？”", "“Really?”", ZH_2, EN_2], "zh en zh en", [0, 0, 1, 1],
                 id="short-reply"),
    pytest.param([ZH_1, "“No.”", ZH_2, EN_2], "zh en zh en", [0, 0, 1, 1], id="short-english"),
    pytest.param(["“No.”", ZH_1, EN_2, ZH_2], "en zh en zh", [0, 0, 1, 1], id="short-first-line"),
    # a Latin title inside the Chinese that the English writes too stays Chinese
    pytest.param(["本报推出新栏目", "China Today", "每周一期。", "Our paper starts a new column,",
                  "China Today", "once a week, in print and online.", ZH_2, EN_2],
                 "zh zh zh en en en zh en", [0, 0, 0, 0, 0, 0, 1, 1], id="latin-title-in-chinese"),
    # a date pair between a Chinese and an English line is a pair; inside a run it is that run's
    pytest.param([ZH_TITLE, EN_TITLE, "（2021年10月）", "October 2021", ZH_1, EN_1],
                 "zh en zh en zh en", [0, 0, 1, 1, 2, 2], id="date-pair"),
    pytest.param([ZH_1, "October 2021", ZH_2, EN_1, ZH_TITLE, EN_TITLE], "zh zh zh en zh en",
                 [0, 0, 0, 0, 1, 1], id="date-inside-run"),
]


@pytest.mark.parametrize(("lines", "languages", "pairs"), PAIRINGS)
def test_pair_lines(lines: list[str], languages: str, pairs: list[int]) -> None:
    pairing = pair_lines(lines)
    assert (" ".join(pairing.languages), list(pairing.pairs)) == (languages, pairs)


@pytest.mark.parametrize(("lines", "message"), [
    ([ZH_1, ZH_2], "found 2 Chinese line(s) and no English"),
    ([EN_1, "12", EN_2], "found 3 English line(s) and no Chinese"),
    (["12", "***"], "found no Chinese or English line"),
    ([ZH_TITLE, ZH_1, EN_TITLE, EN_1], "the Chinese lines (2) all come before the English ones (2)"),
])
def test_lines_that_do_not_alternate_are_refused(lines: list[str], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        pair_lines(lines, "a.txt")


def test_sides_of_a_text_file(tmp_path: Path) -> None:
    text = "\n\n".join([ZH_TITLE, EN_TITLE, "2021-11-04", ZH_1, EN_1, ZH_2, EN_2, "- 3 -"])
    zh, en = read_interleaved(write(tmp_path, "a.txt", text + "\n"))
    assert zh.lang == "zh" and en.lang == "en" and zh.source == en.source
    assert zh.sentences == (ZH_TITLE, "市图书馆周一开放了新馆。", "数百名读者在门外排队。",
                            "馆长感谢了建筑师。", "她剪了彩。")
    assert zh.paragraphs == (0, 1, 1, 2, 2)
    assert en.paragraphs == (0, 1, 1, 2, 2)
    # the date heads the first pair's Chinese, the page number ends the last English
    assert [(i.line_no, i.reason) for i in zh.set_aside] == [(5, "metadata")]
    assert [(i.line_no, i.reason) for i in en.set_aside] == [(15, "metadata")]


def test_a_paragraph_holding_both_languages_is_cut(tmp_path: Path) -> None:
    text = f"{ZH_1}\n{EN_1}\n\n{ZH_2}\n{EN_2}\n"
    zh, en = read_interleaved(write(tmp_path, "a.txt", text))
    assert (len(zh), len(en)) == (4, 4)
    assert zh.paragraphs == en.paragraphs == (0, 0, 1, 1)


def test_presplit_keeps_the_pairs(tmp_path: Path) -> None:
    text = "\n".join(["他来了。", "He came.", "她走了。", "She left.", "They waved."])
    zh, en = read_interleaved(write(tmp_path, "a.txt", text), presplit=True)
    assert (zh.paragraphs, en.sentences, en.paragraphs) == (
        (0, 1), ("He came.", "She left.", "They waved."), (0, 1, 1))


def test_every_character_is_in_a_side_or_set_aside(tmp_path: Path) -> None:
    text = "\n\n".join([ZH_TITLE, EN_TITLE, "来源：新华社", "By Jane Smith", "1.", ZH_1,
                        "1.", EN_1, "***", "“是吗？”", "“Really?”", ZH_2, EN_2, "Page 2"])
    sides = read_interleaved(write(tmp_path, "a.md", text))
    read = Counter()
    for side in sides:
        for piece in (*side.sentences, *(item.text for item in side.set_aside)):
            read.update(piece.replace(" ", ""))
    assert read == Counter(text.replace("\n", "").replace(" ", ""))


def test_a_word_file(tmp_path: Path) -> None:
    document = docx_document()
    document.add_heading(ZH_TITLE, level=1)
    document.add_heading(EN_TITLE, level=1)
    for paragraph in (ZH_1, EN_1, ZH_2, EN_2):
        document.add_paragraph(paragraph)
    document.sections[0].header.paragraphs[0].text = "城市杂志 City Magazine"
    zh, en = read_interleaved(write(tmp_path, "a.docx", docx_bytes(document)))
    assert (zh.format, zh.paragraphs, en.paragraphs) == ("docx", (0, 1, 1, 2, 2), (0, 1, 1, 2, 2))
    assert en.sentences[0] == EN_TITLE
    # the page header, left out by the DOCX reader, is reported on the side of its script
    assert [item.reason for item in zh.set_aside] == ["docx-header"] and not en.set_aside


def test_one_language_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", f"{ZH_1}\n\n{ZH_2}\n")
    with pytest.raises(InputError, match=r"a\.txt: found 2 Chinese line\(s\) and no English"):
        read_interleaved(path)
