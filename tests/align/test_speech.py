"""The speech signal: do two windows begin and end alike?"""

from __future__ import annotations

import numpy as np
import pytest

from align.blocks import Blocks
from align.encoders.speech import SpeechFeatures
from corpus.lang.cues import speech_marks

SPEECH_ZH = ("他说：“走吧。", "我们现在就走。”", "天黑了。", "你来吗？")
SPEECH_EN = ('"Let\'s go.', 'We leave now," he said.', "It grew dark.", "Are you coming?")


def speech() -> SpeechFeatures:
    return SpeechFeatures([speech_marks(s) for s in SPEECH_ZH], [speech_marks(s) for s in SPEECH_EN])


@pytest.mark.parametrize(
    ("zh_window", "en_window", "agreement"),
    [((0, 2), (0, 2), 3),  # the whole speech on both sides
     ((0, 1), (0, 2), 2),  # both open a quote, only the English closes it
     ((1, 1), (0, 1), 1),  # the Chinese closes, the English opens
     ((2, 1), (2, 1), 3),  # no quotes, no question on either side
     ((3, 1), (3, 1), 3),  # a question on both sides
     ((3, 1), (2, 1), 2)],  # a question on one side only
)
def test_speech_signal_is_agreement_on_quotes_and_questions(zh_window, en_window, agreement):
    (zh_start, zh_size), (en_start, en_size) = zh_window, en_window
    value = speech().similarity(np.array([zh_start]), zh_size, np.array([en_start]), en_size)
    assert value[0, 0] == pytest.approx(agreement / 3)


def test_speech_blocks_open_as_their_first_sentence_and_close_as_their_last():
    blocks = speech().coarsen(Blocks.uniform(4, 4, 2)).similarity(np.array([0, 1]), 1, np.array([0, 1]), 1)[0]
    assert blocks.tolist() == [1.0, 1.0]
