"""A document's bags of words for dictionary coverage, as sparse binary matrices.

A Chinese sentence's bag holds its *units*: jieba tokens with English terms (their CC-CEDICT
glosses, a number read as digits, Latin-script words, the pinyin of a name the dictionary
lacks) and the cues both languages share (? and !, opening and closing quotes). An English
sentence's bag holds its stemmed content words, numbers and the same cues. The lexicon links
each unit to the English terms it can match. The first and last clauses of each sentence
have bags of their own (``EdgeClauses``): where the two sides' sentence boundaries cross, a
clause is what moves.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from align.blocks import block_ranges
from align.encoders.windows import pool_rows
from corpus.lang.cedict import dictionary_pieces, gloss, in_dictionary, name_romanisations
from corpus.lang.chinese import chinese_number, chinese_tokens
from corpus.lang.clauses import clause_spans, is_clause_break
from corpus.lang.cues import PUNCTUATION_CUES, quote_cues
from corpus.lang.english import english_terms, english_terms_at, stem
from corpus.lang.script import HAN, LATIN_OR_DIGIT


@functools.lru_cache(maxsize=200_000)
def chinese_unit_terms(token: str) -> frozenset[str]:
    """English-side terms one Chinese token can match; empty for function words and unknowns."""
    if token in PUNCTUATION_CUES:
        return frozenset({PUNCTUATION_CUES[token]})
    if not HAN.search(token):
        return frozenset(english_terms(token)) if LATIN_OR_DIGIT.search(token) else frozenset()
    terms = set(gloss(token))
    number = chinese_number(token)
    if number is not None:
        terms.add(number)
    if not terms and not in_dictionary(token):
        for piece in dictionary_pieces(token):
            terms.update(gloss(piece))
        terms.update(stem(name) for name in name_romanisations(token))
    return frozenset(terms)


def chinese_units(sentence: str) -> dict[str, frozenset[str]]:
    """The sentence's distinct Chinese units (tokens or cues) that have English terms."""
    units = {}
    for token in chinese_tokens(sentence):
        terms = chinese_unit_terms(token)
        if terms:
            units[PUNCTUATION_CUES.get(token, token)] = terms
    units.update((cue, frozenset({cue})) for cue in quote_cues(sentence))
    return units


def chinese_edge_clauses(sentence: str) -> tuple[list[str], list[str]] | None:
    """The units of the sentence's first and last clauses that have units (the tokens of
    ``chinese_units``); None for fewer than two such clauses."""
    units: list[list[str]] = [[]]  # by clause
    for token in chinese_tokens(sentence):
        if is_clause_break(token):
            units.append([])
        elif chinese_unit_terms(token):
            units[-1].append(PUNCTUATION_CUES.get(token, token))
    units = [clause for clause in units if clause]
    return (units[0], units[-1]) if len(units) >= 2 else None


def english_edge_clauses(sentence: str, terms_at: list[tuple[int, str]] | None = None
                         ) -> tuple[list[str], list[str]] | None:
    """The terms of the sentence's first and last clauses that have terms; None for fewer
    than two such clauses (``terms_at``: the sentence's ``english_terms_at``, if read)."""
    spans = clause_spans(sentence)
    if len(spans) < 2:
        return None
    by_clause: list[list[str]] = [[] for _ in spans]
    starts = [start for start, _ in spans]
    for position, term in english_terms_at(sentence) if terms_at is None else terms_at:
        by_clause[bisect.bisect_right(starts, position) - 1].append(term)
    found = [terms for terms in by_clause if terms]
    return (found[0], found[-1]) if len(found) >= 2 else None


def english_bag(sentence: str, terms: Sequence[str] | None = None) -> set[str]:
    """The sentence's terms (``terms``: its ``english_terms``, if read) and cues."""
    bag = set(english_terms(sentence) if terms is None else terms)
    bag.update(PUNCTUATION_CUES[c] for c in sentence if c in PUNCTUATION_CUES)
    bag.update(quote_cues(sentence))
    return bag


