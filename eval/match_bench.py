"""Document matching (``bitext match``): precision and recall on a mix built for it, and time.

Two collections are built in a temporary folder (never in the repository), each a SRC folder
of Chinese and a TGT folder of English files under shuffled names, with the truth kept aside:

- ``mix``: the MAC-Dev chapters, the two white papers (raw, paragraphs as published) and
  pieces of the Bible cut at gold beads; distractors on both sides: documents whose
  translation is left out (a MAC-Dev chapter, a white paper, the Bible pieces left over, one
  side each), and the scraped English article of ``seed/``, which has no Chinese version.
- ``scale``: ``--pairs`` (default 1,000) pairs of short pieces of the Bible and MAC-Dev, cut at
  gold beads so that no two pieces overlap, 1,000 × 1,000 documents.

Usage::

    python -m eval.match_bench ../shared/data            # both collections
    python -m eval.match_bench ../shared/data --only mix --threshold 0.1

Prints pairs found, precision, recall, documents left unpaired rightly, seconds and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corpus.beads import Bead, read_align_file
from corpus.errors import BitextError

SEED = 7
MIX_BIBLE_PIECES = 40  # paired pieces of the Bible in the mix; the pieces left are distractors
MIX_BIBLE_BEADS = 100  # gold beads a piece


@dataclass(frozen=True)
class Collection:
    src: Path
    tgt: Path
    truth: dict[str, str]  # src file name → tgt file name
    documents: int  # both sides


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def gold_pieces(data_dir: Path, name: str, beads_per_piece: int) -> list[tuple[str, str]]:
    """(Chinese, English) texts of consecutive runs of ``beads_per_piece`` gold beads."""
    zh, en = _lines(data_dir / "zh" / name), _lines(data_dir / "en" / name)
    beads: list[Bead] = read_align_file(data_dir / "gold" / f"{name}.align")
    pieces = []
    for start in range(0, len(beads) - beads_per_piece + 1, beads_per_piece):
        run = beads[start:start + beads_per_piece]
        zh_text = "\n".join(zh[i] for b in run for i in b.src)
        en_text = "\n".join(en[j] for b in run for j in b.tgt)
        if zh_text.strip() and en_text.strip():
            pieces.append((zh_text, en_text))
    return pieces


def _write(pairs: list[tuple[str | None, str | None]], root: Path, seed: int) -> Collection:
    """Write the pairs under shuffled names (None: that side has no document)."""
    rng = random.Random(seed)
    src, tgt = root / "src", root / "tgt"
    src.mkdir(parents=True)
    tgt.mkdir(parents=True)
    names = rng.sample(range(10 * len(pairs) + 10), 2 * len(pairs))
    truth = {}
    for k, (zh_text, en_text) in enumerate(pairs):
        zh_name, en_name = f"d{names[2 * k]:05d}.txt", f"d{names[2 * k + 1]:05d}.txt"
        if zh_text is not None:
            (src / zh_name).write_text(zh_text + "\n", encoding="utf-8")
        if en_text is not None:
            (tgt / en_name).write_text(en_text + "\n", encoding="utf-8")
        if zh_text is not None and en_text is not None:
            truth[zh_name] = en_name
    documents = sum(t is not None for pair in pairs for t in pair)
    return Collection(src, tgt, truth, documents)


def build_mix(shared: Path, root: Path, seed: int = SEED) -> Collection:
    mac = shared / "mac-dev"
    chapters = sorted(p.name for p in (mac / "zh").iterdir())
    pairs: list[tuple[str | None, str | None]] = []
    for k, name in enumerate(chapters):
        zh, en = (mac / "zh" / name).read_text("utf-8"), (mac / "en" / name).read_text("utf-8")
        pairs.append((zh, None) if k == len(chapters) - 1 else (zh, en))
    papers = shared / "white-papers" / "raw"
    for k, name in enumerate(sorted({p.stem for p in papers.glob("*.zh")})):
        zh, en = (papers / f"{name}.zh").read_text("utf-8"), (papers / f"{name}.en").read_text(
            "utf-8")
        pairs.append((zh, en) if k == 0 else (None, en))
    bible = gold_pieces(shared / "bible", "001", MIX_BIBLE_BEADS)
    random.Random(seed).shuffle(bible)
    paired, alone = bible[:MIX_BIBLE_PIECES], bible[MIX_BIBLE_PIECES:2 * MIX_BIBLE_PIECES]
    pairs += paired
    pairs += [(zh, None) if k % 2 else (None, en) for k, (zh, en) in enumerate(alone)]
    for article in sorted((shared / "seed").glob("*.en.txt")):
        pairs.append((None, article.read_text("utf-8")))
    return _write(pairs, root, seed)


def build_scale(shared: Path, root: Path, n_pairs: int, seed: int = SEED) -> Collection:
    mac = shared / "mac-dev"
    beads = len(read_align_file(shared / "bible" / "gold" / "001.align")) + sum(
        len(read_align_file(p)) for p in (mac / "gold").glob("*.align"))
    size = max(1, beads // n_pairs)
    pieces = gold_pieces(shared / "bible", "001", size)
    for name in sorted(p.name for p in (mac / "zh").iterdir()):
        pieces += gold_pieces(mac, name, size)
    random.Random(seed).shuffle(pieces)
    return _write(list(pieces[:n_pairs]), root, seed)


def score(collection: Collection, manifest: Path) -> dict[str, float]:
    from align.batch.inputs import find_documents

    found = find_documents(manifest)
    predicted = {Path(p.src).name: Path(p.tgt).name for p in found.pairs}
    correct = sum(collection.truth.get(s) == t for s, t in predicted.items())
    paired_src, paired_tgt = set(collection.truth), set(collection.truth.values())
    alone = [u for u in found.unpaired
             if Path(u.src).name not in paired_src and Path(u.tgt).name not in paired_tgt]
    lonely = collection.documents - 2 * len(collection.truth)
    return {
        "documents": collection.documents,
        "true_pairs": len(collection.truth),
        "pairs_found": len(predicted),
        "correct": correct,
        "precision": round(correct / len(predicted), 4) if predicted else 0.0,
        "recall": round(correct / len(collection.truth), 4) if collection.truth else 0.0,
        "without_translation": lonely,
        "left_unpaired_rightly": len(alone),
    }


def run(collection: Collection, manifest: Path, threshold: float) -> dict[str, float]:
    from align.match.matcher import match_folders, write_manifest

    start = time.perf_counter()
    cpu = time.process_time()
    result = match_folders(collection.src, collection.tgt, threshold)
    write_manifest(result, manifest)
    figures = score(collection, manifest)
    figures["seconds"] = round(time.perf_counter() - start, 2)
    figures["cpu_seconds"] = round(time.process_time() - cpu, 2)
    figures["candidate_pairs"] = result.candidates
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared data folder (../shared/data)")
    parser.add_argument("--only", choices=("mix", "scale"), default=None)
    parser.add_argument("--pairs", type=int, default=1000, help="pairs of the scale collection")
    parser.add_argument("--keep", type=Path, default=None, help="build here and keep it")
    parser.add_argument("--threshold", type=float, default=None,
                        help="least confidence of a pair (default: bitext match's)")
    args = parser.parse_args(argv)
    from align.match.assign import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    root = args.keep or Path(tempfile.mkdtemp(prefix="bitext-match-"))
    try:
        for name in ("mix", "scale"):
            if args.only not in (None, name):
                continue
            folder = root / name
            shutil.rmtree(folder, ignore_errors=True)
            collection = (build_mix(args.shared, folder) if name == "mix"
                          else build_scale(args.shared, folder, args.pairs))
            figures = run(collection, folder / "manifest.tsv", threshold)
            print(f"{name} (threshold {threshold:g}): " + "  ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory {peak:.0f} MiB")
    except BitextError as exc:
        print(f"match_bench: error: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
