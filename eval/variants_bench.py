"""Strict F1 of a gold set written in other Chinese character forms than it was given in.

Each variant rewrites the Chinese side of a gold set (``zh/``, ``en/``, ``gold/`` layout, one
sentence a line) into a temporary folder, and ``eval.benchmark`` aligns it (``--presplit``
reading, a fresh process a run); the English side and the gold are the same files. Usage::

    python -m eval.variants_bench ../shared/data/mac-dev --encoder lexical --encoder auto

Variants: ``simplified`` (the set as given), ``traditional``, ``taiwan``, ``hong-kong``
(OpenCC's ``s2t``, ``s2tw``, ``s2hk``), ``full-width`` (ASCII letters and digits in the
Chinese as full-width forms, spaces as ideographic ones). Scoring reads all of them as
Simplified with ASCII letters and digits (``corpus.lang.variants``), so each should score
within 0.01 of ``simplified``. The rewritten texts live in the temporary folder only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from corpus.errors import InputError

OPENCC_VARIANTS = {"traditional": "s2t", "taiwan": "s2tw", "hong-kong": "s2hk"}
VARIANTS = ("simplified", *OPENCC_VARIANTS, "full-width")


def full_width(text: str) -> str:
    """ASCII letters and digits as their full-width forms, spaces as ideographic spaces."""
    return "".join(
        chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else "\u3000" if c == " " else c
        for c in text
    )


def rewriter(variant: str) -> Callable[[str], str]:
    if variant == "full-width":
        return full_width
    import opencc

    return opencc.OpenCC(OPENCC_VARIANTS[variant]).convert


def write_variant(data_dir: Path, variant: str, work: Path) -> Path:
    """``data_dir`` with its Chinese side rewritten as ``variant``, under ``work``."""
    if variant == "simplified":
        return data_dir
    rewrite = rewriter(variant)
    out = work / variant
    (out / "zh").mkdir(parents=True)
    for path in sorted((data_dir / "zh").iterdir()):
        lines = path.read_text(encoding="utf-8").split("\n")
        (out / "zh" / path.name).write_text("\n".join(map(rewrite, lines)), encoding="utf-8")
    for name in ("en", "gold"):
        (out / name).symlink_to((data_dir / name).resolve())
    return out


def benchmark(data_dir: Path, encoder: str, cache: Path) -> dict:
    """One ``eval.benchmark`` run in a fresh process, with an embedding cache of its own (so
    that no run's seconds gain from another's embeddings): its JSON row."""
    done = subprocess.run(
        [sys.executable, "-m", "eval.benchmark", str(data_dir), "--encoder", encoder, "--json"],
        capture_output=True, text=True, env={**os.environ, "BITEXT_CACHE": str(cache)},
    )
    if done.returncode:
        raise InputError(f"eval.benchmark failed on {data_dir}: {done.stderr.strip()}")
    return json.loads(done.stdout)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--encoder", action="append", help="repeatable; default: lexical")
    parser.add_argument("--variant", action="append", choices=VARIANTS,
                        help="repeatable; default: all (simplified always runs, as the baseline)")
    args = parser.parse_args(argv)
    if not (args.data_dir / "zh").is_dir():
        print(f"variants_bench: error: no zh/ folder in {args.data_dir}", file=sys.stderr)
        return 2
    variants = ["simplified", *(v for v in args.variant or VARIANTS if v != "simplified")]
    work = Path(tempfile.mkdtemp(prefix="bitext-variants-"))
    try:
        folders = {variant: write_variant(args.data_dir, variant, work) for variant in variants}
        print(f"{'variant':<13}{'encoder':<10}{'F1 strict':>10}{'vs simplified':>15}"
              f"{'seconds':>9}  per document (strict F1)")
        for encoder in args.encoder or ["lexical"]:
            baseline = None
            for variant in variants:
                row = benchmark(folders[variant], encoder, work / "cache" / f"{encoder}-{variant}")
                baseline = row["f1_strict"] if baseline is None else baseline
                docs = " ".join(f"{k}={v:.3f}" for k, v in row["per_document"].items())
                print(f"{variant:<13}{encoder:<10}{row['f1_strict']:>10.3f}"
                      f"{row['f1_strict'] - baseline:>+15.3f}{row['seconds']:>9.1f}  {docs}",
                      flush=True)
    except InputError as exc:
        print(f"variants_bench: error: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
