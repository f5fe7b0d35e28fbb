"""Align a gold set; per encoder: F1, seconds, peak memory, bead types and calibration.

The bead-type and reliability tables are ``eval.report``'s, as ``bitext eval`` prints them.

A gold-set directory has the mac-dev/bible layout: ``zh/NAME``, ``en/NAME`` (one sentence a
line) and ``gold/NAME.align``. Usage::

    python -m eval.benchmark ../shared/data/mac-dev --encoder lexical --encoder hybrid
    python -m eval.benchmark ../shared/data/bible --out /tmp/bible-test --plot /tmp/bible.png

Each document is written as an OUT_DIR ``OUT/ENCODER/NAME/``, so that ``bitext eval
DATA_DIR/gold OUT/ENCODER`` scores it again, calibration included, and ``bitext review`` opens
it. ``--plot FILE.png`` draws ``FILE-ENCODER.png`` per encoder. Each encoder runs in a fresh
process so that peak memory (ru_maxrss) is its own.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from queue import Empty

from corpus.errors import BitextError, InputError
from eval.report import format_details, score_dict
from eval.scoring import Score


@dataclass(frozen=True)
class BenchmarkRow:
    encoder: str
    signature: str
    documents: int
    f1_strict: float
    f1_lax: float
    precision_strict: float
    recall_strict: float
    seconds: float
    peak_mib: float
    per_document: dict[str, float]  # strict F1 by document
    evaluation: Score  # all documents together: bead types, calibration


def align_gold_set(data_dir: Path, out_dir: Path, encoder_name: str, model: str | None = None):
    """Align every document of a gold set with one encoder; write the OUT_DIR ``out_dir/NAME``."""
    from align.aligner import Aligner
    from align.encoders.registry import make_encoder
    from corpus.outdir import write_outdir
    from corpus.read import read_side

    names = sorted(p.name for p in (data_dir / "zh").iterdir() if p.is_file())
    if not names:
        raise InputError(f"no documents in {data_dir / 'zh'}")
    aligner = Aligner(make_encoder(encoder_name, model))
    out_dir.mkdir(parents=True, exist_ok=True)
    signatures: dict[str, None] = {}  # auto may choose differently per document
    for name in names:
        zh = read_side(data_dir / "zh" / name, presplit=True, lang="zh")
        en = read_side(data_dir / "en" / name, presplit=True, lang="en")
        doc = aligner.align(zh, en, doc_id=name)
        write_outdir(out_dir / name, doc)
        signatures[str(doc.signature)] = None
    return names, " ; ".join(signatures)


def run_benchmark(data_dir: Path, encoder_name: str, model: str | None, out_dir: Path) -> BenchmarkRow:
    from eval.scoring import score_paths, total

    start = time.perf_counter()
    names, signature = align_gold_set(data_dir, out_dir, encoder_name, model)
    seconds = time.perf_counter() - start
    scores = score_paths(data_dir / "gold", out_dir)
    evaluation = total(scores)
    figures = evaluation.figures()
    return BenchmarkRow(
        encoder=encoder_name,
        signature=signature,
        documents=len(names),
        f1_strict=round(figures["f1_strict"], 4),
        f1_lax=round(figures["f1_lax"], 4),
        precision_strict=round(figures["precision_strict"], 4),
        recall_strict=round(figures["recall_strict"], 4),
        seconds=round(seconds, 2),
        peak_mib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        per_document={s.name: round(s.figures()["f1_strict"], 4) for s in scores},
        evaluation=evaluation,
    )


def _child(queue, data_dir, encoder_name, model, out_dir):
    try:
        queue.put(run_benchmark(data_dir, encoder_name, model, out_dir))
    except BitextError as exc:
        queue.put(exc)


def _result_of(process, queue):
    """The child's result or error, or None when it died without sending one."""
    while process.is_alive():
        try:
            return queue.get(timeout=1.0)
        except Empty:
            continue
    try:  # it may have sent its result just before it ended
        return queue.get(timeout=1.0)
    except Empty:
        return None


def _run(args: argparse.Namespace) -> int:
    if args.plot:
        from eval.plot import check_can_plot, plot_score

        check_can_plot(args.plot)  # before the runs, not after them
    rows = []
    context = multiprocessing.get_context("spawn")
    for encoder_name in args.encoder or ["lexical"]:
        out_dir = (args.out or Path(tempfile.mkdtemp(prefix="bitext-bench-"))) / encoder_name
        model = None if encoder_name == "lexical" else args.model
        queue = context.Queue()
        process = context.Process(
            target=_child, args=(queue, args.data_dir, encoder_name, model, out_dir)
        )
        process.start()
        result = _result_of(process, queue)
        process.join()
        if result is None:
            print(f"benchmark: error: the {encoder_name} run died (exit code "
                  f"{process.exitcode})", file=sys.stderr)
            return 1
        if isinstance(result, BitextError):
            raise result
        rows.append(result)
    if args.plot:
        for r in rows:
            plot_score(r.evaluation, args.plot.with_stem(f"{args.plot.stem}-{r.encoder}"),
                       title=f"{args.data_dir.name}, encoder {r.encoder}")
    if args.json:
        print(json.dumps([{**asdict(r), "evaluation": score_dict(r.evaluation)} for r in rows],
                         indent=2))
        return 0
    print(f"{'encoder':<10}{'F1 strict':>10}{'F1 lax':>8}{'P strict':>9}{'R strict':>9}"
          f"{'seconds':>9}{'peak MiB':>10}  per document (strict F1)")
    for r in rows:
        docs = " ".join(f"{k}={v:.3f}" for k, v in r.per_document.items())
        print(f"{r.encoder:<10}{r.f1_strict:>10.3f}{r.f1_lax:>8.3f}{r.precision_strict:>9.3f}"
              f"{r.recall_strict:>9.3f}{r.seconds:>9.1f}{r.peak_mib:>10.0f}  {docs}")
        print(f"  signature: {r.signature}")
    for r in rows:
        print(f"\n{r.encoder}, all documents together:\n{format_details(r.evaluation)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--encoder", action="append", help="repeatable; default: lexical")
    parser.add_argument("--model", default=None,
                        help="for the encoders that take one (all but lexical)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to keep the OUT_DIRs (OUT/ENCODER/NAME)")
    parser.add_argument("--plot", type=Path, metavar="FILE.png",
                        help="draw FILE-ENCODER.png per encoder (needs matplotlib)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except BitextError as exc:
        print(f"benchmark: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
