"""Which candidate pairs are translations: one document at most with one other, and only when
the pair stands out.

A candidate's similarity is its cosine, lowered when its length ratio is far from the
collection's own (a heavy-tailed penalty around the median log ratio of the mutually best
pairs: a translation is about as long as its original, whatever the language pair). Its
confidence is how far it stands above the other candidates of its two documents:
``1 - background / similarity``, the background being the mean of their ``CANDIDATES`` best
other similarities. Pairs are linked greedily, most similar first, each document once
(competitive linking); a pair below ``threshold`` confidence or ``MIN_COSINE`` is left out,
so a document without a translation stays unpaired instead of taking the nearest stranger.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

DEFAULT_THRESHOLD = 0.25  # the pair scores at least 4/3 of its documents' other candidates
MIN_COSINE = 0.05
MIN_FIT_PAIRS = 3  # mutually best pairs needed to fit the length ratio
MIN_LENGTH_SPREAD = 0.15  # log ratio: the narrowest spread the length penalty assumes


@dataclass(frozen=True)
class Link:
    src: int
    tgt: int
    similarity: float
    confidence: float


def length_penalty(log_ratios: np.ndarray, cosines: np.ndarray, pairs: np.ndarray
                   ) -> np.ndarray:
    """A factor in (0, 1] per pair: 1 at the collection's usual length ratio."""
    best_src, best_tgt = _best(pairs[:, 0], cosines), _best(pairs[:, 1], cosines)
    mutual = [k for k in best_src.values() if best_tgt[pairs[k, 1]] == k]
    if len(mutual) < MIN_FIT_PAIRS:
        return np.ones(len(pairs))
    usual = float(np.median(log_ratios[mutual]))
    spread = max(MIN_LENGTH_SPREAD, 1.4826 * float(np.median(np.abs(log_ratios[mutual] - usual))))
    return 1 / (1 + ((log_ratios - usual) / (3 * spread)) ** 2)


def _best(rows: np.ndarray, values: np.ndarray) -> dict[int, int]:
    best: dict[int, int] = {}
    for k, row in enumerate(rows.tolist()):
        if row not in best or values[k] > values[best[row]]:
            best[row] = k
    return best


def link(pairs: np.ndarray, cosines: np.ndarray, log_ratios: np.ndarray,
         threshold: float = DEFAULT_THRESHOLD) -> list[Link]:
    """The one-to-one links among candidate ``pairs`` (rows: source index, target index)."""
    from align.match.index import CANDIDATES  # scipy: not loaded for the CLI's option default

    if not len(pairs):
        return []
    similarity = cosines * length_penalty(log_ratios, cosines, pairs)
    of_src: dict[int, list[int]] = defaultdict(list)
    of_tgt: dict[int, list[int]] = defaultdict(list)
    for k, (i, j) in enumerate(pairs.tolist()):
        of_src[i].append(k)
        of_tgt[j].append(k)
    taken_src: set[int] = set()
    taken_tgt: set[int] = set()
    links = []
    for k in np.argsort(-similarity, kind="stable").tolist():
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        if i in taken_src or j in taken_tgt or cosines[k] < MIN_COSINE:
            continue
        others = sorted((similarity[q] for q in of_src[i] + of_tgt[j] if q != k), reverse=True)
        background = float(np.mean(others[:CANDIDATES])) if others else 0.0
        confidence = 1 - background / max(float(similarity[k]), 1e-12)
        if confidence < threshold:
            continue
        taken_src.add(i)
        taken_tgt.add(j)
        links.append(Link(i, j, round(float(similarity[k]), 4), round(confidence, 4)))
    return links
