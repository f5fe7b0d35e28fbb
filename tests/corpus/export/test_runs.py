"""``bitext export RUN_DIR``: the ok documents as one dataset, and the run report."""

from __future__ import annotations

import json

import pytest

from corpus.errors import InputError
from corpus.export.runs import expand_runs
from corpus.rundir import open_run
from scripts.cli import main
from tests.corpus.review.runs_sample import make_run
from tests.corpus.review.sample import BEADS


def test_a_run_stands_for_its_ok_documents(tmp_path):
    run = make_run(tmp_path / "run")
    inputs = expand_runs([run])
    assert [p.rsplit("/", 1)[1] for p in inputs.out_dirs] == ["good", "weak"]
    assert inputs.documents_ok == 2
    assert inputs.failed == (("broken", "b.zh is a binary file, not text"),)
    with pytest.raises(InputError, match="no document of this run is aligned yet"):
        expand_runs([open_run(tmp_path / "empty")])


def test_export_of_a_run_writes_one_dataset_and_a_run_report(tmp_path, capsys):
    run = make_run(tmp_path / "run")
    out = tmp_path / "pairs.jsonl"
    assert main(["export", str(run), "-f", "jsonl", "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2 * len(BEADS)
    assert {r["doc_id"] for r in rows} == {"good", "weak"}
    printed = capsys.readouterr().out
    report = (tmp_path / "pairs.jsonl.run_report.txt").read_text(encoding="utf-8")
    assert report.strip() in printed
    assert "documents ok      2" in report and "documents failed  1" in report
    assert f"pairs written     {2 * len(BEADS)}" in report
    assert "failed  broken: b.zh is a binary file, not text" in report
    # the histogram counts every pair once: the weak copy's halved scores sit lower
    bins = [int(line.split()[2]) for line in report.splitlines() if line.strip().startswith("[")]
    assert len(bins) == 10 and sum(bins) == 2 * len(BEADS)
    scores = sorted(b[2] for b in BEADS) + sorted(b[2] / 2 for b in BEADS)
    assert bins[0] + bins[1] + bins[2] == sum(s < 0.3 for s in scores)


def test_the_run_report_has_a_histogram_picture(tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib is not installed (pip install "
                        "'bitext[plot]')")
    run = make_run(tmp_path / "run")
    out = tmp_path / "dataset"
    assert main(["-q", "export", str(run), "-f", "hf", "-o", str(out)]) == 0
    picture = out / "run_report.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "run_report.txt").is_file()
