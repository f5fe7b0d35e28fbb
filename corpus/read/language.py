"""Which language a text is in: Chinese or English, by its script."""

from __future__ import annotations

from corpus.errors import InputError
from corpus.lang.script import HAN, LATIN

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


def detect_language(text: str) -> str:
    """ "zh" or "en" by the ratio of Han characters to Latin letters; InputError if neither."""
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    letters = sum(ch.isalpha() for ch in text)
    if han + latin == 0 or (han + latin) * 2 < letters:
        raise InputError("the text is neither Chinese nor English")
    # A Han character carries about as much as a word of three or four letters.
    return "zh" if han * 3 >= latin else "en"
