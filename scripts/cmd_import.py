"""`bitext import FILE... --format tmx|tsv|moses|jsonl -o OUT_DIR`."""

from __future__ import annotations

import argparse

from corpus.export import IMPORT_FORMATS, import_files


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import",
        help="read pairs from other tools (TMX, TSV, Moses, JSONL) into an OUT_DIR",
        description="Each pair becomes a 1-1 bead of one document, so it can be filtered and "
        "exported like an alignment. Moses takes two files, NAME.en NAME.zh (first = source).",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("-f", "--format", required=True,
                        help=f"one of {', '.join(IMPORT_FORMATS)}")
    parser.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    parser.add_argument("--doc-id", default="", help="document id (default: the file's stem)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    doc = import_files(args.format, args.files, args.output, args.doc_id)
    summary = doc.summary
    print(f"bitext import → {args.output}: {summary.beads} pairs "
          f"({len(doc.src)} {doc.src.lang}, {len(doc.tgt)} {doc.tgt.lang} sentences) "
          f"from {', '.join(args.files)}")
    return 0
