"""``--plot``: a valid PNG of the reliability diagram and the bead-type table, or one line."""

from __future__ import annotations

import sys

import pytest

from corpus.errors import ConfigError
from eval.benchmark import main as benchmark_main
from eval.plot import plot_score
from eval.scoring import score_document
from scripts.cli import main

GOLD = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3))]
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2, 3))]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("confidences", [[0.99, 0.7, 0.4, 0.95], None])
def test_the_plot_is_a_valid_png(tmp_path, confidences):
    from PIL import Image

    path = tmp_path / "report.png"
    plot_score(score_document(GOLD, TEST, confidences=confidences), path, title="tiny")
    assert path.read_bytes().startswith(PNG_SIGNATURE)
    with Image.open(path) as image:
        image.verify()  # a truncated or corrupt file fails here
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width > image.height > 300


def test_cli_plot_writes_the_file(tmp_path, capsys):
    (tmp_path / "g.align").write_text("[0]:[0]\n[1,2]:[1]\n")
    (tmp_path / "t.align").write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n")
    plot = tmp_path / "eval.png"
    assert main(["eval", str(tmp_path / "g.align"), str(tmp_path / "t.align"), "--plot", str(plot)]) == 0
    assert plot.read_bytes().startswith(PNG_SIGNATURE)


def test_a_name_that_is_no_png_is_refused_before_anything_runs(tmp_path, capsys):
    with pytest.raises(ConfigError, match="must end in .png"):
        plot_score(score_document(GOLD, TEST), tmp_path / "report.pdf")
    assert benchmark_main([str(tmp_path / "no-such-set"), "--plot", str(tmp_path / "b.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("benchmark: error: --plot writes a PNG") and err.count("\n") == 1


def test_without_matplotlib_it_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    (tmp_path / "g.align").write_text("[0]:[0]\n")
    args = ["eval", str(tmp_path / "g.align"), str(tmp_path / "g.align"), "--plot", str(tmp_path / "p.png")]
    assert main(args) == 2
    assert capsys.readouterr().err == "bitext: error: --plot needs matplotlib: pip install 'bitext[plot]'\n"
    assert not (tmp_path / "p.png").exists()
