"""TMX, TSV, Moses, JSONL and XLIFF writers, and round trips through the importers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from corpus.errors import ConfigError
from corpus.export import ExportOptions, SplitSpec, WriteOptions, export, import_files
from corpus.export.rows import DocSource

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _pairs(*dirs: Path, deletions: bool = True) -> list[tuple[str, str, float, str]]:
    return [
        (r.en, r.zh, round(r.score, 4), r.status)
        for d in dirs
        for r in DocSource(d).rows()
        if r.status != "rejected" and (deletions or not r.is_deletion)
    ]


def _reimported(tmp_path: Path, fmt: str, files: list[Path]) -> list[tuple[str, str, float, str]]:
    out = tmp_path / f"imported-{fmt}"
    import_files(fmt, files, out)
    return [(r.en, r.zh, round(r.score, 4), r.status) for r in DocSource(out).rows()]


def test_tmx_header_escaping_and_round_trip(tmp_path: Path, novel_dir: Path) -> None:
    path = tmp_path / "out.tmx"
    options = ExportOptions(format="tmx", write=WriteOptions(zh_tag="zh-TW", en_tag="en-GB"))
    report = export([novel_dir], path, options)
    assert report.skipped_deletions == 1 and report.rows_written == 3
    root = ET.parse(path).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    for attr, value in [("creationtool", "bitext"), ("srclang", "zh-TW"), ("adminlang", "en"),
                        ("segtype", "sentence"), ("o-tmf", "bitext"), ("datatype", "plaintext")]:
        assert header.get(attr) == value
    assert header.get("creationtoolversion")
    assert header.find("prop[@type='x-bitext-signature']").text.startswith("bitext:0.1.0|")
    tus = root.findall("body/tu")
    assert len(tus) == 3
    props = {p.get("type"): p.text for p in tus[1].findall("prop")}
    assert props == {"x-doc-id": "novel", "x-bead": "2-1", "x-src-ids": "1,2", "x-tgt-ids": "1",
                     "x-score": "0.5000", "x-status": "auto"}
    segs = {tuv.get(XML_LANG): tuv.find("seg").text for tuv in tus[1].findall("tuv")}
    assert segs == {"en-GB": "World <script>&\"'", "zh-TW": "世界<script>&\"'多余的句子。"}
    assert _reimported(tmp_path, "tmx", [path]) == _pairs(novel_dir, deletions=False)


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_tsv_and_jsonl_round_trip(tmp_path: Path, novel_dir: Path, news_dir: Path,
                                  fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    report = export([novel_dir, news_dir], path, ExportOptions(format=fmt))
    assert report.skipped_deletions == 0 and report.rows_written == 8
    assert _reimported(tmp_path, fmt, [path]) == _pairs(novel_dir, news_dir)
    assert json.loads(path.with_name(path.name + ".export_report.json").read_text())[
        "rows_written"] == 8


def test_tsv_header_and_escaping(tmp_path: Path, make_outdir) -> None:
    out = make_outdir("tabs", [("a\tb \\ c", "甲\t乙", 0.5)])
    path = tmp_path / "x.tsv"
    export([out], path, ExportOptions(format="tsv"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:5] == ["en", "zh", "score", "doc_id", "bead"]
    assert lines[1].split("\t")[:2] == ["a\\tb \\\\ c", "甲\\t乙"]


def test_moses_round_trip_and_splits(tmp_path: Path, novel_dir: Path, news_dir: Path) -> None:
    name = tmp_path / "corpus"
    export([novel_dir, news_dir], name, ExportOptions(format="moses"))
    en = (tmp_path / "corpus.en").read_text(encoding="utf-8").splitlines()
    zh = (tmp_path / "corpus.zh").read_text(encoding="utf-8").splitlines()
    assert list(zip(en, zh, strict=True)) == [p[:2] for p in _pairs(novel_dir, news_dir,
                                                                      deletions=False)]
    back = _reimported(tmp_path, "moses", [tmp_path / "corpus.en", tmp_path / "corpus.zh"])
    assert [p[:2] for p in back] == list(zip(en, zh, strict=True))
    split = SplitSpec.parse("a=0.5,b=0.5", seed=3)
    report = export([novel_dir, news_dir], tmp_path / "s", ExportOptions("moses", split=split))
    for name_, n in report.splits.items():
        if n:
            assert len((tmp_path / f"s.{name_}.en").read_text().splitlines()) == n


def test_xliff_parses(tmp_path: Path, novel_dir: Path, news_dir: Path) -> None:
    path = tmp_path / "out.xlf"
    export([novel_dir, news_dir], path, ExportOptions(format="xliff"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.parse(path).getroot()
    assert root.get("version") == "2.0"
    assert (root.get("srcLang"), root.get("trgLang")) == ("zh-Hans", "en-US")
    files = root.findall("x:file", ns)
    assert [f.get("original") for f in files] == ["novel", "news"]
    units = root.findall(".//x:unit", ns)
    assert len(units) == 7  # 3 novel + 4 news (no deletion, no rejected)
    assert units[1].find("x:segment/x:source", ns).text == "世界<script>&\"'多余的句子。"
    assert units[1].find("x:segment/x:target", ns).text == "World <script>&\"'"


def test_tmx_cannot_keep_deletions(tmp_path: Path, novel_dir: Path) -> None:
    with pytest.raises(ConfigError, match="cannot keep deletions"):
        export([novel_dir], tmp_path / "x.tmx",
               ExportOptions("tmx", write=WriteOptions(keep_deletions=True)))


def _tuv_tags(path: Path) -> list[tuple[str, str]]:
    """(xml:lang, text) of the Chinese <tuv> of each <tu>."""
    tuvs = [tuv for tu in ET.parse(path).getroot().findall("body/tu") for tuv in tu.findall("tuv")]
    return [(t.get(XML_LANG), t.find("seg").text) for t in tuvs if t.get(XML_LANG) != "en-US"]


def test_tmx_tags_chinese_by_the_script_it_is_written_in(tmp_path: Path, novel_dir: Path,
                                                          tales_dir: Path) -> None:
    path = tmp_path / "tales.tmx"
    export([tales_dir], path, ExportOptions(format="tmx"))
    assert ET.parse(path).getroot().find("header").get("srclang") == "zh-Hant"
    assert _tuv_tags(path) == [("zh-Hant", "後來她把頭髮剪短了。"), ("zh-Hant", "衣服乾了。")]
    both = tmp_path / "both.tmx"
    export([novel_dir, tales_dir], both, ExportOptions(format="tmx"))
    # both documents have Chinese as their source, in two scripts
    assert ET.parse(both).getroot().find("header").get("srclang") == "*all*"
    assert [tag for tag, _ in _tuv_tags(both)] == ["zh-Hans"] * 3 + ["zh-Hant"] * 2
    chosen = tmp_path / "chosen.tmx"
    export([novel_dir, tales_dir], chosen,
           ExportOptions(format="tmx", write=WriteOptions(zh_tag="zh-TW")))
    assert {tag for tag, _ in _tuv_tags(chosen)} == {"zh-TW"}
    assert ET.parse(chosen).getroot().find("header").get("srclang") == "zh-TW"


def test_xliff_tags_chinese_by_script_and_plain_zh_when_documents_differ(
        tmp_path: Path, novel_dir: Path, tales_dir: Path) -> None:
    for inputs, tag in [([tales_dir], "zh-Hant"), ([novel_dir, tales_dir], "zh")]:
        path = tmp_path / "out.xlf"
        export(inputs, path, ExportOptions(format="xliff"))
        assert ET.parse(path).getroot().get("srcLang") == tag


def test_tsv_and_jsonl_carry_zh_lang(tmp_path: Path, novel_dir: Path, tales_dir: Path) -> None:
    export([novel_dir, tales_dir], tmp_path / "x.tsv", ExportOptions(format="tsv"))
    lines = (tmp_path / "x.tsv").read_text(encoding="utf-8").splitlines()
    rows = [dict(zip(lines[0].split("\t"), line.split("\t"), strict=True)) for line in lines[1:]]
    assert [(r["zh"], r["zh_lang"]) for r in rows if r["doc_id"] == "tales"] == [
        ("後來她把頭髮剪短了。", "zh-Hant"), ("衣服乾了。", "zh-Hant")]
    assert {r["zh_lang"] for r in rows if r["doc_id"] == "novel"} == {"zh-Hans"}
    export([tales_dir], tmp_path / "x.jsonl", ExportOptions(format="jsonl"))
    records = [json.loads(line) for line in (tmp_path / "x.jsonl").read_text().splitlines()]
    assert [(r["translation"]["zh"], r["zh_lang"]) for r in records] == [
        ("後來她把頭髮剪短了。", "zh-Hant"), ("衣服乾了。", "zh-Hant")]
