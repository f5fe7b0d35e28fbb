"""The offline default encoder: CC-CEDICT glosses of the Chinese side matched against English.

Similarity is IDF-weighted *coverage*: the share of the Chinese words (weighted) whose glosses
occur in the English window, and the share of the English words (weighted) that occur among
the glosses of the Chinese window, combined as an F1. Cues that cross languages take part as
ordinary terms: numbers (Chinese numerals read as digits), Latin-script tokens, question and
exclamation marks, quotation marks, and the toneless pinyin of names.

Windows are unions of sentence bags, held as sparse matrices so that many window pairs are
scored at once.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from align.encoders.base import Encoder, PairFeatures
from align.lexicon import (
    cedict_date,
    dictionary_pieces,
    english_terms,
    gloss,
    in_dictionary,
    romanise,
    stem,
)
from corpus.document import Side

logger = logging.getLogger(__name__)

# Punctuation that survives translation; each maps to a pseudo-term shared by both languages.
_PUNCTUATION_CUES = {"？": "?", "?": "?", "！": "!", "!": "!", "“": '"', "”": '"', "「": '"',
                     "」": '"', "『": '"', "』": '"', '"': '"'}
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def chinese_number(token: str) -> str | None:
    """Read a token written in Chinese numerals ("二十六" → "26"); None if it is not one."""
    if not token or any(c not in _DIGITS and c not in _UNITS for c in token):
        return None
    if all(c in _DIGITS for c in token):
        return "".join(str(_DIGITS[c]) for c in token) if len(token) > 1 else str(_DIGITS[token])
    total = section = digit = 0
    for char in token:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif _UNITS[char] >= 10_000:
            total += (section + digit) * _UNITS[char]
            section = digit = 0
        else:
            section += (digit or 1) * _UNITS[char]
            digit = 0
    return str(total + section + digit)


@functools.lru_cache(maxsize=200_000)
def chinese_unit_terms(token: str) -> frozenset[str]:
    """English-side terms one Chinese token can match; empty for function words and unknowns."""
    if token in _PUNCTUATION_CUES:
        return frozenset({_PUNCTUATION_CUES[token]})
    if not _HAN.search(token):
        return frozenset(english_terms(token)) if _LATIN_OR_DIGIT.search(token) else frozenset()
    terms = set(gloss(token))
    number = chinese_number(token)
    if number is not None:
        terms.add(number)
    if not terms and not in_dictionary(token):
        for piece in dictionary_pieces(token):
            terms.update(gloss(piece))
        name = romanise(token)
        if name:
            terms.add(stem(name))
    return frozenset(terms)


def chinese_units(sentence: str) -> dict[str, frozenset[str]]:
    """The sentence's distinct Chinese units (tokens or cues) that have English terms."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading through its own handler
    units = {}
    for token in jieba.lcut(sentence):
        token = token.strip()
        if token:
            terms = chinese_unit_terms(token)
            if terms:
                units[_PUNCTUATION_CUES.get(token, token)] = terms
    return units


def english_bag(sentence: str) -> set[str]:
    bag = set(english_terms(sentence))
    bag.update(_PUNCTUATION_CUES[c] for c in sentence if c in _PUNCTUATION_CUES)
    return bag


