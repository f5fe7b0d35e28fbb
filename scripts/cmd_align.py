"""``bitext align SRC TGT -o OUT_DIR``: sentence-align a Chinese–English document pair."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

logger = logging.getLogger("bitext")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align",
        help="align the sentences of a Chinese and an English file",
        description="Languages are detected; the first file's sentences are the source side.",
    )
    parser.add_argument("src", type=Path)
    parser.add_argument("tgt", type=Path)
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument("--presplit", action="store_true", help="inputs are one sentence a line")
    parser.add_argument("--encoder", default="auto",
                        help="auto (default), lexical, neural or hybrid")
    parser.add_argument("--model", default=None,
                        help="sentence-transformers model name or local folder "
                             "(neural default: sentence-transformers/LaBSE)")
    parser.add_argument("--device", default=None,
                        help="torch device of the neural/hybrid model: cpu (default), cuda, "
                             "cuda:1, mps")
    parser.add_argument("--max-bead", type=int, default=4, help="largest side of a bead")
    parser.add_argument("--doc-id", default="", help="document id (default: SRC file stem)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from align.aligner import AlignConfig
    from align.encoders.registry import resolve_encoder
    from align.pipeline import AlignJob, run_align_job

    options = {} if args.device is None else {"device": args.device}
    encoder, why = resolve_encoder(args.encoder, args.model, **options)
    logger.info("encoder: %s", why)
    # 1-N beads need a + b up to N + 1; the default's 5 also allows 2-3 and 3-2.
    config = AlignConfig(max_size=args.max_bead,
                         max_many=min(AlignConfig.max_many, args.max_bead),
                         max_total=max(AlignConfig.max_total, args.max_bead + 1))
    doc = run_align_job(
        AlignJob(args.src, args.tgt, args.out, presplit=args.presplit, doc_id=args.doc_id),
        encoder,
        config,
    )
    summary = doc.summary
    logger.info(
        "%d beads (%.0f%% 1-1, %.0f%% deletions), mean confidence %.2f → %s",
        summary.beads, 100 * summary.share_one_to_one, 100 * summary.share_deletions,
        summary.mean_score, args.out,
    )
    return 0
