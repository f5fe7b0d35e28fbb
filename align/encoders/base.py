"""The one small interface every encoder implements, so the aligner never knows which it has.

An encoder turns the two sides of a document into ``PairFeatures``: an object that scores any
window of consecutive source sentences against any window of consecutive target sentences,
vectorised over many windows at once. A score is made of *signals*: window signals, one value
for the two windows (speech marks, a cosine of embeddings), and sentence signals, one value for
each sentence of either window against the window opposite (dictionary coverage, a sentence's
cosine with the window opposite). The aligner calibrates each signal on the document itself.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from align.blocks import Blocks
from corpus.document import Side

Span = tuple[range, range]  # the source and target sentences of one bead


@dataclass(frozen=True)
class FirstPass:
    """A first alignment of the document: every bead in order, with its posterior."""

    beads: tuple[Span, ...]
    posteriors: tuple[float, ...]

    def confident(self, threshold: float) -> list[Span]:
        return [b for b, p in zip(self.beads, self.posteriors) if p >= threshold]

    def unsure_sentences(self, threshold: float, margin: int, n_src: int, n_tgt: int
                         ) -> tuple[np.ndarray, np.ndarray]:
        """Source and target masks of the sentences in or within ``margin`` of a bead whose
        posterior is below ``threshold`` (a deletion counts on both sides, where it sits)."""
        src, tgt = np.zeros(n_src, bool), np.zeros(n_tgt, bool)
        for (i, j), p in zip(self.beads, self.posteriors):
            if p < threshold:
                src[max(0, i.start - margin) : i.stop + margin] = True
                tgt[max(0, j.start - margin) : j.stop + margin] = True
        return src, tgt


@dataclass(frozen=True)
class SentenceSimilarity:
    """Each sentence of a pair of windows against the window opposite, by sentence signal.

    ``src[s, k]`` holds, for every window pair, signal s's similarity of the window's k-th
    source sentence to the target window, and ``tgt[s, k]`` the same for target sentences:
    arrays of shape ``(signals, window size, pairs)``. 0 or less means nothing of the sentence
    is matched; NaN, that there is no evidence either way (the aligner treats it as neutral).
    """

    src: np.ndarray
    tgt: np.ndarray


class PairFeatures(ABC):
    """Window-to-window similarity for one document pair."""

    n_signals: int = 1  # window signals
    n_sentence_signals: int = 0

    @abstractmethod
    def similarity(
        self, src_start: np.ndarray, src_size: int, tgt_start: np.ndarray, tgt_size: int
    ) -> np.ndarray:
        """Similarity of windows ``[src_start, src_start + src_size)`` and the target ones.

        Returns an array of shape ``(n_signals, len(src_start))``; NaN where a window has no
        evidence either way (the aligner treats it as neutral). Sizes are at least 1.
        """

    def sentence_similarity(
        self, src_start: np.ndarray, src_size: int, tgt_start: np.ndarray, tgt_size: int
    ) -> SentenceSimilarity | None:
        """The sentence signals of the same windows (None when ``n_sentence_signals`` is 0)."""
        return None

    def rank_similarity(self, src_rows: np.ndarray, tgt_rows: np.ndarray) -> np.ndarray:
        """The main signal of single sentences, by which the aligner picks each row's likely
        translation (NaN where there is no evidence); the first window signal by default."""
        return self.similarity(src_rows, 1, tgt_rows, 1)[0]

    @abstractmethod
    def coarsen(self, blocks: Blocks) -> PairFeatures:
        """The same features over blocks of consecutive sentences (for a coarser pass)."""

    def refine(self, first: FirstPass) -> PairFeatures | None:
        """Features improved by what a first alignment taught, or None when there is nothing
        to learn."""
        return None


class StackedFeatures(PairFeatures):
    """Several PairFeatures over the same document, their signals stacked in order; the
    first part ranks."""

    def __init__(self, parts: tuple[PairFeatures, ...]):
        self.parts = parts
        self.n_signals = sum(p.n_signals for p in parts)
        self.n_sentence_signals = sum(p.n_sentence_signals for p in parts)

    def similarity(self, src_start, src_size, tgt_start, tgt_size) -> np.ndarray:
        return np.concatenate(
            [p.similarity(src_start, src_size, tgt_start, tgt_size) for p in self.parts]
        )

    def sentence_similarity(self, src_start, src_size, tgt_start, tgt_size):
        found = [p.sentence_similarity(src_start, src_size, tgt_start, tgt_size)
                 for p in self.parts if p.n_sentence_signals]
        if not found:
            return None
        return SentenceSimilarity(np.concatenate([f.src for f in found]),
                                  np.concatenate([f.tgt for f in found]))

    def rank_similarity(self, src_rows, tgt_rows) -> np.ndarray:
        return self.parts[0].rank_similarity(src_rows, tgt_rows)

    def coarsen(self, blocks: Blocks) -> StackedFeatures:
        return StackedFeatures(tuple(p.coarsen(blocks) for p in self.parts))

    def refine(self, first: FirstPass) -> StackedFeatures | None:
        refined = [p.refine(first) for p in self.parts]
        if all(r is None for r in refined):
            return None
        return StackedFeatures(tuple(r or p for r, p in zip(refined, self.parts)))


class Encoder(ABC):
    """Builds PairFeatures; construction is cheap, models load in ``features``."""

    name: str = ""

    def for_document(self, src: Side, tgt: Side) -> Encoder:
        """The encoder that aligns this document: itself, except for a policy that chooses
        per document (``auto``); signatures record the one returned."""
        return self

    @property
    @abstractmethod
    def model_id(self) -> str:
        """What the signature records as the model (a dictionary release, a model name)."""

    @abstractmethod
    def features(self, src: Side, tgt: Side) -> PairFeatures:
        """Featurise both sides; languages are in ``Side.lang`` ("zh" or "en")."""
