"""`bitext split FILE [-o OUT] [--lang zh|en] [--presplit] [--input-format F]`: one sentence a
line.

Set-aside lines (headers, footers, metadata) are reported on stderr through logging.
"""

from __future__ import annotations

import argparse
import logging
import sys

from corpus.atomic import atomic_write_text
from corpus.document import LANGUAGES
from corpus.read import read_side
from corpus.read.formats import DEFAULT_INPUT_FORMAT, INPUT_FORMATS

logger = logging.getLogger("bitext.split")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "split",
        help="split a text, Markdown, HTML, DOCX or PDF file into sentences, one a line",
        description="Read FILE (plain text or Markdown in UTF-8, GB18030 or Big5; an HTML "
        "page; a DOCX; a PDF's text layer), set aside header/footer/metadata lines (reported "
        "on stderr) and write its sentences one a line.",
    )
    parser.add_argument("file", metavar="FILE", help="input file")
    parser.add_argument("-o", "--output", metavar="OUT", help="output file (default: stdout)")
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language of FILE (default: detected from its script)"
    )
    parser.add_argument(
        "--presplit", action="store_true", help="FILE has one sentence a line already"
    )
    parser.add_argument("--input-format", default=DEFAULT_INPUT_FORMAT,
                        help=f"{' | '.join(INPUT_FORMATS)} (default {DEFAULT_INPUT_FORMAT}: "
                             "from the file's content and extension)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    side = read_side(args.file, presplit=args.presplit, lang=args.lang,
                     input_format=args.input_format)
    text = "".join(f"{sentence}\n" for sentence in side.sentences)
    if args.output:
        atomic_write_text(args.output, text)
        logger.info("%d %s sentences written to %s", len(side), side.lang, args.output)
    else:
        sys.stdout.write(text)
    return 0
