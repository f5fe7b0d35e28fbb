"""``bitext`` — one console command with subcommands.

The library raises; this module prints one line and exits non-zero. Logging is set up here
only. Each subcommand lives in ``scripts/cmd_<name>.py`` and exposes ``register(subparsers)``,
which adds its parser and sets ``handler`` to a function taking the parsed arguments and
returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from corpus.errors import BitextError
from corpus.signature import package_version

COMMANDS = ("split", "align", "batch", "match", "eval", "export", "import", "review")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bitext",
        description="English–Chinese sentence alignment: split, align, score, evaluate, export.",
    )
    parser.add_argument("--version", action="version", version=f"bitext {package_version()}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("-q", "--quiet", action="store_true", help="only print errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f"scripts.cmd_{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    logging.basicConfig(level=level, format="bitext: %(message)s", stream=sys.stderr)
    for noisy in ("jieba", "sentence_transformers", "transformers", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))
    try:
        return int(args.handler(args) or 0)
    except BitextError as exc:
        print(f"bitext: error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"bitext: error: no such file: {exc.filename}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"bitext: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bitext: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
