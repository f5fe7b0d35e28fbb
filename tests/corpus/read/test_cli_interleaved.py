"""``bitext align ONE_FILE`` and ``align_files(path)``: one interleaved file in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.api import align_files
from scripts.cli import main
from tests.corpus.read.files import write

TEXT = """新图书馆开馆

The New Library Opens

市图书馆周一开放了新馆。数百名读者在门外排队。

The city library opened its new building on Monday. Hundreds of readers queued at the door.

馆长感谢了建筑师。她剪了彩。

The director thanked the architects. She cut the ribbon.
"""


def test_align_one_interleaved_file(tmp_path: Path) -> None:
    path = write(tmp_path, "library.md", TEXT)
    out = tmp_path / "out"
    assert main(["align", str(path), "-o", str(out), "--encoder", "lexical",
                 "--input-format", "markdown"]) == 0
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["interleaved"] is True
    assert (meta["src"]["lang"], meta["tgt"]["lang"]) == ("zh", "en")
    assert meta["src"]["format"] == "markdown"
    assert meta["src"]["paragraphs"] == meta["tgt"]["paragraphs"] == [0, 1, 1, 2, 2]
    assert (out / "alignment.align").read_text().splitlines() == [
        f"[{i}]:[{i}]" for i in range(5)]


def test_two_files_are_not_marked_interleaved(tmp_path: Path) -> None:
    zh = write(tmp_path, "a.zh.txt", "图书馆开放了。\n")
    en = write(tmp_path, "a.en.txt", "The library opened.\n")
    out = tmp_path / "out"
    assert main(["align", str(zh), str(en), "-o", str(out), "--encoder", "lexical"]) == 0
    assert "interleaved" not in json.loads((out / "meta.json").read_text(encoding="utf-8"))


def test_align_files_without_a_second_file(tmp_path: Path) -> None:
    path = write(tmp_path, "library.txt", TEXT)
    doc = align_files(path, encoder="lexical")
    assert doc.doc_id == "library" and doc.src.source == doc.tgt.source == str(path)
    assert doc.bead_texts(doc.beads[0]) == ("新图书馆开馆", "The New Library Opens")


def test_a_one_language_file_is_a_one_line_error(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "a.txt", "他来了。\n\n她走了。\n")
    assert main(["align", str(path), "-o", str(tmp_path / "out"), "--encoder", "lexical"]) == 2
    errors = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert errors == [f"bitext: error: {path}: found 2 Chinese line(s) and no English; an "
                      "interleaved file needs both languages (two files: give SRC and TGT)"]