def _idf(document_frequency: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log((n_docs + 1) / (document_frequency + 0.5)).astype(np.float32)


def _binary_matrix(rows: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


@dataclass(frozen=True)
class _Side:
    """One side's windows of each size: weighted own terms, and binary 'matches' of the other."""

    own: tuple[sparse.csr_matrix, ...]  # own[k-1][i] = weighted terms of window [i, i+k)
    own_mass: tuple[np.ndarray, ...]
    matches: tuple[sparse.csr_matrix, ...]  # in the other side's term space


def _windows(matrix: sparse.csr_matrix, max_size: int) -> tuple[sparse.csr_matrix, ...]:
    """window[k-1][i] = element-wise max of rows i..i+k-1 (the union of bags)."""
    result = [matrix]
    for size in range(2, max_size + 1):
        previous = result[-1]
        rows = matrix.shape[0] - size + 1
        if rows <= 0:
            result.append(sparse.csr_matrix((0, matrix.shape[1]), dtype=np.float32))
            continue
        result.append(previous[:rows].maximum(matrix[size - 1 :]).tocsr())
    return tuple(result)


def _make_side(own: sparse.csr_matrix, matches: sparse.csr_matrix, max_size: int) -> _Side:
    own_windows = _windows(own, max_size)
    return _Side(
        own=own_windows,
        own_mass=tuple(np.asarray(w.sum(axis=1)).ravel() for w in own_windows),
        matches=_windows(matches, max_size),
    )


def _coarsen_rows(matrix: sparse.csr_matrix, factor: int) -> sparse.csr_matrix:
    blocks = math.ceil(matrix.shape[0] / factor)
    rows = np.arange(matrix.shape[0]) // factor
    pool = sparse.csr_matrix(
        (np.ones(matrix.shape[0], dtype=np.float32), (rows, np.arange(matrix.shape[0]))),
        shape=(blocks, matrix.shape[0]),
    )
    present = _clip((pool @ (matrix > 0).astype(np.float32)).tocsr())
    # Every row carries the same weight for a term, so a block's weight is the column's.
    column_weight = np.asarray(matrix.max(axis=0).todense()).ravel()
    return present.multiply(column_weight[np.newaxis, :]).tocsr().astype(np.float32)


class LexicalFeatures(PairFeatures):
    """Coverage F1 between windows; built from sentence-level sparse bags."""

    n_signals = 1

    def __init__(
        self,
        zh_weighted: sparse.csr_matrix,  # zh sentences × zh units, IDF weights
        zh_glosses: sparse.csr_matrix,  # zh sentences × English terms, binary
        en_weighted: sparse.csr_matrix,  # en sentences × English terms, IDF weights
        en_covers: sparse.csr_matrix,  # en sentences × zh units, binary
        zh_is_src: bool,
        max_window: int,
    ):
        self._sentence_level = (zh_weighted, zh_glosses, en_weighted, en_covers)
        self._zh = _make_side(zh_weighted, zh_glosses, max_window)
        self._en = _make_side(en_weighted, en_covers, max_window)
        self._zh_is_src = zh_is_src
        self._max_window = max_window

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        if self._zh_is_src:
            zh_start, zh_size, en_start, en_size = src_start, src_size, tgt_start, tgt_size
        else:
            zh_start, zh_size, en_start, en_size = tgt_start, tgt_size, src_start, src_size
        zh, en = self._zh, self._en
        zh_hit = _pair_products(zh.own[zh_size - 1], en.matches[en_size - 1], zh_start, en_start)
        en_hit = _pair_products(zh.matches[zh_size - 1], en.own[en_size - 1], zh_start, en_start)
        zh_mass = zh.own_mass[zh_size - 1][zh_start]
        en_mass = en.own_mass[en_size - 1][en_start]
        with np.errstate(invalid="ignore", divide="ignore"):
            zh_cover = zh_hit / zh_mass
            en_cover = en_hit / en_mass
            f1 = 2 * zh_cover * en_cover / (zh_cover + en_cover)
        f1 = np.where((zh_cover == 0) | (en_cover == 0), 0.0, f1)
        f1 = np.where((zh_mass == 0) | (en_mass == 0), np.nan, f1)
        return f1[np.newaxis, :]

    def coarsen(self, factor: int) -> LexicalFeatures:
        return LexicalFeatures(
            *(_coarsen_rows(m, factor) for m in self._sentence_level),
            zh_is_src=self._zh_is_src,
            max_window=self._max_window,
        )


_BLOCK_ROWS = 128


def _pair_products(
    left: sparse.csr_matrix, right: sparse.csr_matrix, left_rows: np.ndarray, right_rows: np.ndarray
) -> np.ndarray:
    """``left[left_rows[k]] · right[right_rows[k]]`` for every k.

    The pairs of an alignment band lie near a diagonal, so they are taken in blocks of
    consecutive left rows: one sparse product per block covers the block's rectangle of the
    grid, which is far cheaper than gathering rows pair by pair.
    """
    result = np.zeros(len(left_rows), dtype=np.float64)
    if len(left_rows) == 0:
        return result
    order = np.argsort(left_rows, kind="stable")
    sorted_rows = left_rows[order]
    first_row, last_row = int(sorted_rows[0]), int(sorted_rows[-1])
    for block_start in range(first_row, last_row + 1, _BLOCK_ROWS):
        lo, hi = np.searchsorted(sorted_rows, [block_start, block_start + _BLOCK_ROWS])
        if lo == hi:
            continue
        picked = order[lo:hi]
        rows, cols = left_rows[picked], right_rows[picked]
        col_lo, col_hi = int(cols.min()), int(cols.max()) + 1
        block = (left[block_start : block_start + _BLOCK_ROWS] @ right[col_lo:col_hi].T).toarray()
        result[picked] = block[rows - block_start, cols - col_lo]
    return result


class LexicalEncoder(Encoder):
    """CC-CEDICT + jieba coverage encoder (offline, no model)."""

    name = "lexical"

    def __init__(self, max_window: int = 4):
        self.max_window = max_window

    @property
    def model_id(self) -> str:
        return f"cc-cedict-{cedict_date()}"

    def features(self, src: Side, tgt: Side) -> LexicalFeatures:
        zh, en = (src, tgt) if src.lang == "zh" else (tgt, src)
        zh_units = [chinese_units(s) for s in zh.sentences]
        en_bags = [english_bag(s) for s in en.sentences]

        unit_ids: dict[str, int] = {}
        term_ids: dict[str, int] = {}
        zh_unit_rows = [[unit_ids.setdefault(u, len(unit_ids)) for u in units] for units in zh_units]
        en_term_rows = [[term_ids.setdefault(t, len(term_ids)) for t in bag] for bag in en_bags]
        unit_terms = [None] * len(unit_ids)
        for units in zh_units:
            for unit, terms in units.items():
                unit_terms[unit_ids[unit]] = terms
        # Gloss terms the English side never uses cannot match; leave them out of the space.
        gloss_rows = [[term_ids[t] for t in terms if t in term_ids] for terms in unit_terms]
        n_terms, n_units = len(term_ids), len(unit_ids)

        unit_to_terms = _binary_matrix(gloss_rows, n_terms)  # units × terms
        zh_units_binary = _binary_matrix(zh_unit_rows, n_units)
        en_terms_binary = _binary_matrix(en_term_rows, n_terms)

        unit_idf = _idf(np.bincount(zh_units_binary.indices, minlength=n_units), len(zh))
        term_idf = _idf(np.bincount(en_terms_binary.indices, minlength=n_terms), len(en))
        zh_weighted = (zh_units_binary @ sparse.diags(unit_idf)).tocsr()
        en_weighted = (en_terms_binary @ sparse.diags(term_idf)).tocsr()
        zh_glosses = _clip((zh_units_binary @ unit_to_terms).tocsr())
        en_covers = _clip((en_terms_binary @ unit_to_terms.T).tocsr())
        logger.debug("lexical features: %d zh units, %d en terms", n_units, n_terms)
        return LexicalFeatures(
            zh_weighted, zh_glosses, en_weighted, en_covers,
            zh_is_src=src.lang == "zh", max_window=self.max_window,
        )


def _clip(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    matrix.data = np.minimum(matrix.data, 1.0).astype(np.float32)
    matrix.eliminate_zeros()
    return matrix
