"""Benchmark ``bitext export`` on a synthetic corpus: time and peak memory per format.

    python eval/export_bench.py --pairs 1000000 --docs 100 [--work /tmp/bench] [--keep]

Writes ``--docs`` synthetic OUT_DIRs (1-1 beads, a few 2-1 and deletions, distinct texts so
the duplicate sets fill up: the worst case), then runs each export (hf, tmx) in a fresh
subprocess with the duplicate and near-duplicate filters on, and prints the wall time and the
subprocess's peak resident memory (``ru_maxrss``) next to the resident memory right after
the imports, so the growth due to the export itself is visible. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

WORDS = (
    "the", "river", "light", "house", "old", "man", "said", "we", "they", "could", "never",
    "morning", "city", "road", "water", "heart", "voice", "long", "time", "again", "under",
)
HANZI = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过"


def make_corpus(work: Path, pairs: int, docs: int, seed: int = 13) -> list[Path]:
    """``docs`` OUT_DIRs holding ``pairs`` beads together."""
    from corpus.beads import Bead
    from corpus.document import AlignedDocument, Side
    from corpus.outdir import write_outdir
    from corpus.signature import Signature

    rng = random.Random(seed)
    signature = Signature("synthetic", "none", {"bench": True})
    per_doc = max(1, pairs // docs)
    out_dirs = []
    counter = 0
    for d in range(docs):
        en: list[str] = []
        zh: list[str] = []
        beads: list[Bead] = []
        for _ in range(per_doc):
            counter += 1
            kind = rng.random()
            n_en = 2 if kind < 0.05 else 0 if kind < 0.07 else 1
            n_zh = 0 if 0.07 <= kind < 0.08 else 1
            if n_en == 0 and n_zh == 0:
                n_zh = 1
            en_ids = tuple(range(len(en), len(en) + n_en))
            zh_ids = tuple(range(len(zh), len(zh) + n_zh))
            for _ in range(n_en):
                words = rng.choices(WORDS, k=rng.randint(6, 18))
                en.append(" ".join(words).capitalize() + f" {counter}.")
            for _ in range(n_zh):
                zh.append("".join(rng.choices(HANZI, k=rng.randint(8, 30))) + f"{counter}。")
            beads.append(Bead(en_ids, zh_ids, round(rng.random(), 4)))
        doc = AlignedDocument(
            f"bench-{d:04d}", Side(tuple(en), "en"), Side(tuple(zh), "zh"), tuple(beads),
            signature,
        )
        out = work / "in" / f"doc{d:04d}"
        write_outdir(out, doc)
        out_dirs.append(out)
    return out_dirs


def run_one(fmt: str, out: str, inputs: list[str]) -> None:
    """In a subprocess: export, then print a JSON line with time and memory."""
    from corpus.export import ExportOptions, default_filters, export

    if fmt == "hf":
        import datasets  # noqa: F401 — counted in the baseline, as the CLI would pay it
        import pyarrow.parquet  # noqa: F401
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    options = ExportOptions(
        format=fmt,
        filters=tuple(default_filters(duplicates=True, near_duplicates=True)),
    )
    start = time.perf_counter()
    report = export(inputs, out, options)
    seconds = time.perf_counter() - start
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "format": fmt, "rows_in": report.rows_in, "rows_written": report.rows_written,
        "seconds": round(seconds, 2), "rss_after_imports_mib": round(base_rss / 1024, 1),
        "peak_rss_mib": round(peak_rss / 1024, 1),
    }))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--formats", default="hf,tmx")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    parser.add_argument("--run", nargs="+", help=argparse.SUPPRESS)  # FMT OUT INPUT...
    args = parser.parse_args(argv)
    if args.run:
        run_one(args.run[0], args.run[1], args.run[2:])
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="bitext-bench-"))
    try:
        start = time.perf_counter()
        inputs = make_corpus(work, args.pairs, args.docs)
        print(f"synthetic corpus: {args.pairs} beads in {args.docs} OUT_DIRs "
              f"({time.perf_counter() - start:.1f} s)", flush=True)
        for fmt in args.formats.split(","):
            out = work / ("dataset" if fmt == "hf" else f"pairs.{fmt}")
            cmd = [sys.executable, __file__, "--run", fmt, str(out), *map(str, inputs)]
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if result.returncode:
                print(result.stderr, file=sys.stderr)
                return result.returncode
            line = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"{fmt:5s} {line['rows_in']} rows in, {line['rows_written']} written: "
                  f"{line['seconds']:.1f} s, peak RSS {line['peak_rss_mib']:.0f} MiB "
                  f"(after imports {line['rss_after_imports_mib']:.0f} MiB)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
