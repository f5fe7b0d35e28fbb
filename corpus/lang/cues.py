"""Marks that survive translation: question and exclamation marks, and quotation marks, which
tell where a speech opens and closes in either language's punctuation."""

from __future__ import annotations

import re

# Each mark maps to a pseudo-term shared by both languages.
PUNCTUATION_CUES = {"？": "?", "?": "?", "！": "!", "!": "!"}
_OPENING_QUOTES = "“「『‘"
_CLOSING_QUOTES = "”」』’"
_STRAIGHT_QUOTES = "\"'"
QUOTES = _OPENING_QUOTES + _CLOSING_QUOTES + _STRAIGHT_QUOTES  # and apostrophes
_QUOTE = re.compile(f"[{QUOTES}]")
OPENING_CUE, CLOSING_CUE = "“", "”"


def quote_cues(sentence: str) -> set[str]:
    """Whether the sentence opens and/or closes a quotation, in either language's marks.

    Dialogue is split differently in the two languages, so an opening or closing quote pins
    down which sentence of a speech is which.
    """
    return {OPENING_CUE if opens else CLOSING_CUE for _, opens in quotation_marks(sentence)}


def quotation_marks(text: str) -> list[tuple[int, bool]]:
    """Where the text's quotation marks stand, and whether each opens a quotation (else it
    closes one). Apostrophes (don't, don’t) are not quotation marks."""
    marks = []
    for match in _QUOTE.finditer(text):
        k, char = match.start(), match.group()
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue
        if char in _OPENING_QUOTES:
            marks.append((k, True))
        elif char in _CLOSING_QUOTES:
            marks.append((k, False))
        else:
            marks.append((k, before.isspace() or before in "([—-"))
    return marks


_ASKS = re.compile(r"[?？][”」』’'\"\s]*$")


def speech_marks(sentence: str) -> tuple[bool, bool, bool]:
    """Does the sentence open a quotation, close one, end in a question?"""
    cues = quote_cues(sentence)
    return OPENING_CUE in cues, CLOSING_CUE in cues, bool(_ASKS.search(sentence))
