"""`bitext split FILE [-o OUT] [--lang zh|en] [--presplit]`: one sentence a line.

Set-aside lines (headers, footers, metadata) are reported on stderr through logging.
"""

from __future__ import annotations

import argparse
import logging
import sys

from corpus.atomic import atomic_write_text
from corpus.document import LANGUAGES
from corpus.read import read_side

logger = logging.getLogger("bitext.split")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "split",
        help="split a text or Markdown file into sentences, one a line",
        description="Read FILE (UTF-8, GB18030 or Big5; plain text or Markdown), set aside "
        "header/footer/metadata lines (reported on stderr) and write its sentences one a line.",
    )
    parser.add_argument("file", metavar="FILE", help="input file")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language of FILE (default: detected from its script)"
    )
    parser.add_argument(
        "--presplit", action="store_true", help="FILE has one sentence a line already"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    side = read_side(args.file, presplit=args.presplit, lang=args.lang)
    text = "".join(f"{sentence}\n" for sentence in side.sentences)
    if args.output:
        atomic_write_text(args.output, text)
        logger.info("%d %s sentences written to %s", len(side), side.lang, args.output)
    else:
        sys.stdout.write(text)
    return 0
