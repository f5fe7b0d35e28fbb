"""The hybrid encoder: lexical signals first, a gloss cosine for the sentences it is unsure of."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner import Aligner
from align.blocks import Blocks
from align.encoders.base import FirstPass, StackedFeatures
from align.encoders.hybrid import UNSURE_MARGIN, HybridEncoder
from corpus.document import Side
from tests.align.pairs import EASY, PAIRS, STORY_EN, STORY_ZH, one_to_one, sides


# A bead: (source sentences, target sentences, posterior).
@pytest.mark.parametrize(
    ("beads", "src_unsure", "tgt_unsure"),
    [
        ([(0, 1, 0, 1, 0.99), (1, 1, 1, 1, 0.99), (2, 1, 2, 1, 0.99)], "...", "..."),
        ([(0, 1, 0, 1, 0.99), (1, 1, 1, 1, 0.5), (2, 1, 2, 1, 0.99)], "###", "###"),
        ([(0, 1, 0, 2, 0.99), (1, 1, 2, 0, 0.3), (2, 1, 2, 1, 0.99)], "###", ".##"),  # a deletion
        ([(0, 2, 0, 1, 0.2), (2, 1, 1, 1, 1.0), (3, 1, 2, 1, 1.0)], "###.", "##."),
    ],
)
def test_unsure_sentences_and_their_neighbours(beads, src_unsure, tgt_unsure):
    first = FirstPass(
        tuple((range(i, i + a), range(j, j + b)) for i, a, j, b, _ in beads),
        tuple(p for *_, p in beads),
    )
    src, tgt = first.unsure_sentences(0.95, 1, len(src_unsure), len(tgt_unsure))
    assert "".join("#" if x else "." for x in src) == src_unsure
    assert "".join("#" if x else "." for x in tgt) == tgt_unsure


def test_hybrid_embeds_what_the_first_pass_is_unsure_of_and_aligns(minilm_path, tmp_path):
    encoder = HybridEncoder(model=minilm_path, cache_dir=tmp_path)
    assert encoder.name == "hybrid"
    assert encoder.model_id.startswith("cc-cedict-") and "+" in encoder.model_id
    zh, en = sides()
    features = encoder.features(zh, en)
    assert features.n_signals == 1  # speech marks (coverage is a sentence signal)
    assert features.n_sentence_signals == 2  # coverage, and of the edge clauses
    n = len(PAIRS)
    beads = one_to_one(n)
    unsure = 3
    refined = features.refine(FirstPass(beads, tuple(0.5 if k == unsure else 1.0 for k in range(n))))
    assert refined.n_signals == 2  # then the gloss cosine
    assert refined.n_sentence_signals == 3  # coverage, edge clauses, each sentence's cosine
    starts = np.arange(n)
    cosine = refined.similarity(starts, 1, starts, 1)[1]
    assert np.isfinite(cosine).tolist() == [abs(k - unsure) <= UNSURE_MARGIN for k in range(n)]
    assert features.coarsen(Blocks.uniform(n, n, 2)).similarity(np.array([0]), 1, np.array([0]), 1).shape == (1, 1)
    doc = Aligner(encoder).align(zh, en)
    assert [(b.src, b.tgt) for b in doc.beads] == [((i,), (i,)) for i in range(n)]


def test_hybrid_sure_of_every_bead_embeds_nothing(tmp_path):
    # The model is not there: embedding anything would raise.
    encoder = HybridEncoder(model=str(tmp_path / "no-model-here"), cache_dir=tmp_path)
    zh, en = sides()
    sure = FirstPass(one_to_one(len(PAIRS)), (1.0,) * len(PAIRS))
    # Nor is there a name for the document lexicon to learn: nothing is refined.
    assert encoder.features(zh, en).refine(sure) is None
    # Here there is (韦小宝 → Trinket): the lexical signals come back refined, alone.
    story = Side(STORY_ZH, "zh"), Side(STORY_EN, "en")
    sure = FirstPass(one_to_one(len(STORY_ZH)), (1.0,) * len(STORY_ZH))
    refined = encoder.features(*story).refine(sure)
    lexical = encoder.lexical.features(*story).refine(sure)
    assert isinstance(refined, StackedFeatures) and refined.n_signals == lexical.n_signals == 1
    assert refined.n_sentence_signals == lexical.n_sentence_signals  # no cosine added
    starts = np.arange(len(STORY_ZH))
    assert np.array_equal(refined.rank_similarity(starts, starts),
                          lexical.rank_similarity(starts, starts), equal_nan=True)


def test_hybrid_cosine_ranks_the_true_translation_above_its_neighbours(minilm_path, tmp_path):
    zh, en = sides()
    features = HybridEncoder(model=minilm_path, cache_dir=tmp_path).features(zh, en)
    n = len(PAIRS)
    beads = one_to_one(n)
    refined = features.refine(FirstPass(beads, (0.0,) * n))  # unsure of all: all embedded
    for i in EASY:
        neighbours = [j for j in range(max(0, i - 3), min(n, i + 4))]
        cosines = refined.similarity(np.full(len(neighbours), i), 1, np.array(neighbours), 1)[1]
        assert neighbours[int(np.argmax(cosines))] == i, (i, cosines)


