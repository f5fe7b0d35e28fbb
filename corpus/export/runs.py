"""Exporting runs of ``bitext batch``: a RUN_DIR stands for its ok documents, and the export
ends with a run report — documents ok and failed, pairs written, the score histogram — as text
beside the output and, when matplotlib is installed, as a PNG.

Files: ``<output>.run_report.txt`` and ``<output>.run_report.png`` (an HF dataset folder:
``run_report.txt`` and ``run_report.png`` inside it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.atomic import atomic_open, atomic_write_text
from corpus.errors import InputError
from corpus.export.report import ExportReport
from corpus.rundir import is_run_dir, run_documents

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunInputs:
    """The OUT_DIRs to export, and what the runs among the inputs held."""

    out_dirs: tuple[str, ...]
    runs: tuple[str, ...]
    documents_ok: int
    failed: tuple[tuple[str, str], ...]  # (id, error) of the failed documents


def expand_runs(paths: Iterable[str | Path]) -> RunInputs:
    """Each RUN_DIR among ``paths`` replaced by its ok documents' OUT_DIRs, in run order."""
    out_dirs: list[str] = []
    runs: list[str] = []
    ok = 0
    failed: list[tuple[str, str]] = []
    for path in paths:
        if not is_run_dir(path):
            out_dirs.append(str(path))
            continue
        documents = run_documents(path)
        ready = [d for d in documents if d.record.ok and d.path.is_dir()]
        if not ready:
            raise InputError(f"{path}: no document of this run is aligned yet")
        runs.append(str(path))
        ok += len(ready)
        out_dirs += [str(d.path) for d in ready]
        failed += [(d.record.id, d.record.error) for d in documents if not d.record.ok]
    return RunInputs(tuple(out_dirs), tuple(runs), ok, tuple(failed))


@dataclass(frozen=True)
class RunReport:
    runs: tuple[str, ...]
    documents_ok: int
    failed: tuple[tuple[str, str], ...]
    pairs: int  # rows written
    score_histogram: tuple[int, ...]  # the export report's bins over [0, 1]
    files: tuple[str, ...] = ()

    def to_text(self) -> str:
        bins = len(self.score_histogram)
        peak = max(self.score_histogram, default=0) or 1
        lines = [f"bitext run report: {', '.join(self.runs)}",
                 f"  documents ok      {self.documents_ok}",
                 f"  documents failed  {len(self.failed)}",
                 f"  pairs written     {self.pairs}",
                 "  score histogram (pairs written)"]
        lines += [f"    [{k / bins:.1f}, {(k + 1) / bins:.1f}{']' if k == bins - 1 else ')'}"
                  f"  {n:>8}  {'#' * round(40 * n / peak)}"
                  for k, n in enumerate(self.score_histogram)]
        lines += [f"  failed  {doc_id}: {error}" for doc_id, error in self.failed]
        lines += [f"  file  {name}" for name in self.files]
        return "\n".join(lines)


def _report_base(output: Path) -> Path:
    return output / "run_report" if output.is_dir() else output.with_name(
        output.name + ".run_report")


def write_histogram_png(report: RunReport, path: Path) -> bool:
    """The score histogram as a bar chart; False when matplotlib is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        return False
    bins = len(report.score_histogram)
    figure, axes = pyplot.subplots(figsize=(6.4, 3.6), dpi=100)
    axes.bar([(k + 0.5) / bins for k in range(bins)], report.score_histogram,
             width=0.9 / bins, color="#3b7dd8")
    axes.set_xlim(0, 1)
    axes.set_xlabel("alignment score (bead confidence)")
    axes.set_ylabel("pairs")
    axes.set_title(f"{report.documents_ok} documents ok, {len(report.failed)} failed, "
                   f"{report.pairs:,} pairs")
    figure.tight_layout()
    with atomic_open(path, "wb") as fh:
        figure.savefig(fh, format="png")
    pyplot.close(figure)
    return True


def write_run_report(inputs: RunInputs, export_report: ExportReport,
                     output: str | Path) -> RunReport:
    """The run report of an export of ``inputs`` to ``output``, written beside it."""
    base = _report_base(Path(output))
    text_path, png_path = (base.with_name(base.name + suffix) for suffix in (".txt", ".png"))
    report = RunReport(inputs.runs, inputs.documents_ok, inputs.failed,
                       export_report.rows_written, tuple(export_report.score_histogram))
    files = [str(text_path)]
    if write_histogram_png(report, png_path):
        files.append(str(png_path))
    else:
        logger.info("no histogram picture: matplotlib is not installed "
                    "(pip install 'bitext[plot]')")
    report = replace(report, files=tuple(files))
    atomic_write_text(text_path, report.to_text() + "\n")
    return report