@dataclass(frozen=True)
class Bags:
    """A document's bags of words and the bilingual lexicon that links them (all binary)."""

    zh_units: sparse.csr_matrix  # zh sentences × zh units
    en_terms: sparse.csr_matrix  # en sentences × English terms
    lexicon: sparse.csr_matrix  # zh units × English terms
    unit_idf: np.ndarray
    term_idf: np.ndarray
    zh_edges: EdgeClauses | None = None  # sentences only: blocks have no clauses
    en_edges: EdgeClauses | None = None

    def coarsen(self, zh_starts: np.ndarray, en_starts: np.ndarray) -> Bags:
        """The bags of blocks of sentences (``*_starts``: each block's first sentence)."""
        return replace(
            self,
            zh_units=pool_rows(self.zh_units, block_ranges(zh_starts, self.zh_units.shape[0])),
            en_terms=pool_rows(self.en_terms, block_ranges(en_starts, self.en_terms.shape[0])),
            zh_edges=None, en_edges=None,
        )


@dataclass(frozen=True)
class EdgeClauses:
    """The first and last clause of each sentence of one side, as bags over the side's units
    or terms: rows 2i and 2i + 1 for sentence i, both empty for a sentence of fewer than two
    clauses with words of the bags."""

    bags: sparse.csr_matrix

    @classmethod
    def of(cls, edges: Sequence[tuple[Sequence[str], Sequence[str]] | None],
           ids: dict[str, int]) -> EdgeClauses:
        rows: list[list[int]] = []
        for pair in edges:
            known = [[ids[t] for t in dict.fromkeys(c) if t in ids] for c in pair or ((), ())]
            rows.extend(known if all(known) else [[], []])
        return cls(_binary_matrix(rows, len(ids)))


def document_bags(zh_sentences: Sequence[str], en_sentences: Sequence[str]) -> Bags:
    """The bags of both sides' sentences, over the units and terms the document uses."""
    zh_units = [chinese_units(s) for s in zh_sentences]
    en_terms_at = [english_terms_at(s) for s in en_sentences]  # read once: bag and clauses
    en_bags = [english_bag(s, [t for _, t in at]) for s, at in zip(en_sentences, en_terms_at)]

    unit_ids: dict[str, int] = {}
    term_ids: dict[str, int] = {}
    zh_unit_rows = [[unit_ids.setdefault(u, len(unit_ids)) for u in units] for units in zh_units]
    # A bag is a set: sorted, its terms get the same ids, and the products the same sums,
    # whatever the hash seed (the Bible's confidences differed in the fourth decimal).
    en_term_rows = [[term_ids.setdefault(t, len(term_ids)) for t in sorted(bag)] for bag in en_bags]
    unit_terms = [None] * len(unit_ids)
    for units in zh_units:
        for unit, terms in units.items():
            unit_terms[unit_ids[unit]] = terms
    # Gloss terms the English side never uses cannot match; leave them out of the space.
    gloss_rows = [[term_ids[t] for t in terms if t in term_ids] for terms in unit_terms]
    n_terms, n_units = len(term_ids), len(unit_ids)

    zh_units_binary = _binary_matrix(zh_unit_rows, n_units)
    en_terms_binary = _binary_matrix(en_term_rows, n_terms)
    return Bags(
        zh_edges=EdgeClauses.of([chinese_edge_clauses(s) for s in zh_sentences], unit_ids),
        en_edges=EdgeClauses.of([english_edge_clauses(s, at)
                                 for s, at in zip(en_sentences, en_terms_at)], term_ids),
        zh_units=zh_units_binary,
        en_terms=en_terms_binary,
        lexicon=_binary_matrix(gloss_rows, n_terms),
        unit_idf=_idf(np.bincount(zh_units_binary.indices, minlength=n_units), len(zh_sentences)),
        term_idf=_idf(np.bincount(en_terms_binary.indices, minlength=n_terms), len(en_sentences)),
    )


def _idf(document_frequency: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log((n_docs + 1) / (document_frequency + 0.5)).astype(np.float32)


def _binary_matrix(rows: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))
