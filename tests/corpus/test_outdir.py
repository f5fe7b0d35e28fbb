"""write_outdir's meta.json: written afresh, or keeping what other tools added to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.beads import Bead
from corpus.document import AlignedDocument, Side
from corpus.errors import InputError
from corpus.outdir import META, read_outdir, write_outdir
from corpus.signature import Signature

ZH = Side(("你好。", "世界很大。"), "zh", source="zh.txt")
EN = Side(("Hello, wide world.",), "en", source="en.txt")
SIG = Signature("lexical", "test-dict", {"max_bead": 4}, version="0.2.0")
ONE_BEAD = AlignedDocument("tiny", ZH, EN, (Bead((0, 1), (0,), 0.8),), SIG)  # a 2-1
SPLIT = AlignedDocument("tiny", ZH, EN, (Bead((0,), (0,), 0.8), Bead((1,), (), 0.8)), SIG)


def read_meta(out: Path) -> dict:
    return json.loads((out / META).read_text(encoding="utf-8"))


def add_foreign_keys(out: Path) -> None:
    """What another tool might add: a key of its own and a key in a side record."""
    meta = read_meta(out)
    meta["timing"] = {"align_s": 1.5}
    meta["src"]["sha256"] = "abc"
    (out / META).write_text(json.dumps(meta), encoding="utf-8")


def test_kept_keys_survive_and_written_keys_are_replaced_whole(tmp_path: Path) -> None:
    write_outdir(tmp_path, ONE_BEAD)
    add_foreign_keys(tmp_path)
    write_outdir(tmp_path, SPLIT, keep_extra_meta=True)
    meta = read_meta(tmp_path)
    assert meta["timing"] == {"align_s": 1.5} and meta["src"]["sha256"] == "abc"
    # the summary is the new alignment's: no "2-1" left over from the old one
    assert meta["summary"] == SPLIT.summary.to_dict()
    assert meta["summary"]["kinds"] == {"1-0": 1, "1-1": 1}
    # written keys first, in write_outdir's order; the kept ones after them
    assert list(meta) == ["doc_id", "signature", "signature_line", "summary", "src", "tgt", "timing"]
    assert list(meta["src"])[-1] == "sha256"


def test_without_keep_meta_json_is_written_afresh(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    write_outdir(fresh, SPLIT)
    again = tmp_path / "again"
    write_outdir(again, ONE_BEAD)
    add_foreign_keys(again)
    write_outdir(again, SPLIT)
    assert (again / META).read_bytes() == (fresh / META).read_bytes()


def test_keeping_into_a_new_folder_writes_the_same_bytes(tmp_path: Path) -> None:
    write_outdir(tmp_path / "plain", ONE_BEAD)
    write_outdir(tmp_path / "kept", ONE_BEAD, keep_extra_meta=True)
    for name in ("meta.json", "pairs.jsonl", "alignment.align", "src.sents", "tgt.sents"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()


@pytest.mark.parametrize("broken", ["{not json", "[1, 2]"])
def test_an_unreadable_meta_json_is_refused_before_any_write(tmp_path: Path, broken: str) -> None:
    write_outdir(tmp_path, ONE_BEAD)
    (tmp_path / META).write_text(broken, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    with pytest.raises(InputError, match="not a JSON object"):
        write_outdir(tmp_path, SPLIT, keep_extra_meta=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


TRADITIONAL = AlignedDocument(
    "trad", Side(("後來她把頭髮剪短了。",), "zh"), Side(("Later she cut her hair short.",), "en"),
    (Bead((0,), (0,), 0.9),), SIG,
)


def test_each_side_s_script_is_recorded_and_read_back(tmp_path: Path) -> None:
    write_outdir(tmp_path, TRADITIONAL)
    meta = read_meta(tmp_path)
    assert (meta["src"]["script"], meta["tgt"]["script"]) == ("Hant", "Latn")
    assert (tmp_path / "src.sents").read_text(encoding="utf-8") == "後來她把頭髮剪短了。\n"
    doc = read_outdir(tmp_path)
    assert (doc.src.script, doc.tgt.script) == ("Hant", "Latn")
    assert doc.src.sentences == TRADITIONAL.src.sentences


def test_an_out_dir_without_scripts_has_them_detected(tmp_path: Path) -> None:
    write_outdir(tmp_path, TRADITIONAL)
    meta = read_meta(tmp_path)
    for side in ("src", "tgt"):
        del meta[side]["script"]  # as written before scripts were recorded
    (tmp_path / META).write_text(json.dumps(meta), encoding="utf-8")
    doc = read_outdir(tmp_path)
    assert (doc.src.script, doc.tgt.script) == ("Hant", "Latn")


def test_an_unknown_script_is_one_input_error(tmp_path: Path) -> None:
    write_outdir(tmp_path, TRADITIONAL)
    meta = read_meta(tmp_path)
    meta["src"]["script"] = "Cyrl"
    (tmp_path / META).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(InputError, match=r"meta.json: script 'Cyrl' is not one of Hans, Hant"):
        read_outdir(tmp_path)
