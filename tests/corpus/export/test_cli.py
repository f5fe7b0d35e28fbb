"""The export/import subcommands through ``scripts.cli.main``."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.cli import main


def test_export_and_import_succeed(tmp_path: Path, novel_dir: Path, news_dir: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pairs.tmx"
    code = main(["export", str(novel_dir), str(news_dir), "--format", "tmx", "-o", str(out),
                 "--min-score", "0.5", "--drop-near-duplicates", "--zh-tag", "zh-TW"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "dropped by min-score" in printed and "signature" in printed
    assert 'xml:lang="zh-TW"' in out.read_text(encoding="utf-8")
    assert main(["import", str(out), "--format", "tmx", "-o", str(tmp_path / "back")]) == 0
    assert main(["export", str(tmp_path / "back"), "-f", "jsonl", "-o",
                 str(tmp_path / "back.jsonl"), "--filter", "copies=0.9", "--json"]) == 0


def test_export_hf_with_split(tmp_path: Path, novel_dir: Path, news_dir: Path) -> None:
    code = main(["export", str(novel_dir), str(news_dir), "-o", str(tmp_path / "ds"),
                 "--split", "train=0.9,validation=0.05,test=0.05", "--seed", "13",
                 "--len-ratio", "0.5", "8", "--drop-deletions", "--keep-filter-scores"])
    assert code == 0
    assert (tmp_path / "ds" / "README.md").is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "{tmp}/missing", "-o", "{tmp}/x"], "no such output folder"),
        (["export", "{novel}", "-f", "csv", "-o", "{tmp}/x"], "unknown export format 'csv'"),
        (["export", "{novel}", "-f", "tsv", "-o", "{tmp}/x", "--filter", "dedupe"],
         "unknown filter 'dedupe'"),
        (["export", "{novel}", "-o", "{tmp}/x", "--split", "train=0.5"], "sum to 1"),
        (["import", "{tmp}/none.tmx", "-f", "tmx", "-o", "{tmp}/o"], "none.tmx"),
        (["import", "{novel}/pairs.jsonl", "-f", "xliff", "-o", "{tmp}/o"],
         "unknown import format 'xliff'"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, novel_dir: Path, argv: list[str],
                                         message: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a.format(tmp=tmp_path, novel=novel_dir) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("bitext: error: ") and "\n" not in err
    assert message in err
