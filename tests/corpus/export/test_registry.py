"""The registry of export formats, and the cheap import it keeps."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.errors import UnknownChoiceError
from corpus.export.registry import EXPORT_FORMATS, writer_class

REPO = Path(__file__).resolve().parents[3]


def test_every_format_names_its_writer() -> None:
    assert EXPORT_FORMATS == ("hf", "jsonl", "moses", "tmx", "tsv", "xliff")
    for name in EXPORT_FORMATS:
        assert writer_class(name).name == name


def test_unknown_format_lists_the_valid_ones() -> None:
    with pytest.raises(UnknownChoiceError) as caught:
        writer_class("csv")
    assert str(caught.value) == (
        "unknown export format 'csv'; valid choices: hf, jsonl, moses, tmx, tsv, xliff"
    )


def test_text_export_loads_no_dataset_library(tmp_path: Path, novel_dir: Path) -> None:
    code = (
        "import sys\n"
        "import corpus.export\n"
        "from scripts.cli import main\n"
        f"assert main(['-q', 'export', {str(novel_dir)!r}, '-f', 'tsv', '-o', "
        f"{str(tmp_path / 'x.tsv')!r}]) == 0\n"
        "print(sorted({'datasets', 'pyarrow'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
