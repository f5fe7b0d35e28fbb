"""``bitext align SRC [TGT] -o OUT_DIR``: sentence-align a Chinese–English document pair
(one file without TGT: both languages in it, paragraph by paragraph)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from align.config import AlignConfig
from align.encoders.models import PRECISIONS
from align.encoders.registry import DEFAULT_ENCODER, ENCODERS
from corpus.read.formats import DEFAULT_INPUT_FORMAT, INPUT_FORMATS

logger = logging.getLogger("bitext")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "align",
        help="align the sentences of a Chinese and an English file",
        description="Languages are detected; the first file's sentences are the source side. "
                    "With SRC alone, SRC holds both languages, each paragraph next to its "
                    "translation (中英对照); its first paragraph's language is the source side.",
    )
    parser.add_argument("src", type=Path)
    parser.add_argument("tgt", type=Path, nargs="?", default=None)
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    add_align_options(parser)
    parser.add_argument("--doc-id", default="", help="document id (default: SRC file stem)")
    parser.set_defaults(handler=run)


def add_align_options(parser: argparse.ArgumentParser) -> None:
    """The options of an alignment, shared by ``bitext align`` and ``bitext batch``."""
    parser.add_argument("--presplit", action="store_true", help="inputs are one sentence a line")
    parser.add_argument("--input-format", default=DEFAULT_INPUT_FORMAT,
                        help=f"{' | '.join(INPUT_FORMATS)} (default {DEFAULT_INPUT_FORMAT}: "
                             "from each file's content and extension)")
    others = [name for name in ENCODERS if name != DEFAULT_ENCODER]
    parser.add_argument("--encoder", default=DEFAULT_ENCODER,
                        help=f"{DEFAULT_ENCODER} (default), {', '.join(others[:-1])} or {others[-1]}")
    parser.add_argument("--model", default=None,
                        help="sentence-transformers model name or local folder "
                             "(neural default: sentence-transformers/LaBSE)")
    parser.add_argument("--device", default=None,
                        help="torch device of the neural/hybrid model: cpu (default), cuda, "
                             "cuda:1, mps")
    parser.add_argument("--precision", default=None, choices=PRECISIONS,
                        help="of the neural/hybrid model: auto (default: bfloat16 on a CPU "
                             "with bfloat16 matrix instructions, else float32), float32, "
                             "bfloat16")
    parser.add_argument("--max-bead", type=int, default=AlignConfig.max_bead,
                        help="largest side of a bead (default: 5 on documents up to "
                             f"{AlignConfig.wide_beads_up_to:,} sentences, 4 on longer ones)")


def run(args: argparse.Namespace) -> int:
    from align.api import align_files

    doc = align_files(args.src, args.tgt, out_dir=args.out, presplit=args.presplit,
                      input_format=args.input_format, encoder=args.encoder, model=args.model,
                      device=args.device, precision=args.precision, max_bead=args.max_bead,
                      doc_id=args.doc_id)
    summary = doc.summary
    logger.info(
        "%d beads (%.0f%% 1-1, %.0f%% deletions), mean confidence %.2f → %s",
        summary.beads, 100 * summary.share_one_to_one, 100 * summary.share_deletions,
        summary.mean_score, args.out,
    )
    return 0
