"""``bitext match SRC_DIR TGT_DIR -o MANIFEST.tsv``: pair documents by content."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from align.match.assign import DEFAULT_THRESHOLD

logger = logging.getLogger("bitext")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "match",
        help="find which document of one folder translates which of the other",
        description="Reads every file under SRC_DIR and TGT_DIR (Chinese on one side, English "
        "on the other), pairs them one to one by their dictionary-translated words, numbers, "
        "names and length, and writes a manifest for `bitext batch`: id, src, tgt, score; a "
        "document without a translation gets a row with the other column empty.",
    )
    parser.add_argument("src_dir", type=Path, metavar="SRC_DIR")
    parser.add_argument("tgt_dir", type=Path, metavar="TGT_DIR")
    parser.add_argument("-o", "--out", type=Path, required=True, metavar="MANIFEST.tsv")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help="least confidence of a pair: how far it stands above its "
                        f"documents' other candidates, 0–1 (default {DEFAULT_THRESHOLD})")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from align.match.matcher import match_folders, write_manifest

    result = match_folders(args.src_dir, args.tgt_dir, threshold=args.threshold)
    write_manifest(result, args.out)
    logger.info("%d pairs; unmatched: %d in %s, %d in %s (%d unreadable) → %s",
                len(result.pairs), len(result.unmatched_src), args.src_dir,
                len(result.unmatched_tgt), args.tgt_dir, len(result.unreadable), args.out)
    return 0
