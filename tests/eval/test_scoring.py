"""Strict and lax scoring on hand-checked beads."""

from __future__ import annotations

import pytest

from eval.scoring import score_document, score_paths, total
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
