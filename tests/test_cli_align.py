"""``bitext align`` as a user runs it: the example pair, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.outdir import read_outdir
from scripts.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_align_the_example_pair_offline(tmp_path):
    out = tmp_path / "out"
    code = main(["align", str(EXAMPLES / "article.zh.txt"), str(EXAMPLES / "article.en.txt"),
                 "-o", str(out), "--encoder", "lexical"])
    assert code == 0
    doc = read_outdir(out)
    assert (doc.src.lang, doc.tgt.lang) == ("zh", "en")
    assert len(doc.src) == len((out / "src.sents").read_text(encoding="utf-8").splitlines())
    rows = [json.loads(line) for line in (out / "pairs.jsonl").read_text().splitlines()]
    assert len(rows) == len(doc.beads)
    assert {"src_ids", "tgt_ids", "src", "tgt", "score", "bead"} <= rows[0].keys()
    meta = json.loads((out / "meta.json").read_text())
    assert meta["signature"]["encoder"] == "lexical"
    assert any(item["reason"] == "metadata" for item in meta["tgt"]["set_aside"])
    # The example is written to align cleanly: the dictionary gets most beads confidently.
    assert doc.summary.mean_score > 0.8
    assert doc.summary.share_deletions == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (("missing.txt", "article.en.txt"), "missing.txt"),
        (("article.en.txt", "article.en.txt"), "both files are English"),
        (("empty.txt", "article.en.txt"), "no text"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, files, message):
    (tmp_path / "empty.txt").write_text("\n\n")
    (tmp_path / "article.en.txt").write_bytes((EXAMPLES / "article.en.txt").read_bytes())
    src, tgt = (str(tmp_path / f) for f in files)
    assert main(["align", src, tgt, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("bitext: error:") and message in err[-1]
    assert not (tmp_path / "out" / "alignment.align").exists()


def test_unknown_encoder_lists_choices(tmp_path, capsys):
    code = main(["align", str(EXAMPLES / "article.zh.txt"), str(EXAMPLES / "article.en.txt"),
                 "-o", str(tmp_path), "--encoder", "bert"])
    assert code == 2
    assert "lexical" in capsys.readouterr().err


def test_a_device_for_the_lexical_encoder_is_refused(tmp_path, capsys):
    code = main(["align", str(EXAMPLES / "article.zh.txt"), str(EXAMPLES / "article.en.txt"),
                 "-o", str(tmp_path), "--encoder", "lexical", "--device", "cuda"])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert "device" in err[-1] and "it takes none" in err[-1]


def test_a_device_not_here_fails_before_any_work(tmp_path, capsys, monkeypatch):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    called = []
    monkeypatch.setattr("align.encoders.lexical.LexicalEncoder.features",
                        lambda *args: called.append(args))
    code = main(["align", str(EXAMPLES / "article.zh.txt"), str(EXAMPLES / "article.en.txt"),
                 "-o", str(tmp_path / "out"), "--encoder", "hybrid", "--device", "cuda"])
    assert code == 2 and not called
    err = capsys.readouterr().err.strip().splitlines()
    assert "not available" in err[-1] and "--device cpu" in err[-1]
    assert not (tmp_path / "out").exists()


def test_max_bead_widens_one_to_many_beads(tmp_path):
    out = tmp_path / "out"
    assert main(["align", str(EXAMPLES / "article.zh.txt"), str(EXAMPLES / "article.en.txt"),
                 "-o", str(out), "--encoder", "lexical", "--max-bead", "6"]) == 0
    settings = json.loads((out / "meta.json").read_text())["signature"]["settings"]
    assert (settings["max_bead"], settings["max_total"]) == (6, 7)
