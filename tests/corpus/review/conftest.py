"""The ``outdir`` fixture: the tiny zh–en sample document written as an OUT_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.outdir import write_outdir
from tests.corpus.review.sample import make_doc


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    write_outdir(out, make_doc())
    return out
