"""``bitext batch INPUT -o RUN_DIR``: align every document pair of a crawl, resumably."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from align.batch.engines import DEFAULT_ENGINE, ENGINES
from scripts.cmd_align import add_align_options

logger = logging.getLogger("bitext")

SOME_FAILED = 3  # the exit code when some documents failed (the others are done)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch",
        help="align every document pair of a folder or manifest into a run folder",
        description="INPUT: a folder with zh/NAME + en/NAME, or with NAME.zh.EXT + NAME.en.EXT "
        "files, or a manifest (.tsv, .csv, .jsonl) with columns id, src, tgt. Each document's "
        "OUT_DIR goes to RUN_DIR/docs/<id>/, one record a document to RUN_DIR/run.jsonl. "
        "Rerunning skips documents done with the same texts and settings and retries failed "
        f"ones. Exit 0 when every document is ok, {SOME_FAILED} when some failed.",
    )
    parser.add_argument("input", type=Path, metavar="INPUT")
    parser.add_argument("-o", "--out", type=Path, required=True, metavar="RUN_DIR",
                        help="run folder (new, or one to resume)")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: the machine's cores; with --address "
                        "the cluster's own workers run it)")
    parser.add_argument("--engine", default=DEFAULT_ENGINE,
                        help=f"{' or '.join(ENGINES)} (default {DEFAULT_ENGINE}; dask needs "
                        "pip install 'bitext[dask]')")
    parser.add_argument("--address", default=None,
                        help="Dask scheduler to run on, e.g. tcp://head:8786 (default: a local "
                        "cluster)")
    add_align_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from align.batch.engines import make_engine
    from align.batch.inputs import find_documents
    from align.batch.runner import run_batch
    from align.batch.worker import AlignSettings

    engine = make_engine(args.engine, args.workers, args.address)
    batch = find_documents(args.input)
    logger.info("%s: %d document pairs (%s layout)%s", args.input, len(batch.pairs),
                batch.layout, f", {len(batch.unpaired)} without a counterpart (listed in "
                f"{args.out / 'unpaired.tsv'})" if batch.unpaired else "")
    settings = AlignSettings(presplit=args.presplit, input_format=args.input_format,
                             encoder=args.encoder, model=args.model, device=args.device,
                             precision=args.precision,
                             max_bead=args.max_bead)
    quiet = logging.getLogger().getEffectiveLevel() > logging.INFO
    result = run_batch(batch, args.out, settings, engine, progress=not quiet)
    logger.info("%d documents ok (%d skipped as done), %d failed; %d sentences aligned in "
                "%.1f s → %s", result.skipped + result.aligned, result.skipped,
                len(result.failed), result.sentences, result.seconds, args.out)
    return SOME_FAILED if result.failed else 0
