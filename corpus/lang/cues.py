"""Marks that survive translation: question and exclamation marks, and quotation marks, which
tell where a speech opens and closes in either language's punctuation."""

from __future__ import annotations

import re

# Each mark maps to a pseudo-term shared by both languages.
PUNCTUATION_CUES = {"？": "?", "?": "?", "！": "!", "!": "!"}
_OPENING_QUOTES = "“「『‘"
_CLOSING_QUOTES = "”」』’"
_STRAIGHT_QUOTES = "\"'"
_QUOTES = _OPENING_QUOTES + _CLOSING_QUOTES + _STRAIGHT_QUOTES
OPENING_CUE, CLOSING_CUE = "“", "”"


def quote_cues(sentence: str) -> set[str]:
    """Whether the sentence opens and/or closes a quotation, in either language's marks.

    Dialogue is split differently in the two languages, so an opening or closing quote pins
    down which sentence of a speech is which. Apostrophes (don't, don’t) are not quotes.
    """
    cues = set()
    for k, char in enumerate(sentence):
        if char not in _QUOTES:
            continue
        before = sentence[k - 1] if k else " "
        after = sentence[k + 1] if k + 1 < len(sentence) else " "
        if before.isalnum() and after.isalnum():
            continue
        if char in _OPENING_QUOTES:
            cues.add(OPENING_CUE)
        elif char in _CLOSING_QUOTES:
            cues.add(CLOSING_CUE)
        else:
            cues.add(OPENING_CUE if before.isspace() or before in "([—-" else CLOSING_CUE)
    return cues


_ASKS = re.compile(r"[?？][”」』’'\"\s]*$")


def speech_marks(sentence: str) -> tuple[bool, bool, bool]:
    """Does the sentence open a quotation, close one, end in a question?"""
    cues = quote_cues(sentence)
    return OPENING_CUE in cues, CLOSING_CUE in cues, bool(_ASKS.search(sentence))
