"""Shared fixtures. Tests that need ../shared/data skip with a reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("BITEXT_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not (SHARED_DATA / "mac-dev" / "gold").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_DATA} (set BITEXT_SHARED_DATA)")
    return SHARED_DATA
