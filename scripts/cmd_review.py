"""`bitext review OUT_DIR|RUN_DIR` — correct alignments in the browser (local server, loopback
only); a RUN_DIR of `bitext batch` opens on the list of its documents, worst first."""

from __future__ import annotations

import argparse
import webbrowser


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "review",
        help="review and correct an alignment in the browser",
        description=(
            "Serve a review page for OUT_DIR (written by `bitext align`) on this machine only. "
            "Every change is saved at once to OUT_DIR; the review log is review.log.jsonl. "
            "A RUN_DIR (written by `bitext batch`) opens on its documents, lowest mean score "
            "first; each keeps its review in its own folder."
        ),
    )
    parser.add_argument("out_dir", metavar="OUT_DIR",
                        help="folder written by `bitext align`, or a RUN_DIR of `bitext batch`")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0: any free one)")
    parser.add_argument(
        "--host", default="127.0.0.1", help="loopback address to bind (127.0.0.1, localhost, ::1)"
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="only print the address, open no browser"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from corpus.review.server import ReviewServer

    server = ReviewServer(args.out_dir, host=args.host, port=args.port)
    print(f"bitext review: {server.url}", flush=True)
    print("bitext review: press Ctrl-C to stop", flush=True)
    if not args.no_browser:
        webbrowser.open(server.url)
    server.serve()
    return 0
