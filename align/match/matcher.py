"""``match_folders``: which document of one folder translates which of another, and the
manifest that ``bitext batch`` takes.

Every file under each folder is read (``profiles``), candidate pairs come from the inverted
index (``index``), and the one-to-one links from ``assign``. Files that cannot be read and
documents left without a partner are listed, never dropped.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align.match.assign import DEFAULT_THRESHOLD, link
from align.match.index import candidate_pairs, cosines, vectors
from align.match.profiles import Profile, Unreadable, read_profiles
from corpus.atomic import atomic_write_text
from corpus.errors import ConfigError, InputError

logger = logging.getLogger(__name__)

MANIFEST_HEADER = ("id", "src", "tgt", "score")


@dataclass(frozen=True)
class Match:
    src: Path
    tgt: Path
    score: float  # the link's confidence (``assign``)


@dataclass(frozen=True)
class MatchResult:
    src_dir: Path
    tgt_dir: Path
    pairs: tuple[Match, ...]
    unmatched_src: tuple[Path, ...]  # unreadable files included
    unmatched_tgt: tuple[Path, ...]
    unreadable: tuple[Unreadable, ...]
    candidates: int  # pairs scored


def _documents(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    files = [p for p in sorted(folder.rglob("*")) if p.is_file() and not any(
        part.startswith(".") for part in p.relative_to(folder).parts)]
    if not files:
        raise InputError(f"{folder}: no files to match")
    return files


def match_profiles(src: list[Profile], tgt: list[Profile],
                   threshold: float = DEFAULT_THRESHOLD) -> tuple[list[tuple[int, int, float]],
                                                                  int]:
    """(source index, target index, confidence) links, and the number of candidates scored."""
    vecs = vectors(src, tgt)
    pairs = candidate_pairs(vecs)
    pairs = pairs[[src[i].lang != tgt[j].lang for i, j in pairs.tolist()]] if len(pairs) else pairs
    lengths_src = np.array([max(p.length, 1) for p in src], dtype=np.float64)
    lengths_tgt = np.array([max(p.length, 1) for p in tgt], dtype=np.float64)
    log_ratios = (np.log(lengths_tgt[pairs[:, 1]] / lengths_src[pairs[:, 0]]) if len(pairs)
                  else np.zeros(0))
    links = link(pairs, cosines(vecs, pairs), log_ratios, threshold)
    return [(k.src, k.tgt, k.confidence) for k in links], len(pairs)


def match_folders(src_dir: str | Path, tgt_dir: str | Path,
                  threshold: float = DEFAULT_THRESHOLD) -> MatchResult:
    if not 0 <= threshold < 1:
        raise ConfigError(f"the threshold is a confidence in [0, 1), not {threshold:g}")
    src_dir, tgt_dir = Path(src_dir), Path(tgt_dir)
    src, src_bad = read_profiles(_documents(src_dir))
    tgt, tgt_bad = read_profiles(_documents(tgt_dir))
    links, candidates = match_profiles(src, tgt, threshold) if src and tgt else ([], 0)
    paired_src = {i for i, _, _ in links}
    paired_tgt = {j for _, j, _ in links}
    logger.info("matched %d pairs among %d × %d documents (%d candidate pairs scored)",
                len(links), len(src), len(tgt), candidates)
    return MatchResult(
        src_dir, tgt_dir,
        pairs=tuple(Match(src[i].path, tgt[j].path, score) for i, j, score in links),
        unmatched_src=tuple([p.path for k, p in enumerate(src) if k not in paired_src]
                            + [u.path for u in src_bad]),
        unmatched_tgt=tuple([p.path for k, p in enumerate(tgt) if k not in paired_tgt]
                            + [u.path for u in tgt_bad]),
        unreadable=tuple(src_bad + tgt_bad),
        candidates=candidates,
    )


def _doc_id(path: Path, root: Path) -> str:
    relative = path.relative_to(root)
    return (relative.parent / relative.name.split(".")[0]).as_posix() or relative.as_posix()


def manifest_rows(result: MatchResult, base: Path) -> list[tuple[str, str, str, str]]:
    """``id, src, tgt, score`` rows, paths relative to ``base``; ids unique (a clash gets
    ``~2``, ``~3``, …)."""
    def rel(path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()

    rows, seen = [], set()

    def add(doc_id: str, src: str, tgt: str, score: str) -> None:
        unique, n = doc_id, 1
        while unique in seen:
            n += 1
            unique = f"{doc_id}~{n}"
        seen.add(unique)
        rows.append((unique, src, tgt, score))

    for match in sorted(result.pairs, key=lambda m: m.src):
        add(_doc_id(match.src, result.src_dir), rel(match.src), rel(match.tgt),
            f"{match.score:.4f}")
    for path in result.unmatched_src:
        add(_doc_id(path, result.src_dir), rel(path), "", "")
    for path in result.unmatched_tgt:
        add(_doc_id(path, result.tgt_dir), "", rel(path), "")
    return rows


def write_manifest(result: MatchResult, path: str | Path) -> Path:
    """The manifest TSV: a header, one row a pair, one row an unmatched document."""
    path = Path(path)
    rows = manifest_rows(result, path.parent if str(path.parent) else Path("."))
    for row in rows:
        if any("\t" in cell or "\n" in cell for cell in row):
            raise InputError(f"a file name holds a tab or a newline: {row[1] or row[2]!r}")
    atomic_write_text(path, "".join("\t".join(r) + "\n" for r in [MANIFEST_HEADER, *rows]))
    return path
