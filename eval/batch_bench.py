"""Throughput of ``bitext batch``: MAC-Dev replicated to many documents, per engine and workers.

The six MAC-Dev chapters are linked into a temporary gold-set folder under as many names as
asked (``--documents``, default 600), then aligned with ``--presplit`` into a fresh RUN_DIR
for each engine and worker count. Prints documents a minute, sentences a second, wall and CPU
seconds (user + sys of this process and its workers) and each worker's peak memory.

    python -m eval.batch_bench ../shared/data/mac-dev --documents 120 --workers 1 --workers 2
    python -m eval.batch_bench ../shared/data/mac-dev --engine local --engine dask
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from corpus.errors import BitextError


def replicate(mac_dev: Path, root: Path, documents: int) -> Path:
    """A gold-set folder with ``documents`` pairs, the chapters in turn (symbolic links)."""
    chapters = sorted(p.name for p in (mac_dev / "zh").iterdir())
    for side in ("zh", "en"):
        (root / side).mkdir(parents=True)
        for k in range(documents):
            name = chapters[k % len(chapters)]
            os.symlink((mac_dev / side / name).resolve(), root / side / f"{k:04d}-{name}")
    return root


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(input_dir: Path, run_dir: Path, engine_name: str, workers: int,
            encoder: str) -> str:
    from align.batch.engines import make_engine
    from align.batch.inputs import find_documents
    from align.batch.runner import run_batch
    from align.batch.worker import AlignSettings

    batch = find_documents(input_dir)
    cpu, start = _cpu_seconds(), time.perf_counter()
    result = run_batch(batch, run_dir, AlignSettings(presplit=True, encoder=encoder),
                       make_engine(engine_name, workers))
    wall, cpu = time.perf_counter() - start, _cpu_seconds() - cpu
    if result.failed:
        raise BitextError(f"{len(result.failed)} documents failed: {result.failed[0].error}")
    peaks = ", ".join(f"{w.peak_mib:.0f}" for w in sorted(result.workers, key=lambda w: w.worker))
    return (f"{engine_name:<5} workers={workers}  documents={result.aligned}  "
            f"sentences={result.sentences}  wall={wall:.1f}s  cpu={cpu:.1f}s  "
            f"docs/min={60 * result.aligned / wall:.1f}  sentences/s={result.sentences / wall:.0f}"
            f"  peak MiB per worker: {peaks}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mac_dev", type=Path, help="the MAC-Dev folder (zh/, en/)")
    parser.add_argument("--documents", type=int, default=600)
    parser.add_argument("--workers", type=int, action="append", default=None)
    parser.add_argument("--engine", action="append", default=None, help="local, dask")
    parser.add_argument("--encoder", default="lexical")
    args = parser.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="bitext-batch-bench-"))
    try:
        input_dir = replicate(args.mac_dev, root / "input", args.documents)
        print(f"MAC-Dev replicated to {args.documents} documents, --presplit, "
              f"--encoder {args.encoder}, {os.cpu_count()} cores", flush=True)
        for engine_name in args.engine or ["local", "dask"]:
            for workers in args.workers or [1, 2]:
                run_dir = root / f"run-{engine_name}-{workers}"
                print(measure(input_dir, run_dir, engine_name, workers, args.encoder),
                      flush=True)
                shutil.rmtree(run_dir)
    except BitextError as exc:
        print(f"batch_bench: error: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
