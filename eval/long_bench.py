"""Long documents and pathological lines: time, CPU and peak memory of ``bitext align``.

Builds, in a temporary folder, documents of a growing number of sentences from the shared
evaluation data, and runs ``bitext align --presplit`` on each in a fresh process (offline
default encoder, cold embedding cache), printing wall and CPU seconds, peak memory, the
memory per sentence above the fitted base, and strict F1 where the document has gold::

    python -m eval.long_bench ../shared/data
    python -m eval.long_bench ../shared/data --sizes 11301,70000 --profile
    python -m eval.long_bench ../shared/data --tree /tmp/old-checkout   # another version

The long document is the Bible, then the six MAC-Dev chapters, then the two white papers
(their sentences as ``bitext split`` cuts them; no gold): 16,239 sentences of distinct
text, all the data holds. A longer one repeats it, each copy in another order of its parts,
and is marked "tiled": a repeat is easier on the per-process caches (a sentence's tokens
are cut once), so its time flatters. A document of N sentences is the first N (Chinese
and English together) of that stream, cut where a gold bead ends.

The pathological inputs (``--pathological``): a line of 1 MB of Chinese without any
punctuation facing one of 1 MB of English without any, and a 200,000-character run of
single-character words (很长很长…) facing its English, read raw and ``--presplit``; the run
checks that every sentence lands in exactly one bead and that the output sentences hold
every character of the input once.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.beads import Bead, read_align_file

DEFAULT_SIZES = (8_000, 11_301, 16_000, 24_000, 32_000, 48_000, 70_000)
PATHOLOGICAL_BYTES = 1_000_000
RUN_CHARACTERS = 200_000
DEFAULT_TIMEOUT = 600.0  # seconds: a version with a quadratic step would run for hours


@dataclass(frozen=True)
class Part:
    """A stretch of parallel text: its sentences and, where known, its gold beads."""

    name: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    gold: tuple[Bead, ...] | None


@dataclass(frozen=True)
class Document:
    zh: tuple[str, ...]
    en: tuple[str, ...]
    gold: tuple[Bead, ...]  # ids in the document
    zh_scored: np.ndarray  # whether each Chinese sentence lies in a part with gold
    en_scored: np.ndarray
    tiled: bool

    @property
    def sentences(self) -> int:
        return len(self.zh) + len(self.en)


@dataclass(frozen=True)
class Run:
    label: str
    sentences: int
    wall: float
    cpu: float  # user + sys of the aligning process
    peak_mib: float
    f1: float | None
    exit_code: int
    stages: tuple[tuple[str, float], ...] = ()  # stage, share of the CPU time
    encoder: str = ""  # the one the default chose (meta.json's signature)


def read_parts(data: Path) -> list[Part]:
    """The Bible, the MAC-Dev chapters and the white papers, in that order."""
    from corpus.read import read_side

    def gold_set(folder: Path) -> list[Part]:
        parts = []
        for zh in sorted((folder / "zh").iterdir()):
            lines = [(folder / side / zh.name).read_text(encoding="utf-8").splitlines()
                     for side in ("zh", "en")]
            gold = read_align_file(folder / "gold" / f"{zh.name}.align")
            parts.append(Part(f"{folder.name}/{zh.name}", tuple(lines[0]), tuple(lines[1]),
                              tuple(gold)))
        return parts

    parts = gold_set(data / "bible") + gold_set(data / "mac-dev")
    papers = data / "white-papers" / "raw"
    for zh in sorted(papers.glob("*.zh")):
        sides = [read_side(papers / f"{zh.stem}.{lang}", lang=lang).sentences
                 for lang in ("zh", "en")]
        parts.append(Part(f"white-papers/{zh.stem}", *sides, None))
    return parts


def build_document(parts: Sequence[Part], sentences: int) -> Document:
    """The first ``sentences`` of the stream of parts (repeated, reordered, when longer)."""
    zh: list[str] = []
    en: list[str] = []
    gold: list[Bead] = []
    zh_scored: list[bool] = []
    en_scored: list[bool] = []
    copy = 0
    full = False
    while not full:
        order = list(parts[copy % len(parts):]) + list(parts[: copy % len(parts)])
        for part in order:
            cut_zh, cut_en, beads = _prefix(part, sentences - len(zh) - len(en))
            if cut_zh + cut_en < len(part.zh) + len(part.en):
                full = True  # the last part, cut short
            gold.extend(Bead(tuple(i + len(zh) for i in b.src), tuple(j + len(en) for j in b.tgt))
                        for b in beads)
            zh_scored.extend([part.gold is not None] * cut_zh)
            en_scored.extend([part.gold is not None] * cut_en)
            zh.extend(part.zh[:cut_zh])
            en.extend(part.en[:cut_en])
            if full:
                break
        copy += 1
    return Document(tuple(zh), tuple(en), tuple(gold), np.array(zh_scored), np.array(en_scored),
                    tiled=len(zh) + len(en) > sum(len(p.zh) + len(p.en) for p in parts))


def _prefix(part: Part, room: int) -> tuple[int, int, list[Bead]]:
    """How many sentences of each side fit in ``room``, ending where a gold bead ends."""
    if len(part.zh) + len(part.en) <= room:
        return len(part.zh), len(part.en), list(part.gold or ())
    if part.gold is None:  # no gold to respect: the same share of each side
        share = room / (len(part.zh) + len(part.en))
        return int(len(part.zh) * share), int(len(part.en) * share), []
    beads, zh_end, en_end = [], 0, 0
    for bead in part.gold:
        zh_stop = max(bead.src, default=zh_end - 1) + 1
        en_stop = max(bead.tgt, default=en_end - 1) + 1
        if max(zh_stop, zh_end) + max(en_stop, en_end) > room:
            break
        beads.append(bead)
        zh_end, en_end = max(zh_stop, zh_end), max(en_stop, en_end)
    return zh_end, en_end, beads


def strict_f1(document: Document, test: Sequence[Bead]) -> float | None:
    """Strict F1 over the parts with gold (test beads that touch them)."""
    from eval.scoring import score_document

    if not document.gold:
        return None
    scored = [b for b in test if any(document.zh_scored[i] for i in b.src)
              or any(document.en_scored[j] for j in b.tgt)]
    return score_document(document.gold, scored).figures()["f1_strict"]


def run_align(tree: Path, arguments: Sequence[str], profile: Path | None = None,
              timeout: float = DEFAULT_TIMEOUT) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + sys), peak MiB and exit code of one ``bitext align``
    in a fresh process with a fresh embedding cache; one that runs past ``timeout`` seconds
    is stopped (exit code -9)."""
    command = [sys.executable, "-m", "scripts.cli", "-q", "align", *arguments]
    if profile is not None:  # the sampler of this checkout around the tree's command line
        command = [sys.executable, str(Path(__file__).with_name("stage_profile.py")),
                   "--json", str(profile), "--", "-q", "align", *arguments]
    with tempfile.TemporaryDirectory(prefix="bitext-cache-") as cache:
        path = os.pathsep.join(filter(None, [str(tree), os.environ.get("PYTHONPATH")]))
        env = dict(os.environ, BITEXT_CACHE=cache, PYTHONPATH=path)
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - started
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(
        status)


