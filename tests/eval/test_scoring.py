"""Strict and lax scoring on hand-checked beads."""

from __future__ import annotations

import json

import pytest

from corpus.beads import Bead
from corpus.document import AlignedDocument, Side
from corpus.outdir import write_outdir
from corpus.signature import Signature
from eval.report import NO_CONFIDENCES
from eval.scoring import Counts, score_document, score_paths, total
from scripts.cli import main

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), ())]


@pytest.mark.parametrize(
    ("test", "p_strict", "r_strict", "p_lax", "r_lax"),
    [
        (GOLD, 1.0, 1.0, 1.0, 1.0),
        # split the 2-1 bead: neither half is strict, both overlap a gold bead (lax).
        ([((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2, 3)), ((4,), ())], 3 / 5, 2 / 3, 4 / 5, 1.0),
        # a one-sentence shift: nothing strict beyond the first bead.
        ([((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), ())], 2 / 4, 1 / 3, 4 / 4, 1.0),
    ],
)
def test_strict_and_lax(test, p_strict, r_strict, p_lax, r_lax):
    figures = score_document(GOLD, test).figures()
    assert figures["precision_strict"] == pytest.approx(p_strict)
    assert figures["recall_strict"] == pytest.approx(r_strict)
    assert figures["precision_lax"] == pytest.approx(p_lax)
    assert figures["recall_lax"] == pytest.approx(r_lax)


def _write(path, beads):
    path.write_text("".join(f"[{','.join(map(str, s))}]:[{','.join(map(str, t))}]\n" for s, t in beads))


def test_directories_are_matched_by_name_and_summed(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "test").mkdir()
    for name in ("a.align", "b.align"):
        _write(tmp_path / "gold" / name, GOLD)
        _write(tmp_path / "test" / name, GOLD[:2] + [((3,), (2,)), ((), (3,)), ((4,), ())])
    scores = score_paths(tmp_path / "gold", tmp_path / "test")
    assert [s.name for s in scores] == ["a.align", "b.align"]
    assert total(scores).precision.total == 10
    assert total(scores).figures()["recall_strict"] == pytest.approx(2 / 3)


def test_cli_reports_and_fails_cleanly(tmp_path, capsys):
    _write(tmp_path / "g.align", GOLD)
    assert main(["eval", str(tmp_path / "g.align"), str(tmp_path / "g.align"), "--format", "json"]) == 0
    assert '"f1_strict": 1.0' in capsys.readouterr().out
    (tmp_path / "bad.align").write_text("[0]-[1]\n")
    assert main(["eval", str(tmp_path / "g.align"), str(tmp_path / "bad.align")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bitext: error:") and err.count("\n") == 1


SPLIT_TWO_ONE = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2, 3)), ((4,), ())]


def test_recall_by_gold_type_and_precision_by_test_type():
    by_kind = score_document(GOLD, SPLIT_TWO_ONE).by_kind
    assert list(by_kind) == ["1-1", "1-2", "2-1", "1-0"]
    recall = {kind: (s.recall.strict_hits, s.recall.total) for kind, s in by_kind.items()}
    precision = {kind: (s.precision.strict_hits, s.precision.total) for kind, s in by_kind.items()}
    assert recall == {"1-1": (1, 1), "1-2": (1, 1), "2-1": (0, 1), "1-0": (1, 1)}
    # [1]:[1] is half of the gold 2-1 bead; [2]:[] is its other half left out.
    assert precision == {"1-1": (1, 2), "1-2": (1, 1), "2-1": (0, 0), "1-0": (1, 2)}


def test_the_types_add_up_to_the_totals():
    score = score_document(GOLD, SPLIT_TWO_ONE)
    aligned = [s.recall for kind, s in score.by_kind.items() if kind != "1-0"]
    assert sum(aligned, Counts()) == score.recall  # recall leaves out the gold deletion
    assert sum((s.precision for s in score.by_kind.values()), Counts()) == score.precision


def test_many_to_many_recall_counts_the_large_gold_beads():
    gold = [((0, 1), (0, 1)), ((2,), (2, 3, 4, 5, 6)), ((3,), (7,))]
    cut = [((0, 1), (0, 1)), ((2,), (2, 3)), ((), (4, 5, 6)), ((3,), (7,))]
    many = score_document(gold, cut).many_to_many
    assert (many.recall.strict_hits, many.recall.total) == (1, 2)
    assert (many.precision.strict_hits, many.precision.total) == (1, 1)


def test_confidences_give_a_reliability_table_of_strict_hits():
    score = score_document(GOLD, SPLIT_TWO_ONE, confidences=[0.99, 0.6, 0.55, 0.97, 0.9])
    bins = score.reliability.bins
    assert (bins[9].beads, bins[9].right) == (3, 3)  # [0]:[0], [3]:[2,3], [4]:[]
    assert (bins[5].beads, bins[5].right) == (1, 0)  # [2]:[] is not in the gold
    assert (bins[6].beads, bins[6].right) == (1, 0)
    assert score_document(GOLD, SPLIT_TWO_ONE).reliability is None


