"""``bitext match``: documents as English terms, candidates, one-to-one links, the manifest."""

from __future__ import annotations

import numpy as np
import pytest

from align.batch.inputs import find_documents
from align.match.assign import link
from align.match.matcher import match_folders
from align.match.profiles import chinese_token_terms, text_terms
from corpus.rundir import read_records
from scripts.cli import main
from tests.align.batch.conftest import article

ZH_WEATHER = "今天天气很好，我们去公园散步，看见许多孩子在湖边放风筝。\n"
EN_MARKETS = ("Stock markets fell sharply on Monday as investors worried that interest rates "
              "would rise again before the end of the year.\n")


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("图书馆", {"librari"}),
        ("四万六千五百", {"46500"}),
        ("APEC", {"apec"}),
        ("王琦瑶", {"wang", "qiyao", "wangqiyao"}),  # a name: its pinyin, not its characters' glosses
        ("，", set()),
    ],
)
def test_chinese_tokens_read_as_english_terms(token, expected):
    assert expected <= chinese_token_terms(token)
    if token == "王琦瑶":
        assert chinese_token_terms(token) == expected


def test_a_token_with_several_translations_shares_one_count():
    terms = text_terms("参观", "zh")
    assert sum(terms.values()) == pytest.approx(1.0) and len(terms) > 1
    assert text_terms("He visited Chongqing in 2021.", "en") == {
        "visit": 1, "chongq": 1, "2021": 1}


def test_links_are_one_to_one_and_need_to_stand_out():
    pairs = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [2, 1]])
    cosines = np.array([0.60, 0.10, 0.12, 0.50, 0.21, 0.20])
    found = {(k.src, k.tgt) for k in link(pairs, cosines, np.zeros(len(pairs)), 0.25)}
    # 0-0 and 1-1 stand out; 2's best (0.21) is no better than its other candidate (0.20)
    assert found == {(0, 0), (1, 1)}
    assert {(k.src, k.tgt) for k in link(pairs, cosines, np.zeros(len(pairs)), 0.0)} == {
        (0, 0), (1, 1), (2, 2)}


@pytest.fixture
def crawl(tmp_path):
    src, tgt = tmp_path / "zh", tmp_path / "en"
    src.mkdir()
    tgt.mkdir()
    opening, river = article(0, 1), article(3, 4)
    (src / "a.txt").write_text(opening[0], encoding="utf-8")
    (src / "b.txt").write_text(river[0], encoding="utf-8")
    (src / "weather.txt").write_text(ZH_WEATHER, encoding="utf-8")
    (src / "broken.bin").write_bytes(b"\x00\x01" * 50)
    (tgt / "x7.txt").write_text(river[1], encoding="utf-8")
    (tgt / "q2.txt").write_text(opening[1], encoding="utf-8")
    (tgt / "markets.txt").write_text(EN_MARKETS, encoding="utf-8")
    return tmp_path


def test_translations_are_found_by_content_and_strangers_stay_unpaired(crawl):
    result = match_folders(crawl / "zh", crawl / "en")
    assert {(m.src.name, m.tgt.name) for m in result.pairs} == {
        ("a.txt", "q2.txt"), ("b.txt", "x7.txt")}
    assert sorted(p.name for p in result.unmatched_src) == ["broken.bin", "weather.txt"]
    assert [p.name for p in result.unmatched_tgt] == ["markets.txt"]
    assert [u.path.name for u in result.unreadable] == ["broken.bin"]


def test_the_manifest_lists_every_document_once_and_batch_takes_it(crawl, capsys):
    manifest = crawl / "manifest.tsv"
    assert main(["-q", "match", str(crawl / "zh"), str(crawl / "en"), "-o", str(manifest)]) == 0
    lines = manifest.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id\tsrc\ttgt\tscore"
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in lines[1:]}
    assert rows["a"][:2] == ["zh/a.txt", "en/q2.txt"] and 0.25 <= float(rows["a"][2]) <= 1
    assert rows["b"][:2] == ["zh/b.txt", "en/x7.txt"]
    assert rows["weather"] == ["zh/weather.txt", "", ""]
    assert rows["broken"] == ["zh/broken.bin", "", ""]
    assert rows["markets"] == ["", "en/markets.txt", ""]
    assert len(rows) == 5

    batch = find_documents(manifest)
    assert [p.id for p in batch.pairs] == ["a", "b"] and len(batch.unpaired) == 3
    run = crawl / "run"
    assert main(["-q", "batch", str(manifest), "-o", str(run), "--encoder", "lexical",
                 "--workers", "1"]) == 0
    assert {i: r.status for i, r in read_records(run).items()} == {"a": "ok", "b": "ok"}
    assert (run / "unpaired.tsv").read_text(encoding="utf-8").count("\n") == 4


def test_a_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["match", str(tmp_path / "nope"), str(tmp_path), "-o",
                 str(tmp_path / "m.tsv")]) == 2
    assert capsys.readouterr().err.strip().endswith("nope: no such folder")


@pytest.mark.parametrize("threshold", ["1", "-0.1"])
def test_a_threshold_outside_zero_to_one_is_refused(crawl, capsys, threshold):
    assert main(["match", str(crawl / "zh"), str(crawl / "en"), "-o", str(crawl / "m.tsv"),
                 "--threshold", threshold]) == 2
    assert "the threshold is a confidence in [0, 1)" in capsys.readouterr().err
