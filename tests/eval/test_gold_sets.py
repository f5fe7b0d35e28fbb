"""Quality floors on the shared gold sets (skipped when ../shared/data is absent).

The floors sit a little under what the offline default measured when this test was written
(MAC-Dev strict F1 0.884, Bible 0.916; MAC-Dev expected calibration error 0.053), so that a
regression fails and noise does not.
"""

from __future__ import annotations

import pytest

from corpus.beads import read_align_file
from eval.benchmark import run_benchmark


def test_mac_dev_offline_default(shared_data, tmp_path):
    row = run_benchmark(shared_data / "mac-dev", "lexical", None, tmp_path)
    assert row.documents == 6
    assert row.f1_strict >= 0.87
    assert row.f1_lax >= 0.98
    evaluation = row.evaluation
    gold_beads = sum(len(read_align_file(p)) for p in (shared_data / "mac-dev" / "gold").iterdir())
    assert sum(kind.recall.total for kind in evaluation.by_kind.values()) == gold_beads
    # every bead the aligner wrote is binned once, its confidence read back from pairs.jsonl
    assert evaluation.reliability.beads == evaluation.precision.total
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"00{i}" for i in range(1, 7)]
    assert evaluation.reliability.expected_calibration_error <= 0.08


def test_bible_offline_default(shared_data, tmp_path):
    if not (shared_data / "bible" / "gold").is_dir():
        pytest.skip("no bible gold set in the shared data")
    row = run_benchmark(shared_data / "bible", "lexical", None, tmp_path)
    assert row.f1_strict >= 0.90
