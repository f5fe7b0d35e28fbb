"""``bitext eval GOLD TEST``: strict and lax precision/recall/F1, per document and in total."""

from __future__ import annotations

import argparse
import json

from corpus.signature import package_version


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score alignments against gold (strict/lax precision, recall, F1)",
        description="GOLD and TEST are .align files, or directories matched by file name.",
    )
    parser.add_argument("gold")
    parser.add_argument("test")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from eval.scoring import score_paths, total

    scores = score_paths(args.gold, args.test)
    rows = [*scores, total(scores)] if len(scores) > 1 else scores
    if args.format == "json":
        report = {
            "bitext_version": package_version(),
            "documents": {s.name: s.figures() for s in scores},
            "total": total(scores).figures(),
        }
        print(json.dumps(report, indent=2))
        return 0
    header = ("document", "P strict", "R strict", "F1 strict", "P lax", "R lax", "F1 lax")
    print(f"{header[0]:<16}" + "".join(f"{h:>10}" for h in header[1:]))
    for score in rows:
        f = score.figures()
        values = (f["precision_strict"], f["recall_strict"], f["f1_strict"],
                  f["precision_lax"], f["recall_lax"], f["f1_lax"])
        print(f"{score.name:<16}" + "".join(f"{v:>10.3f}" for v in values))
    return 0
