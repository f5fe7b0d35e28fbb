"""`bitext export OUT_DIR|RUN_DIR... --format hf|tmx|tsv|moses|jsonl|xliff -o OUTPUT`."""

from __future__ import annotations

import argparse
import json

from corpus.export import (
    EXPORT_FORMATS,
    ExportOptions,
    SplitSpec,
    WriteOptions,
    default_filters,
    export,
)
from corpus.export.filters import ORDER, Copies, parse_filter_spec
from corpus.export.runs import expand_runs, write_run_report


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export aligned pairs: HF datasets, TMX, Moses, TSV, JSONL, XLIFF",
        description="Export the beads of one or more OUT_DIRs of `bitext align`, filtered "
        "and split by document. Rejected beads are dropped unless --keep-rejected.",
    )
    parser.add_argument("out_dirs", nargs="+", metavar="OUT_DIR",
                        help="output folders of align, or run folders of batch (RUN_DIR: its "
                        "ok documents, and a run report beside the output)")
    parser.add_argument("-o", "--output", required=True,
                        help="DATASET_DIR (hf), a file (tmx/tsv/jsonl/xliff) or NAME (moses: "
                        "NAME.en, NAME.zh)")
    parser.add_argument("-f", "--format", default=ExportOptions.format,
                        help=f"one of {', '.join(EXPORT_FORMATS)} (default {ExportOptions.format})")
    group = parser.add_argument_group("filters (each counted in the report)")
    group.add_argument("--min-score", type=float, help="drop beads scoring below this")
    group.add_argument("--drop-deletions", action="store_true",
                       help="drop beads with an empty side (1-0, 0-1)")
    group.add_argument("--len-ratio", type=float, nargs=2, metavar=("MIN", "MAX"),
                       help="keep en chars / zh chars within [MIN, MAX]")
    group.add_argument("--drop-duplicates", action="store_true", help="drop exact duplicates")
    group.add_argument("--drop-near-duplicates", action="store_true",
                       help="drop duplicates after normalising case, spaces, punctuation, digits")
    group.add_argument("--drop-copies", nargs="?", type=float, const=Copies.threshold,
                       metavar="THRESHOLD", help="drop pairs whose two sides are the same text "
                       f"or script (copy score >= THRESHOLD, default {Copies.threshold:g})")
    group.add_argument("--confirmed-only", action="store_true",
                       help="keep only beads a reviewer confirmed")
    group.add_argument("--keep-rejected", dest="drop_rejected", action="store_false",
                       help="keep beads a reviewer rejected (dropped by default)")
    group.add_argument("--filter", action="append", default=[], metavar="NAME[=ARG]",
                       help=f"a filter by name: {', '.join(ORDER)}")
    group.add_argument("--keep-filter-scores", action="store_true",
                       help="export each filter's raw score as a filter_<name> column")
    group = parser.add_argument_group("splits and output")
    group.add_argument("--split", default=str(SplitSpec()),
                       help="by document, e.g. train=0.9,validation=0.05,test=0.05")
    group.add_argument("--seed", type=int, default=SplitSpec.seed,
                       help="seed of the document hash")
    group.add_argument("--zh-tag", default=WriteOptions.zh_tag,
                       help="xml:lang of Chinese (TMX/XLIFF); default: zh-Hans/zh-Hant as written")
    group.add_argument("--en-tag", default=WriteOptions.en_tag,
                       help="xml:lang of English (TMX/XLIFF)")
    group.add_argument("--license", default=WriteOptions.license,
                       help="license in the dataset card")
    group.add_argument("--name", default=WriteOptions.pretty_name,
                       help="pretty_name of the dataset card")
    group.add_argument("--shard-rows", type=int, default=WriteOptions.shard_rows,
                       help="rows per parquet shard")
    group.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    filters = default_filters(
        min_score=args.min_score,
        drop_deletions=args.drop_deletions,
        len_ratio=args.len_ratio,
        duplicates=args.drop_duplicates,
        near_duplicates=args.drop_near_duplicates,
        copies=args.drop_copies,
        confirmed_only=args.confirmed_only,
        drop_rejected=args.drop_rejected,
    )
    by_name = {f.name: f for f in filters}
    by_name.update((f.name, f) for f in map(parse_filter_spec, args.filter))
    options = ExportOptions(
        format=args.format,
        filters=tuple(by_name.values()),
        split=SplitSpec.parse(args.split, args.seed),
        keep_filter_scores=args.keep_filter_scores,
        write=WriteOptions(
            zh_tag=args.zh_tag,
            en_tag=args.en_tag,
            license=args.license,
            pretty_name=args.name,
            shard_rows=args.shard_rows,
        ),
    )
    inputs = expand_runs(args.out_dirs)
    report = export(inputs.out_dirs, args.output, options)
    print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json
          else report.to_text())
    if inputs.runs:
        run_report = write_run_report(inputs, report, args.output)
        if not args.json:
            print(run_report.to_text())
    return 0
