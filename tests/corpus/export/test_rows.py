"""Reading OUT_DIRs lazily as PairRows keyed by language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.export.rows import DocSource, PairRow, document_rows, open_sources
from corpus.outdir import PAIRS, read_outdir


def _expected(out: Path) -> list[tuple[str, str, tuple[int, ...], tuple[int, ...], float, str]]:
    doc = read_outdir(out)
    rows = []
    for bead in doc.beads:
        src, tgt = doc.bead_texts(bead)
        en, zh = (src, tgt) if doc.src.lang == "en" else (tgt, src)
        rows.append((en, zh, bead.src, bead.tgt, bead.score, bead.status))
    return rows


def _got(out: Path) -> list[tuple[str, str, tuple[int, ...], tuple[int, ...], float, str]]:
    return [(r.en, r.zh, r.src_ids, r.tgt_ids, r.score, r.status) for r in DocSource(out).rows()]


def test_rows_match_read_outdir_and_are_keyed_by_language(novel_dir: Path, news_dir: Path) -> None:
    for out in (novel_dir, news_dir):
        assert _got(out) == _expected(out)
    first = next(DocSource(novel_dir).rows())
    assert (first.en, first.zh, first.src_lang, first.bead) == ("Hello.", "你好。", "zh", "1-1")


def test_pairs_out_of_order_or_missing_fall_back(novel_dir: Path) -> None:
    expected = _expected(novel_dir)
    pairs = novel_dir / PAIRS
    lines = pairs.read_text(encoding="utf-8").splitlines()
    pairs.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    assert _got(novel_dir) == expected
    pairs.unlink()
    assert [r[:4] for r in _got(novel_dir)] == [r[:4] for r in expected]
    assert all(r[4] == 0.0 and r[5] == "auto" for r in _got(novel_dir))


@pytest.mark.parametrize(
    ("en", "zh", "ratio", "deletion", "bead_ids"),
    [
        ("Hello.", "你好。", 2.0, False, ((0,), (0,))),
        ("Hello.", "", 0.0, True, ((), (0,))),
        ("", "你好。", 0.0, True, ((0,), ())),
    ],
)
def test_row_properties(en: str, zh: str, ratio: float, deletion: bool, bead_ids) -> None:
    row = PairRow("d", en, zh, "zh", *bead_ids)
    assert row.len_ratio == ratio
    assert row.is_deletion is deletion
    assert row.to_record()["translation"] == {"en": en, "zh": zh}


def test_bad_inputs_raise_input_error(tmp_path: Path, novel_dir: Path) -> None:
    with pytest.raises(InputError, match="no such output folder"):
        open_sources([tmp_path / "missing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="missing"):
        DocSource(tmp_path / "empty")
    (novel_dir / "alignment.align").write_text("[0]:[0]\n[2]:[1]\n", encoding="utf-8")
    with pytest.raises(InputError, match="out of order"):
        list(DocSource(novel_dir).rows())


def test_languages_guessed_without_meta(news_dir: Path) -> None:
    meta = news_dir / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    del data["src"]["lang"], data["tgt"]["lang"]
    meta.write_text(json.dumps(data), encoding="utf-8")
    info = DocSource(news_dir).info
    assert (info.src_lang, info.tgt_lang) == ("en", "zh")


def test_rows_carry_the_script_of_the_chinese(novel_dir: Path, news_dir: Path,
                                              tales_dir: Path) -> None:
    for out, script in [(novel_dir, "Hans"), (news_dir, "Hans"), (tales_dir, "Hant")]:
        assert DocSource(out).info.zh_script == script
        assert {(r.zh_script, r.to_record()["zh_lang"]) for r in DocSource(out).rows()} == {
            (script, f"zh-{script}")}
    assert [r.zh for r in DocSource(tales_dir).rows()] == ["後來她把頭髮剪短了。", "衣服乾了。"]
    assert [r.zh_lang for r in document_rows(read_outdir(tales_dir))] == ["zh-Hant"] * 2


def test_a_script_missing_from_meta_is_detected_and_a_bad_one_refused(tales_dir: Path) -> None:
    meta = tales_dir / "meta.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    del data["src"]["script"]  # an OUT_DIR written before scripts were recorded
    meta.write_text(json.dumps(data), encoding="utf-8")
    assert DocSource(tales_dir).info.zh_script == "Hant"
    data["src"]["script"] = "Latn"
    meta.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="meta.json: script 'Latn' is not one of Hans, Hant"):
        DocSource(tales_dir)
