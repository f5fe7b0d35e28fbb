"""Traditional Chinese and full-width forms, end to end: scored as Simplified with ASCII
letters and digits, written out exactly as given."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from align import align_texts
from align.aligner import Aligner
from align.encoders.lexical import LexicalEncoder
from corpus.document import Side
from scripts.cli import main

HANS = """那天晚上我没走掉。陈清扬把我拽住，以伟大友谊的名义叫我留下来。

她说我的友谊是假的。我问她：“你为什么相信我？”

后来她把头发剪短了，干部们都笑了。1998年，她在WTO工作。天亮了。
"""
# The same text in Traditional characters, with Taiwan's quotation marks and full-width
# digits and letters.
HANT = """那天晚上我沒走掉。陳清揚把我拽住，以偉大友誼的名義叫我留下來。

她說我的友誼是假的。我問她：「你為什麼相信我？」

後來她把頭髮剪短了，幹部們都笑了。１９９８年，她在ＷＴＯ工作。天亮了。
"""
HANT_SENTENCES = [
    "那天晚上我沒走掉。", "陳清揚把我拽住，以偉大友誼的名義叫我留下來。", "她說我的友誼是假的。",
    "我問她：「你為什麼相信我？」", "後來她把頭髮剪短了，幹部們都笑了。",
    "１９９８年，她在ＷＴＯ工作。", "天亮了。",
]
EN = """I did not leave that night. Chen Qingyang held me back and asked me to stay in the name of our great friendship.

She said my friendship was fake. I asked her: “Why do you believe me?”

Later she cut her hair short, and the cadres all laughed. In 1998 she worked at the WTO.
"""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_traditional_scores_as_simplified_and_keeps_its_characters() -> None:
    simplified = align_texts(HANS, EN, encoder="lexical")
    traditional = align_texts(HANT, EN, encoder="lexical")
    assert traditional.beads == simplified.beads  # the same beads with the same scores
    assert list(traditional.src.sentences) == HANT_SENTENCES
    assert (traditional.src.script, simplified.src.script) == ("Hant", "Hans")
    assert [p.zh for p in traditional.pairs()][4] == "後來她把頭髮剪短了，幹部們都笑了。"


class _Recording(LexicalEncoder):
    """The lexical encoder, keeping the sides it was given."""

    def features(self, src: Side, tgt: Side):
        self.seen = (src, tgt)
        return super().features(src, tgt)


def test_the_encoder_reads_the_scoring_view_and_the_document_the_input() -> None:
    encoder = _Recording()
    zh = Side(("他的頭髮很長。", "１９９８年。"), "zh")
    en = Side(("His hair was long.", "In 1998."), "en")
    doc = Aligner(encoder).align(zh, en)
    assert encoder.seen[0].sentences == ("他的头发很长。", "1998年。")
    assert encoder.seen[1] is en
    assert doc.src is zh and doc.tgt is en


def test_cli_align_and_export_keep_traditional(tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text(HANT, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["align", str(tmp_path / "zh.txt"), str(tmp_path / "en.txt"), "-o", str(out),
                 "--encoder", "lexical"]) == 0
    assert (out / "src.sents").read_text(encoding="utf-8").splitlines() == HANT_SENTENCES
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert (meta["src"]["script"], meta["tgt"]["script"]) == ("Hant", "Latn")
    pairs = [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]
    assert "".join(p["src"] for p in pairs) == "".join(HANT_SENTENCES)

    assert main(["export", str(out), "-f", "tmx", "-o", str(tmp_path / "x.tmx")]) == 0
    tuvs = ET.parse(tmp_path / "x.tmx").getroot().findall("body/tu/tuv")
    chinese = [t.find("seg").text for t in tuvs if t.get(XML_LANG) == "zh-Hant"]
    assert chinese[:2] == HANT_SENTENCES[:2]
    assert {t.get(XML_LANG) for t in tuvs} == {"zh-Hant", "en-US"}

    assert main(["export", str(out), "-f", "jsonl", "-o", str(tmp_path / "x.jsonl")]) == 0
    records = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text().splitlines()]
    assert {r["zh_lang"] for r in records} == {"zh-Hant"}
    assert "".join(r["translation"]["zh"] for r in records) == "".join(HANT_SENTENCES)
