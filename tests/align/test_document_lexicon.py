"""The lexicon a document teaches: names and renderings the dictionary lacks."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders.bags import document_bags
from align.encoders.base import FirstPass
from align.encoders.coverage import LexicalFeatures
from align.encoders.document_lexicon import document_lexicon
from tests.align.pairs import STORY_EN, STORY_ZH, one_to_one

ONE_TO_ONE = one_to_one(len(STORY_ZH))


def test_the_name_and_its_rendering_are_the_one_pair_learned():
    bags = document_bags(STORY_ZH, STORY_EN)
    learned = document_lexicon(bags, ONE_TO_ONE).tocoo()
    assert learned.nnz == 1
    unit, term = int(learned.row[0]), int(learned.col[0])
    # 韦小宝 and Trinket: the unit and the term of sentences 0, 2, 4 and 6 alone.
    assert bags.zh_units[:, unit].nonzero()[0].tolist() == [0, 2, 4, 6]
    assert bags.en_terms[:, term].nonzero()[0].tolist() == [0, 2, 4, 6]


def test_fewer_than_two_beads_teach_nothing():
    bags = document_bags(STORY_ZH, STORY_EN)
    learned = document_lexicon(bags, ONE_TO_ONE[:1])
    assert learned.nnz == 0 and learned.shape == bags.lexicon.shape


def test_refining_on_aligned_beads_learns_the_documents_own_names():
    features = LexicalFeatures(document_bags(STORY_ZH, STORY_EN), zh_is_src=True)
    refined = features.refine(FirstPass(ONE_TO_ONE, (1.0,) * len(ONE_TO_ONE)))
    assert refined is not None
    laughed = (np.array([4]), np.array([4]))  # 韦小宝笑了 / Trinket laughed
    assert refined.rank_similarity(*laughed)[0] > features.rank_similarity(*laughed)[0]
    # What the dictionary already explains (书 → book) teaches nothing new.
    book = (np.array([1]), np.array([1]))
    assert refined.rank_similarity(*book)[0] == pytest.approx(features.rank_similarity(*book)[0])


def test_refining_learns_nothing_from_too_few_confident_beads():
    features = LexicalFeatures(document_bags(STORY_ZH, STORY_EN), zh_is_src=True)
    assert features.refine(FirstPass(ONE_TO_ONE[:3], (0.9, 0.1, 0.9))) is None
