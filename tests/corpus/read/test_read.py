"""Reading: encodings, languages, paragraphs, set-aside lines, presplit, input errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.document import SetAside
from corpus.errors import InputError
from corpus.read import detect_language, read_pair, read_side, set_aside_reason
from tests.corpus.read.files import write

ZH = "图书馆今天开放了。市民排队入场！\n\n馆长说：“欢迎大家。”她笑了。\n"
EN = 'The library opened today. People queued to get in!\n\nThe director said, "Welcome."\n'


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("图书馆今天开放了。", "zh"),
        ("The library opened today.", "en"),
        ("The slogan 绿水青山 means green mountains are as valuable as gold.", "en"),
        ("我们用iPhone拍照，APEC会议在北京召开。", "zh"),
        ("重慶與世界 2021年10期", "zh"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "12345 !!!", "Привет, как дела у тебя сегодня?"])
def test_detect_language_neither(text: str) -> None:
    with pytest.raises(InputError, match="neither Chinese nor English"):
        detect_language(text)


def test_read_side_paragraphs(tmp_path: Path) -> None:
    side = read_side(write(tmp_path, "a.zh.txt", ZH))
    assert side.lang == "zh" and side.encoding == "utf-8"
    assert side.sentences == (
        "图书馆今天开放了。",
        "市民排队入场！",
        "馆长说：“欢迎大家。”",
        "她笑了。",
    )
    assert side.paragraphs == (0, 0, 1, 1)
    assert side.source.endswith("a.zh.txt")


def test_one_paragraph_a_line_without_blank_lines(tmp_path: Path) -> None:
    side = read_side(write(tmp_path, "a.en", "First paragraph. Two.\nSecond paragraph\nThird.\n"))
    assert side.sentences == ("First paragraph.", "Two.", "Second paragraph", "Third.")
    assert side.paragraphs == (0, 0, 1, 2)


def test_wrapped_lines_join(tmp_path: Path) -> None:
    zh = read_side(write(tmp_path, "w.zh", "第一行没有\n写完。\n\n新段落。\n"))
    assert zh.sentences == ("第一行没有写完。", "新段落。")
    en = read_side(write(tmp_path, "w.en", "A line that\nwraps   here.\n\nNew one.\n"))
    assert en.sentences == ("A line that wraps here.", "New one.")


@pytest.mark.parametrize("encoding", ["gb18030", "big5"])
def test_legacy_chinese_encodings(tmp_path: Path, encoding: str) -> None:
    text = "圖書館今天開放了。市民排隊入場！\n\n館長說：「歡迎大家。」\n"
    side = read_side(write(tmp_path, f"{encoding}.txt", text.encode(encoding)))
    assert side.encoding == encoding
    assert side.sentences == ("圖書館今天開放了。", "市民排隊入場！", "館長說：「歡迎大家。」")


def test_bom_is_fine(tmp_path: Path) -> None:
    side = read_side(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + EN.encode()))
    assert side.sentences[0] == "The library opened today."


def test_markdown(tmp_path: Path) -> None:
    md = (
        "# The *New* Library\n\n"
        "The [library](https://example.org) opened on **Monday**. It has 3.5 million books.\n\n"
        "- First item\n- Second _item_\n\n---\n\n```\ncode here\n```\n"
    )
    side = read_side(write(tmp_path, "a.md", md))
    assert side.sentences == (
        "The New Library",
        "The library opened on Monday.",
        "It has 3.5 million books.",
        "First item",
        "Second item",
    )
    assert [s.reason for s in side.set_aside] == ["markup"] * 4


SEED_LIKE = """

2021-11-04 05:29
重慶與世界 2021年10期


On September 24, Chen Miner (陈敏尔) met the Chief Executive. They talked about trade.

Officials from both sides attended.

Source / Chongqing Daily

