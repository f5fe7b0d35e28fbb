"""Sentence splitting: hand-checked cases on tiny Chinese and English paragraphs."""

from __future__ import annotations

import pytest

from corpus.errors import UnknownChoiceError
from corpus.split import split_sentences


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("今天下雨。明天晴天！后天呢？", ["今天下雨。", "明天晴天！", "后天呢？"]),
        # dialogue: the closing quote stays with its sentence
        ("他说：“你好。”她笑了。", ["他说：“你好。”", "她笑了。"]),
        ("她问：「真的吗？」我点头。", ["她问：「真的吗？」", "我点头。"]),
        ("那男孩道：“呸，你不会摔交。 ”他走了。", ["那男孩道：“呸，你不会摔交。 ”", "他走了。"]),
        # a run of terminators is one boundary
        ("你疯了吗？！快走！！", ["你疯了吗？！", "快走！！"]),
        # ellipsis: inside a sentence no split; closed by a quote or at the end it splits
        ("我……我不知道。", ["我……我不知道。"]),
        ("“……”他沉默了很久……", ["“……”", "他沉默了很久……"]),
        # the semicolon does not end a sentence (measured on MAC-Dev)
        ("有的人笑；有的人哭。", ["有的人笑；有的人哭。"]),
        # numbers and abbreviations
        (
            "人口增长了3.5%，达到1.2亿。Dr. Li来了。",
            ["人口增长了3.5%，达到1.2亿。", "Dr. Li来了。"],
        ),
        ("他用的是Python. 然后走了。", ["他用的是Python.", "然后走了。"]),
        # ASCII twins
        ("真的!不会吧?好吧。", ["真的!", "不会吧?", "好吧。"]),
        # brackets after the terminator
        ("（这是注释。）正文开始。", ["（这是注释。）", "正文开始。"]),
        ("没有句号的标题", ["没有句号的标题"]),
        ("  ", []),
    ],
)
def test_split_zh(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph, "zh") == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("It rained. The sun came out.", ["It rained.", "The sun came out."]),
        (
            "Mr. Smith met Dr. Lee and Mrs. Wang in the U.S. on Jan. 5. They talked.",
            ["Mr. Smith met Dr. Lee and Mrs. Wang in the U.S. on Jan. 5.", "They talked."],
        ),
        ("See No. 5 for details. It is long.", ["See No. 5 for details.", "It is long."]),
        (
            "Use a tool, e.g. a hammer. Or i.e. a saw. Done.",
            ["Use a tool, e.g. a hammer.", "Or i.e. a saw.", "Done."],
        ),
        ("He lives on Main St. near the park.", ["He lives on Main St. near the park."]),
        ("It cost 3.5 million dollars. Why?", ["It cost 3.5 million dollars.", "Why?"]),
        # quotes and brackets after the period stay with the sentence
        ('He said, "Go home." She left.', ['He said, "Go home."', "She left."]),
        ("(It was late.) We left.", ["(It was late.)", "We left."]),
        # Punkt breaks after !/? and ellipses; a lower-case start joins back
        (
            "'Very well!' he replied. 'Oh . . . nothing.'",
            ["'Very well!' he replied.", "'Oh . . . nothing.'"],
        ),
        ("Who are you? I am nobody!", ["Who are you?", "I am nobody!"]),
        # an abbreviation that can end a sentence, then a sentence-starting word
        (
            "A researcher from the U.S. She spoke. The U.S. President came.",
            ["A researcher from the U.S.", "She spoke.", "The U.S. President came."],
        ),
        # an enumerator is not a sentence
        ("1. Optimizing In-situ Conservation", ["1. Optimizing In-situ Conservation"]),
        ("Chen Miner (陈敏尔) said so. He left.", ["Chen Miner (陈敏尔) said so.", "He left."]),
    ],
)
def test_split_en(paragraph: str, expected: list[str]) -> None:
    assert split_sentences(paragraph, "en") == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_never_joins_across_paragraphs(lang: str) -> None:
    text = "第一段没有句号\n\n第二段。" if lang == "zh" else "First has no period\n\nSecond one."
    assert len(split_sentences(text, lang)) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_whitespace_collapsed_no_newlines(lang: str) -> None:
    for sentence in split_sentences("A  line\nwrapped   here. 第二  句。\n", lang):
        assert "\n" not in sentence and "  " not in sentence and sentence == sentence.strip()


def test_unknown_language() -> None:
    with pytest.raises(UnknownChoiceError, match="valid choices: en, zh"):
        split_sentences("Bonjour.", "fr")


def test_bitext_split_command(tmp_path, capsys) -> None:
    from scripts.cli import main

    path = tmp_path / "a.en.txt"
    path.write_text("重慶與世界\n\nIt rained. Dr. Li left.\n\nSource / X\n", encoding="utf-8")
    assert main(["split", str(path)]) == 0
    assert capsys.readouterr().out == "It rained.\nDr. Li left.\n"
    out = tmp_path / "out.txt"
    assert main(["split", str(path), "-o", str(out), "--presplit"]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "重慶與世界"
    assert main(["split", str(tmp_path / "missing.txt")]) == 2
