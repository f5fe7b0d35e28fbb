"""The lexical encoder: coverage and the speech signal, stacked, whichever side is Chinese."""

from __future__ import annotations

import re

import numpy as np

from align.encoders.lexical import LexicalEncoder
from corpus.document import Side

ZH = ("我们在河边建了一座新图书馆。", "它有三百万本书。", "你喜欢读书吗？")
EN = ("We built a new library by the river.", "It holds three million books.",
      "Do you like reading?")


def test_speech_is_the_window_signal_and_coverage_the_sentence_signals():
    features = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    # Coverage of each sentence; of its less covered edge clause only where a sentence has
    # two clauses, which none of these has.
    assert features.n_signals == 1 and features.n_sentence_signals == 1
    clauses = LexicalEncoder().features(Side(("我们在河边，建了一座新图书馆。",), "zh"),
                                        Side(("By the river, we built a library.",), "en"))
    assert clauses.n_sentence_signals == 2
    starts = np.arange(3)
    speech = features.similarity(starts, 1, starts, 1)
    assert speech.tolist() == [[1.0, 1.0, 1.0]]  # both sides ask only in the last sentence
    rows, cols = np.meshgrid(starts, starts, indexing="ij")
    ranks = features.rank_similarity(rows.ravel(), cols.ravel()).reshape(3, 3)
    assert list(ranks.argmax(axis=1)) == [0, 1, 2]  # coverage ranks


def test_direction_does_not_matter():
    forward = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    backward = LexicalEncoder().features(Side(EN, "en"), Side(ZH, "zh"))
    starts = np.array([0, 1, 2])
    assert np.allclose(
        forward.rank_similarity(starts, starts), backward.rank_similarity(starts, starts)
    )
    zh_by_en = forward.sentence_similarity(starts[:2], 1, starts[:2], 2).src
    en_by_zh = backward.sentence_similarity(starts[:2], 2, starts[:2], 1).tgt
    assert np.allclose(zh_by_en, en_by_zh, equal_nan=True)


def test_model_id_names_the_dictionary_release():
    assert re.fullmatch(r"cc-cedict-\d{4}-\d{2}-\d{2}", LexicalEncoder().model_id)
