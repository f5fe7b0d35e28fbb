"""Where an alignment spends its time, by stage: a sampling profiler that needs nothing but
the standard library.

A thread looks at the main thread's stack every few milliseconds and files the main
thread's CPU time since the last look under the innermost frame that belongs to a stage
(``STAGES``, matched on file and function name; "other" when none does). Sampling costs
little and does not slow small Python functions down as a deterministic profiler (cProfile)
does, and CPU time does not count the waits of a busy machine, so the shares are those of
a plain run on a quiet one. Usage::

    with StageSampler() as sampler:
        align_files(...)
    print(sampler.report())

or around the command line, writing the shares as JSON::

    python eval/stage_profile.py --json stages.json -- align --presplit zh.txt en.txt -o out
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from types import FrameType

# (stage, path fragment, function names or None for any), tried innermost frame first.
STAGES: tuple[tuple[str, str, tuple[str, ...] | None], ...] = (
    ("chinese tokens", "corpus/lang/segment.py", None),
    ("chinese tokens", "corpus/lang/chinese.py", ("chinese_tokens",)),
    ("dictionary", "corpus/lang/cedict.py", None),
    ("english terms", "corpus/lang/english.py", None),
    ("embeddings", "align/encoders/neural.py", ("encode", "_embed")),
    ("embeddings", "align/encoders/gloss.py", None),
    ("coverage tables", "align/encoders/products.py", None),
    ("coverage tables", "align/encoders/coverage.py", None),
    ("document lexicon", "align/encoders/document_lexicon.py", None),
    ("bags", "align/encoders/bags.py", None),
    ("dp sweeps", "align/dp.py", ("_sweep", "_backward", "_posteriors", "best_path")),
    ("dp edges", "align/dp.py", ("build_edges",)),
    ("bead scores", "align/calibration.py", ("__call__", "sentence_evidence")),
    ("calibration", "align/calibration.py", None),
    ("bead scores", "align/scoring.py", None),
    ("bead scores", "align/encoders/speech.py", None),
    ("banding", "align/banding.py", None),
    ("reading", "corpus/read", None),
    ("reading", "corpus/split.py", None),
    ("reading", "corpus/lang/variants.py", None),
    ("writing", "corpus/outdir.py", None),
    ("writing", "corpus/export", None),
)


@dataclass(frozen=True)
class StageShare:
    stage: str
    seconds: float  # CPU seconds
    share: float


class StageSampler:
    """Samples the stack of the thread that creates it, while in a ``with`` block."""

    def __init__(self, interval: float = 0.002):
        self.interval = interval
        self._thread_id = threading.get_ident()
        self._clock = time.pthread_getcpuclockid(self._thread_id)
        self._cpu: Counter[str] = Counter()  # CPU seconds by stage
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._run, daemon=True)
        self.seconds = 0.0  # wall-clock time in the block
        self.cpu_seconds = 0.0  # CPU time of the sampled thread in the block

    def __enter__(self) -> StageSampler:
        self._started = time.perf_counter()
        self._cpu_started = time.clock_gettime(self._clock)
        self._sampler.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._sampler.join()
        self.seconds = time.perf_counter() - self._started
        self.cpu_seconds = time.clock_gettime(self._clock) - self._cpu_started

    def _run(self) -> None:
        last = time.clock_gettime(self._clock)
        while not self._stop.wait(self.interval):
            frame = sys._current_frames().get(self._thread_id)
            now = time.clock_gettime(self._clock)
            if frame is not None:
                self._cpu[_stage_of(frame)] += now - last
            last = now

    def shares(self) -> list[StageShare]:
        """CPU seconds and share of each stage, the largest first."""
        total = sum(self._cpu.values()) or 1.0
        return [StageShare(stage, seconds, seconds / total)
                for stage, seconds in self._cpu.most_common()]

    def report(self) -> str:
        return "  ".join(f"{s.stage} {100 * s.share:.0f}%" for s in self.shares())


def _stage_of(frame: FrameType | None) -> str:
    while frame is not None:
        path, name = frame.f_code.co_filename, frame.f_code.co_name
        for stage, fragment, names in STAGES:
            if fragment in path and (names is None or name in names):
                return stage
        frame = frame.f_back
    return "other"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run the bitext command line, sampled by stage")
    parser.add_argument("--json", type=Path, required=True, help="where to write the shares")
    parser.add_argument("bitext", nargs=argparse.REMAINDER, help="-- then bitext's arguments")
    args = parser.parse_args(argv)
    arguments = args.bitext[1:] if args.bitext[:1] == ["--"] else args.bitext
    with StageSampler() as sampler:
        from scripts.cli import main as bitext

        code = bitext(arguments)
    args.json.write_text(json.dumps([asdict(share) for share in sampler.shares()]))
    return code


if __name__ == "__main__":
    sys.exit(main())