def _write_lines(path: Path, lines: Sequence[str]) -> None:
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def measure_document(tree: Path, document: Document, folder: Path, profile: bool) -> Run:
    zh, en, out = folder / "zh.txt", folder / "en.txt", folder / "out"
    _write_lines(zh, document.zh)
    _write_lines(en, document.en)
    stages_file = folder / "stages.json" if profile else None
    wall, cpu, peak, code = run_align(tree, ["--presplit", str(zh), str(en), "-o", str(out)],
                                      stages_file)
    f1 = strict_f1(document, read_align_file(out / "alignment.align")) if code == 0 else None
    encoder = ""
    if code == 0:
        encoder = json.loads((out / "meta.json").read_text(encoding="utf-8"))["signature"]["encoder"]
    stages = ()
    if stages_file is not None and stages_file.is_file():
        stages = tuple((s["stage"], s["share"]) for s in json.loads(stages_file.read_text()))
    label = f"{document.sentences}{' tiled' if document.tiled else ''}"
    return Run(label, document.sentences, wall, cpu, peak, f1, code, stages, encoder)


def pathological_inputs(parts: Sequence[Part], folder: Path) -> dict[str, tuple[Path, Path]]:
    """The 1 MB lines without punctuation and the run of single-character words."""
    zh_text = "".join(_unpunctuated(s, keep_spaces=False) for p in parts for s in p.zh)
    en_text = " ".join(_unpunctuated(s, keep_spaces=True) for p in parts for s in p.en)
    inputs = {}
    for name, zh_line, en_line in (
        ("1 MB each side, no punctuation", _bytes(zh_text, PATHOLOGICAL_BYTES),
         _bytes(re.sub(r"\s+", " ", en_text), PATHOLOGICAL_BYTES)),
        (f"{RUN_CHARACTERS // 1000}k-character run 很长很长…", "很长" * (RUN_CHARACTERS // 2),
         "very long " * (RUN_CHARACTERS // 10)),
    ):
        zh, en = folder / f"{len(inputs)}.zh.txt", folder / f"{len(inputs)}.en.txt"
        _write_lines(zh, [zh_line])
        _write_lines(en, [en_line.strip()])
        inputs[name] = (zh, en)
    return inputs


def _unpunctuated(text: str, keep_spaces: bool) -> str:
    kept = []
    for char in text:
        if unicodedata.category(char)[0] in "PS":
            continue
        if char.isspace():
            if keep_spaces:
                kept.append(" ")
            continue
        kept.append(char)
    return "".join(kept)


def _bytes(text: str, size: int) -> str:
    """The text repeated to ``size`` bytes of UTF-8 (a whole character at the end)."""
    data = text.encode("utf-8")
    return (data * (size // len(data) + 1))[:size].decode("utf-8", "ignore")


def measure_pathological(tree: Path, name: str, zh: Path, en: Path, presplit: bool,
                         folder: Path) -> tuple[Run, bool]:
    out = folder / f"out-{zh.stem}-{int(presplit)}"
    arguments = (["--presplit"] if presplit else []) + [str(zh), str(en), "-o", str(out)]
    wall, cpu, peak, code = run_align(tree, arguments)
    whole = code == 0 and _keeps_every_character(zh, en, out)
    label = f"{name}{' --presplit' if presplit else ''}"
    return Run(label, 2, wall, cpu, peak, None, code), whole


def _keeps_every_character(zh: Path, en: Path, out: Path) -> bool:
    """Every sentence in one bead, and the sentences hold the input's characters once."""
    from corpus.beads import check_partition
    from corpus.errors import InputError

    sents = [(out / name).read_text(encoding="utf-8").splitlines()
             for name in ("src.sents", "tgt.sents")]
    try:
        check_partition(read_align_file(out / "alignment.align"), len(sents[0]), len(sents[1]))
    except InputError:
        return False
    return all("".join("".join(lines).split()) == "".join(path.read_text(encoding="utf-8").split())
               for lines, path in zip(sents, (zh, en)))


def base_and_slope(runs: Sequence[Run]) -> tuple[float, float, list[Run]]:
    """Peak MiB against sentences: the fitted base (MiB), KB per sentence above it, and the
    runs fitted: those with the encoder of the longest run (the default aligns a short
    document with a model, whose memory is another base)."""
    done = [r for r in runs if r.exit_code == 0]
    if done:
        longest = max(done, key=lambda r: r.sentences)
        done = [r for r in done if r.encoder == longest.encoder]
    if len(done) < 2:
        return float("nan"), float("nan"), done
    slope, base = np.polyfit([r.sentences for r in done], [r.peak_mib for r in done], 1)
    return float(base), float(slope * 1024), done


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared evaluation data folder")
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)),
                        help="sentence counts (Chinese and English together), comma-separated")
    parser.add_argument("--profile", action="store_true",
                        help="also print each stage's share of the CPU time")
    parser.add_argument("--pathological", action="store_true",
                        help="also run the 1 MB lines and the 200k-character run")
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the checkout whose bitext runs (default: this one)")
    args = parser.parse_args(argv)
    parts = read_parts(args.data)
    with tempfile.TemporaryDirectory(prefix="bitext-long-") as tmp:
        folder = Path(tmp)
        runs = []
        for size in (int(s) for s in args.sizes.split(",")):
            document = build_document(parts, size)
            runs.append(measure_document(args.tree, document, folder, args.profile))
            _print_run(runs[-1])
        base, per_sentence, fitted = base_and_slope(runs)
        encoder = f", encoder {fitted[0].encoder}" if fitted else ""
        print(f"peak memory ≈ {base:.0f} MiB + {per_sentence:.1f} KB a sentence "
              f"(least squares over {len(fitted)} sizes{encoder})")
        if args.profile:
            for run in runs:
                shares = "  ".join(f"{stage} {100 * share:.0f}%" for stage, share in run.stages)
                print(f"stages at {run.label}: {shares}")
        if args.pathological:
            for name, (zh, en) in pathological_inputs(parts, folder).items():
                for presplit in (False, True):
                    run, whole = measure_pathological(args.tree, name, zh, en, presplit, folder)
                    _print_run(run, f"  every character once: {'yes' if whole else 'NO'}")
    return 0


def _print_run(run: Run, extra: str = "") -> None:
    f1 = "–" if run.f1 is None else f"{run.f1:.3f}"
    status = "" if run.exit_code == 0 else f"  exit code {run.exit_code}"
    print(f"{run.label:>44}  {run.wall:7.1f} s wall  {run.cpu:7.1f} s cpu  "
          f"{run.peak_mib:7.0f} MiB  F1 {f1}  {run.encoder}{status}{extra}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
