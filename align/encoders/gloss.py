"""A readable CC-CEDICT gloss of Chinese, for an English-only sentence model to embed.

Each jieba token is replaced by the first clean sense of its CC-CEDICT entry ("他说谁告诉你" →
"he speak who press charges you"); particles are dropped, numbers read as digits, Latin
tokens and ? ! kept, and a name the dictionary lacks romanised as translations write it.
"""

from __future__ import annotations

import functools
import re

from corpus.lang.cedict import (
    BRACKETED,
    NOT_A_SENSE,
    cedict_entries,
    dictionary_pieces,
    in_dictionary,
    is_surname,
    name_romanisations,
)
from corpus.lang.chinese import chinese_number, chinese_tokens
from corpus.lang.cues import PUNCTUATION_CUES
from corpus.lang.script import HAN, LATIN_OR_DIGIT

MAX_GLOSS_WORDS = 64


def _readable_sense(definition: str) -> str:
    if NOT_A_SENSE.match(definition.strip()):
        return ""
    text = " ".join(BRACKETED.sub(" ", definition).split())
    text = re.sub(r"^to ", "", text.strip(" ,.;:~?!"))
    return text if LATIN_OR_DIGIT.search(text) else ""


# Grammatical particles and measure words: their dictionary senses would only add noise.
_NO_GLOSS = frozenset("了着过吗呢吧啊呀嘛哦的地得之个所把被们么")


@functools.lru_cache(maxsize=200_000)
def word_gloss(word: str) -> str:
    """The first clean sense of a word's main CC-CEDICT entry ("" for particles, unknowns).

    The main entry is the one with the most definitions (the common reading: 说 → shuo1
    "to speak", not shui4 "to persuade"), passing over surname-only entries (王 → "king").
    """
    if word in _NO_GLOSS:
        return ""
    best, best_size = "", 0
    for entry in cedict_entries().get(word, ()):
        if len(entry.definitions) <= best_size:
            continue
        for definition in entry.definitions:
            readable = next(filter(None, map(_readable_sense, re.split(r"[;,]", definition))), "")
            if readable:
                best, best_size = readable, len(entry.definitions)
                break
    return best


@functools.lru_cache(maxsize=200_000)
def _token_gloss(token: str) -> str:
    if token in PUNCTUATION_CUES:
        return PUNCTUATION_CUES[token]
    if not HAN.search(token):
        return token if LATIN_OR_DIGIT.search(token) else ""
    number = chinese_number(token)
    if number is not None:
        return number
    if in_dictionary(token):
        return word_gloss(token)
    pieces = dictionary_pieces(token)
    if len(pieces) == len(token) and 2 <= len(token) <= 3 and is_surname(token[0]):
        # An unknown run of single characters after a surname: most likely a name, written
        # as translations write it ("Wang Qiyao"). Other runs are words jieba joined that the
        # dictionary lacks (口中 "in the mouth", 不敢 "not dare"): their characters' glosses.
        names = name_romanisations(token)
        if names:
            return " ".join(name.capitalize() for name in names[1:])
    return " ".join(g for g in (word_gloss(p) for p in pieces) if g)


def readable_gloss(sentence: str, max_words: int = MAX_GLOSS_WORDS) -> str:
    """An English word-by-word reading of a Chinese sentence for an English sentence model."""
    words: list[str] = []
    for token in chinese_tokens(sentence):
        words.extend(_token_gloss(token).split())
        if len(words) >= max_words:
            break
    return " ".join(words[:max_words])
