"""Quality floors on the shared gold sets (skipped when ../shared/data is absent).

The floors sit a little under what the offline default measured when this test was written
(MAC-Dev strict F1 0.884, Bible 0.916), so that a regression fails and noise does not.
"""

from __future__ import annotations

import pytest

from eval.benchmark import run_benchmark


def test_mac_dev_offline_default(shared_data, tmp_path):
    row = run_benchmark(shared_data / "mac-dev", "lexical", None, tmp_path)
    assert row.documents == 6
    assert row.f1_strict >= 0.87
    assert row.f1_lax >= 0.98


def test_bible_offline_default(shared_data, tmp_path):
    if not (shared_data / "bible" / "gold").is_dir():
        pytest.skip("no bible gold set in the shared data")
    row = run_benchmark(shared_data / "bible", "lexical", None, tmp_path)
    assert row.f1_strict >= 0.90
