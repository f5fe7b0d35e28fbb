"""Which script a character is written in: Han, the wider CJK set, Latin."""

from __future__ import annotations

import re
import unicodedata

# Han ideographs: the unified ones (Ext A, the basic block), the compatibility ideographs,
# and the supplementary planes' extensions (Ext B–F, compatibility supplement).
HAN_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
HAN = re.compile(f"[{HAN_RANGES}]")
# Latin letters, accented ones included (Pinyin with tone marks, names in French…).
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def is_han(char: str) -> bool:
    return bool(HAN.match(char))


def is_cjk(char: str) -> bool:
    """Whether ``char`` is Han, CJK punctuation (。「」…) or a full-width form (，Ａ０…): the
    characters Chinese writes without spaces between them."""
    return is_han(char) or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def is_cjk_ideograph(letter: str) -> bool:
    """Whether a letter is a CJK ideograph: Han, or one of the extensions that Unicode
    names CJK beyond HAN's ranges (Ext G on, U+30000 and up)."""
    return is_han(letter) or "CJK" in unicodedata.name(letter, "")
