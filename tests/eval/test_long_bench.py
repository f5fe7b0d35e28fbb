"""The long-document benchmark's memory fit."""

from __future__ import annotations

import pytest

from eval.long_bench import Run, base_and_slope


def run(sentences: int, peak_mib: float, encoder: str = "lexical", code: int = 0) -> Run:
    return Run(str(sentences), sentences, 1.0, 1.0, peak_mib, None, code, encoder=encoder)


def test_memory_is_fitted_over_the_runs_with_the_longest_runs_encoder():
    runs = [run(2_000, 900.0, "hybrid"), run(10_000, 300.0), run(30_000, 500.0),
            run(50_000, 700.0), run(60_000, 50.0, code=1)]
    base, per_sentence, fitted = base_and_slope(runs)
    assert [r.sentences for r in fitted] == [10_000, 30_000, 50_000]
    assert base == pytest.approx(200.0) and per_sentence == pytest.approx(10.24)


def test_one_run_gives_no_fit():
    base, per_sentence, fitted = base_and_slope([run(10_000, 300.0)])
    assert base != base and per_sentence != per_sentence and len(fitted) == 1  # NaN
