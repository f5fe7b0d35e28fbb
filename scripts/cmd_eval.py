"""``bitext eval GOLD TEST``: precision/recall/F1 per document and in total, by bead type, and
the calibration of the confidences when TEST carries them (OUT_DIRs)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from corpus.signature import package_version


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score alignments against gold (P/R/F1, by bead type, calibration)",
        description="GOLD is an .align file or a directory of them. TEST is an .align file or "
        "an OUT_DIR of bitext align (its pairs.jsonl gives the confidences for calibration); "
        "for a GOLD directory, a directory holding NAME.align or the OUT_DIR NAME for each "
        "gold NAME.align.",
    )
    parser.add_argument("gold")
    parser.add_argument("test")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--plot", type=Path, metavar="FILE.png",
                        help="draw the reliability diagram and the bead-type table "
                        "(needs matplotlib: pip install 'bitext[plot]')")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from eval.report import format_details, format_figures, score_dict
    from eval.scoring import score_paths, total

    scores = score_paths(args.gold, args.test)
    overall = total(scores)
    if args.plot:
        from eval.plot import plot_score

        plot_score(overall, args.plot, title=f"{args.test} against {args.gold}")
    if args.format == "json":
        report = {
            "bitext_version": package_version(),
            "documents": {s.name: score_dict(s) for s in scores},
            "total": score_dict(overall),
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    print(format_figures([*scores, overall] if len(scores) > 1 else scores))
    print()
    print(format_details(overall))
    return 0
