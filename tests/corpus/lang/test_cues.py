"""Quotation marks and questions, in either language's punctuation."""

from __future__ import annotations

import pytest

from corpus.lang.cues import CLOSING_CUE, OPENING_CUE, quotation_marks, quote_cues, speech_marks


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [("“您能说具体些吗？”", {OPENING_CUE, CLOSING_CUE}), ("好了，从现在开始。”", {CLOSING_CUE}),
     ("「走吧。", {OPENING_CUE}), ('"No.', {OPENING_CUE}), ('a joke," Wang said.', {CLOSING_CUE}),
     ("'Well?", {OPENING_CUE}), ("Give in?'", {CLOSING_CUE}), ("‘Yes,’ he said.", {OPENING_CUE, CLOSING_CUE}),
     ("Don't, don’t.", set()), ("他走了。", set())],
)
def test_quote_cues_tell_opening_from_closing(sentence, cues):
    assert quote_cues(sentence) == cues


@pytest.mark.parametrize(
    ("sentence", "marks"),  # (opens a quote, closes one, ends in a question)
    [("“您能说具体些吗？”", (True, True, True)), ("他说：“走吧。", (True, False, False)),
     ('We leave now," he said.', (False, True, False)), ("Are you coming?", (False, False, True)),
     ('"Coming?"', (True, True, True)), ('Coming?" she asked.', (False, True, False)),
     ("天黑了。", (False, False, False))],
)
def test_speech_marks(sentence, marks):
    assert speech_marks(sentence) == marks


def test_quotation_marks_stand_where_they_open_and_close():
    assert quotation_marks("'Don't go,' he said, “now”.") == [(0, True), (10, False), (21, True),
                                                             (25, False)]