def _outdir(path, beads, scores):
    n_src = 1 + max(i for src, _ in beads for i in src)
    n_tgt = 1 + max(i for _, tgt in beads for i in tgt)
    doc = AlignedDocument(
        path.name,
        Side(tuple(f"第{i}句。" for i in range(n_src)), "zh"),
        Side(tuple(f"Sentence {i}." for i in range(n_tgt)), "en"),
        tuple(Bead(src, tgt, score) for (src, tgt), score in zip(beads, scores, strict=True)),
        Signature("lexical", "test"),
    )
    write_outdir(path, doc)


def test_a_directory_of_out_dirs_carries_confidences(tmp_path):
    (tmp_path / "gold").mkdir()
    for name in ("a", "b"):
        _write(tmp_path / "gold" / f"{name}.align", GOLD)
        _outdir(tmp_path / "test" / name, SPLIT_TWO_ONE, [0.99, 0.6, 0.55, 0.97, 0.9])
    scores = score_paths(tmp_path / "gold", tmp_path / "test")
    assert [s.name for s in scores] == ["a.align", "b.align"]
    assert total(scores).reliability.beads == 10
    assert total(scores).by_kind["2-1"].recall.total == 2


def test_an_align_file_among_out_dirs_leaves_the_total_without_calibration(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "test").mkdir()
    for name in ("a", "b"):
        _write(tmp_path / "gold" / f"{name}.align", GOLD)
    _outdir(tmp_path / "test" / "a", SPLIT_TWO_ONE, [0.99, 0.6, 0.55, 0.97, 0.9])
    _write(tmp_path / "test" / "b.align", SPLIT_TWO_ONE)
    scores = score_paths(tmp_path / "gold", tmp_path / "test")
    assert scores[0].reliability is not None and scores[1].reliability is None
    assert total(scores).reliability is None


@pytest.mark.parametrize(
    ("gold", "test", "message"),
    [
        ("g.align", "dir", "is neither an .align file nor an OUT_DIR"),
        ("gold", "g.align", "TEST must be a directory of .align files or OUT_DIRs"),
        ("gold", "empty", "lacks files or OUT_DIRs that"),
        ("g.align", "nosuch.align", "no such file or directory"),
    ],
)
def test_mismatched_paths_are_one_line_errors(tmp_path, capsys, gold, test, message):
    (tmp_path / "gold").mkdir()
    (tmp_path / "dir").mkdir()
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "g.align", GOLD)
    _write(tmp_path / "gold" / "g.align", GOLD)
    assert main(["eval", str(tmp_path / gold), str(tmp_path / test)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bitext: error:") and message in err and err.count("\n") == 1


def test_cli_table_says_in_one_line_that_align_files_have_no_calibration(tmp_path, capsys):
    _write(tmp_path / "g.align", GOLD)
    _write(tmp_path / "t.align", SPLIT_TWO_ONE)
    assert main(["eval", str(tmp_path / "g.align"), str(tmp_path / "t.align")]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("calibration")] == [NO_CONFIDENCES]
    two_one = next(line.split() for line in out.splitlines() if line.startswith("2-1"))
    assert two_one == ["2-1", "1", "25.0%", "0.000", "0", "–"]


def test_cli_json_carries_types_many_to_many_and_calibration(tmp_path, capsys):
    _write(tmp_path / "g.align", GOLD)
    _outdir(tmp_path / "out", SPLIT_TWO_ONE, [0.99, 0.6, 0.55, 0.97, 0.9])
    assert main(["eval", str(tmp_path / "g.align"), str(tmp_path / "out"), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)["total"]
    assert report["by_bead_type"]["1-1"]["precision"] == {
        "beads": 2, "strict_hits": 1, "lax_hits": 2, "strict": 0.5, "lax": 1.0}
    assert report["many-to-many"]["recall"]["beads"] == 0
    calibration = report["calibration"]
    # bins 5 and 6 hold a wrong bead each (0.55, 0.6); bin 9 three right ones (0.9, 0.97, 0.99)
    assert calibration["expected_calibration_error"] == pytest.approx(
        (0.55 + 0.6 + (3 - 0.9 - 0.97 - 0.99)) / 5)
    assert [b["beads"] for b in calibration["bins"]] == [0, 0, 0, 0, 0, 1, 1, 0, 0, 3]


def test_cli_reads_an_out_dir_whose_confidences_are_out_of_range_as_an_error(tmp_path, capsys):
    _write(tmp_path / "g.align", GOLD)
    _outdir(tmp_path / "out", SPLIT_TWO_ONE, [0.99, 0.6, 0.55, 0.97, 1.5])
    assert main(["eval", str(tmp_path / "g.align"), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err == f"bitext: error: {tmp_path / 'out'}: bead confidence 1.5 is outside [0, 1]\n"