重慶市政府 全力支持陳敏爾
"""


def test_set_aside_seed_like(tmp_path: Path) -> None:
    side = read_side(write(tmp_path, "seed.en.txt", SEED_LIKE))
    assert side.lang == "en"
    assert side.sentences == (
        "On September 24, Chen Miner (陈敏尔) met the Chief Executive.",
        "They talked about trade.",
        "Officials from both sides attended.",
    )
    assert side.set_aside == (
        SetAside(3, "2021-11-04 05:29", "metadata"),
        SetAside(4, "重慶與世界 2021年10期", "other-language"),
        SetAside(11, "Source / Chongqing Daily", "metadata"),
        SetAside(13, "重慶市政府 全力支持陳敏爾", "other-language"),
    )


@pytest.mark.parametrize(
    ("line", "lang", "reason"),
    [
        ("2021-11-04 05:29", "en", "metadata"),
        ("October 2021", "en", "metadata"),
        ("（2021年10月）", "zh", "metadata"),
        ("来源：重庆日报", "zh", "metadata"),
        ("责任编辑：张三", "zh", "metadata"),
        ("Source / Chongqing Daily", "en", "metadata"),
        ("https://example.org/news/1.html", "en", "metadata"),
        ("- 12 -", "en", "metadata"),
        ("第3页", "zh", "metadata"),
        ("* * *", "en", "metadata"),
        ("重慶市政府 全力支持陳敏爾", "en", "other-language"),
        ("Chongqing & the World, Issue 10", "zh", "other-language"),
        # real sentences and headings stay
        ("Chen Miner (陈敏尔) said Chongqing would open wider.", "en", None),
        ("The slogan 绿水青山就是金山银山 is well known.", "en", None),
        ("APEC会议在北京召开。", "zh", None),
        ("……", "zh", None),
        ("Preface", "en", None),
        ("By the river we sat down.", "en", None),
        ("Source of the Yangtze River", "en", None),
        ("In 2021 the city grew.", "en", None),
    ],
)
def test_set_aside_reason(line: str, lang: str, reason: str | None) -> None:
    assert set_aside_reason(line, lang) == reason


def test_presplit_keeps_every_line(tmp_path: Path) -> None:
    lines = ["2021-11-04 05:29", "重慶與世界", "Mr. Smith left. He was tired.", "Source / X"]
    side = read_side(write(tmp_path, "gold.en", "\n".join(lines) + "\n"), presplit=True)
    assert side.sentences == tuple(lines)
    assert side.set_aside == ()
    assert side.lang == "en"


def test_read_pair_either_order(tmp_path: Path) -> None:
    zh, en = write(tmp_path, "a.zh", ZH), write(tmp_path, "a.en", EN)
    assert [s.lang for s in read_pair(zh, en)] == ["zh", "en"]
    assert [s.lang for s in read_pair(en, zh)] == ["en", "zh"]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a": ZH, "b": ZH}, "both files are Chinese; expected one Chinese and one English file"),
        ({"a": EN, "b": EN}, "both files are English; expected one Chinese and one English file"),
        ({"a": ZH, "b": "  \n\n"}, "contains no text"),
        ({"a": ZH, "b": ""}, "contains no text"),
        ({"a": ZH, "b": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "binary file"),
        ({"a": ZH}, "no such file"),
        ({"a": ZH, "b": "Source / X\n\n2021-11-04\n"}, "contains no text"),
    ],
)
def test_read_pair_errors(tmp_path: Path, files: dict[str, str | bytes], message: str) -> None:
    paths = {name: write(tmp_path, name, text) for name, text in files.items()}
    with pytest.raises(InputError, match=message) as info:
        read_pair(paths["a"], paths.get("b", tmp_path / "missing.txt"))
    assert "\n" not in str(info.value)


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        read_side(tmp_path)


def test_forced_language(tmp_path: Path) -> None:
    side = read_side(write(tmp_path, "a.txt", "OK.\n"), lang="zh")
    assert side.lang == "zh"


def test_real_seed_file(shared_data: Path) -> None:
    side = read_side(shared_data / "seed" / "chongqing-hongkong-2021.en.txt")
    assert side.lang == "en"
    assert {s.reason for s in side.set_aside} == {"metadata", "other-language"}
    assert any("Source" in s.text for s in side.set_aside)
    assert all(not any("\u4e00" <= c <= "\u9fff" for c in s) for s in side.sentences)


EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_example_pair() -> None:
    zh, en = read_pair(EXAMPLES / "article.zh.txt", EXAMPLES / "article.en.txt")
    assert (zh.lang, en.lang) == ("zh", "en")
    assert 25 <= len(zh) <= 40 and 25 <= len(en) <= 40
    assert [s.reason for s in zh.set_aside] == ["metadata", "metadata"]
    assert [s.reason for s in en.set_aside] == ["other-language", "metadata", "metadata"]
    assert any(s.startswith("She hopes the new library") for s in en.sentences)
