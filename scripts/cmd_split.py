"""`bitext split` (not built yet)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("split", help="(not built yet)")
    parser.set_defaults(handler=lambda args: print("bitext split: not built yet") or 1)
