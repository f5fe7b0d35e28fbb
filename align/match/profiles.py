"""A document as the matcher sees it: its words as English terms, counted, and its length.

The terms are the offline encoder's: an English document's stemmed content words and numbers
(``corpus.lang.english``); a Chinese document's jieba tokens read through CC-CEDICT —
glosses, numbers as digits, Latin-script words, the pinyin of names (``corpus.lang``). Both
sides meet in one space of English terms.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import BitextError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Profile:
    """One document: where it is, its language, its English-space term counts, its length."""

    path: Path
    lang: str
    terms: Mapping[str, float] = field(repr=False)
    length: int  # characters, spaces left out


@functools.lru_cache(maxsize=200_000)
def chinese_token_terms(token: str) -> frozenset[str]:
    """The English terms a Chinese token translates to, as the aligner reads it
    (``chinese_unit_terms``: glosses, a number as digits, a Latin-script word's own terms),
    except that a word the dictionary lacks is read as a name only (its pinyin): the glosses
    of its characters, which the aligner tries within a sentence, say nothing about a whole
    document."""
    from align.encoders.bags import chinese_unit_terms
    from corpus.lang.cedict import gloss, in_dictionary, name_romanisations
    from corpus.lang.chinese import chinese_number
    from corpus.lang.english import stem
    from corpus.lang.script import HAN

    if HAN.search(token) and not in_dictionary(token) and chinese_number(token) is None and (
            not gloss(token)):
        return frozenset(stem(name) for name in name_romanisations(token))
    return chinese_unit_terms(token)


def text_terms(text: str, lang: str) -> dict[str, float]:
    """The English terms of ``text`` with their counts; a Chinese token that has several
    translations shares its one count among them."""
    counts: Counter[str] = Counter()
    if lang == "en":
        from corpus.lang.english import english_terms

        counts.update(english_terms(text))
        return dict(counts)
    from corpus.lang.chinese import chinese_tokens

    shares: dict[str, float] = {}
    for line in text.splitlines():
        for token in chinese_tokens(line):
            terms = chinese_token_terms(token)
            for term in terms:
                shares[term] = shares.get(term, 0.0) + 1 / len(terms)
    return shares


def read_profile(path: Path) -> Profile:
    """Read ``path`` as ``bitext align`` reads a file (encoding, language); raises
    BitextError for a file that is no document (binary, empty, neither language)."""
    from corpus.read import read_side

    side = read_side(path, presplit=True)
    text = "\n".join(side.sentences)
    return Profile(path, side.lang, text_terms(text, side.lang),
                   sum(not ch.isspace() for ch in text))


@dataclass(frozen=True)
class Unreadable:
    path: Path
    error: str


def read_profiles(paths: Iterable[Path]) -> tuple[list[Profile], list[Unreadable]]:
    """Profiles of the readable files; the others with the reason, never dropped silently."""
    profiles, unreadable = [], []
    for path in paths:
        try:
            profiles.append(read_profile(path))
        except BitextError as exc:
            logger.warning("%s: not matched: %s", path, exc)
            unreadable.append(Unreadable(path, str(exc)))
    return profiles, unreadable
