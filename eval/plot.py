"""One PNG of a Score: the reliability diagram beside the bead-type table.

The diagram shows each confidence bin's accuracy as a bar, the gap to the bin's mean
confidence hatched in red, and the diagonal a calibrated aligner would follow; each bar is
labelled with its beads. The table is the one ``bitext eval`` prints. matplotlib is an
optional dependency (``pip install 'bitext[plot]'``), imported only here and used without
pyplot, so no window opens and no global figure state is kept.
"""

from __future__ import annotations

import io
from pathlib import Path

from corpus.atomic import atomic_open
from corpus.errors import ConfigError
from eval.report import KIND_HEADER, NO_CONFIDENCES, kind_rows
from eval.scoring import Score


def _draw_reliability(axes, score: Score) -> None:
    axes.set(xlim=(0, 1), ylim=(0, 1.08), xlabel="bead confidence (score)",
             ylabel="accuracy (share strictly in the gold)", aspect="equal")
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", label="calibrated")
    table = score.reliability
    if table is None:
        axes.set_title("reliability")
        axes.text(0.5, 0.5, NO_CONFIDENCES.replace("(", "\n("), ha="center", va="center",
                  fontsize=9, bbox={"facecolor": "white", "edgecolor": "none"})
        return
    filled = [b for b in table.bins if b.beads]
    width = table.bins[0].high - table.bins[0].low
    lows = [b.low for b in filled]
    accuracies = [b.accuracy for b in filled]
    gaps = [b.mean_confidence - b.accuracy for b in filled]
    axes.bar(lows, accuracies, width=width, align="edge", color="tab:blue",
             edgecolor="black", label="accuracy")
    # hatched, not filled: where a bin is under-confident the gap lies over its accuracy bar
    axes.bar(lows, gaps, bottom=accuracies, width=width, align="edge", facecolor="none",
             hatch="///", edgecolor="tab:red", label="gap to mean confidence")
    for b in filled:
        axes.text(b.low + width / 2, max(b.accuracy, b.mean_confidence) + 0.01, str(b.beads),
                  ha="center", va="bottom", fontsize=7)
    axes.set_title(f"reliability: expected calibration error "
                   f"{table.expected_calibration_error:.3f} over {table.beads} beads", fontsize=10)
    axes.legend(loc="upper left", fontsize=8)


def _draw_kinds(axes, score: Score) -> None:
    axes.axis("off")
    figures = score.figures()
    axes.set_title(f"bead types, strict (F1 {figures['f1_strict']:.3f}, P "
                   f"{figures['precision_strict']:.3f}, R {figures['recall_strict']:.3f})",
                   fontsize=10)
    rows = kind_rows(score)
    table = axes.table(cellText=rows, colLabels=KIND_HEADER, loc="upper center",
                       cellLoc="right", colLoc="right")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.scale(1, 1.2)
    for column in range(len(KIND_HEADER)):
        table[0, column].set_text_props(weight="bold")
        table[len(rows), column].set_facecolor("#eeeeee")  # the many-to-many class


def check_can_plot(path: str | Path) -> Path:
    """``path``, or a ConfigError when it is no .png name or matplotlib is not installed."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise ConfigError(f"--plot writes a PNG: {path} must end in .png")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise ConfigError("--plot needs matplotlib: pip install 'bitext[plot]'") from None
    return path


def plot_score(score: Score, path: str | Path, title: str = "") -> None:
    """Write the reliability diagram and the bead-type table of ``score`` as a PNG."""
    path = check_can_plot(path)
    from matplotlib.figure import Figure

    rows = len(score.by_kind) + 2
    figure = Figure(figsize=(13, max(6.0, 1.2 + 0.25 * rows)), layout="constrained")
    reliability_axes, kinds_axes = figure.subplots(1, 2, width_ratios=(1, 1.1))
    _draw_reliability(reliability_axes, score)
    _draw_kinds(kinds_axes, score)
    if title:
        figure.suptitle(title, fontsize=11)
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=110)
    with atomic_open(path, "wb") as fh:
        fh.write(png.getvalue())
