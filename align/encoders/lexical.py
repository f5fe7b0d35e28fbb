"""The offline default encoder: CC-CEDICT glosses of the Chinese side matched against English.

Similarity is IDF-weighted *coverage*, sentence by sentence: the share of each Chinese
sentence's words (weighted) whose glosses occur in the English window opposite, and the share
of each English sentence's words (weighted) that occur among the glosses of the Chinese window
opposite (``LexicalFeatures``; the F1 of two sentences' coverages ranks candidate
translations). Cues that cross languages take part as ordinary terms: numbers (Chinese numerals read as digits), Latin-script tokens, question and
exclamation marks, opening and closing quotation marks, and the toneless pinyin of names.
A second signal (``SpeechFeatures``) checks that two windows begin and end alike.

A window's glosses are the union of its sentences', held as sparse matrices so that many
window pairs are scored at once. After a first alignment, ``refine`` adds a lexicon learned from the document
itself (``document_lexicon``).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from align.encoders.base import (
    Encoder,
    FirstPass,
    PairFeatures,
    SentenceSimilarity,
    StackedFeatures,
)
from align.encoders.products import pair_products, window_members
from align.lexicon import (
    cedict_date,
    dictionary_pieces,
    english_terms,
    gloss,
    in_dictionary,
    name_romanisations,
    stem,
)
from corpus.document import Side

logger = logging.getLogger(__name__)

# Punctuation that survives translation; each maps to a pseudo-term shared by both languages.
_PUNCTUATION_CUES = {"？": "?", "?": "?", "！": "!", "!": "!"}
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
        terms.update(stem(name) for name in name_romanisations(token))
    return frozenset(terms)


# Two or more numeral characters: jieba cuts long numbers apart (四万|六千五百).
_NUMERAL_RUN = re.compile(f"[{''.join(_DIGITS)}{''.join(_UNITS)}]{{2,}}")


def _is_number_run(run: str) -> bool:
    """Whether a run of numeral characters is a number, not a word (千万 "by all means")
    or an estimate (三四 "three or four")."""
    if in_dictionary(run):
        return False
    return any(c in _UNITS for c in run) or len(run) >= 3


@functools.lru_cache(maxsize=100_000)
def chinese_tokens(sentence: str) -> tuple[str, ...]:
    """jieba's tokens of a sentence, numbers kept whole; cached, as every encoder asks."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading through its own handler
    tokens: list[str] = []
    start = 0
    for run in _NUMERAL_RUN.finditer(sentence):
        if _is_number_run(run.group()):
            tokens.extend(jieba.lcut(sentence[start : run.start()]))
            tokens.append(run.group())
            start = run.end()
    tokens.extend(jieba.lcut(sentence[start:]))
    return tuple(token for token in map(str.strip, tokens) if token)


def chinese_units(sentence: str) -> dict[str, frozenset[str]]:
    """The sentence's distinct Chinese units (tokens or cues) that have English terms."""
    units = {}
    for token in chinese_tokens(sentence):
        terms = chinese_unit_terms(token)
        if terms:
            units[_PUNCTUATION_CUES.get(token, token)] = terms
    units.update((cue, frozenset({cue})) for cue in quote_cues(sentence))
    return units


def english_bag(sentence: str) -> set[str]:
    bag = set(english_terms(sentence))
    bag.update(_PUNCTUATION_CUES[c] for c in sentence if c in _PUNCTUATION_CUES)
    bag.update(quote_cues(sentence))
    return bag


def _idf(document_frequency: np.ndarray, n_docs: int) -> np.ndarray:
    return np.log((n_docs + 1) / (document_frequency + 0.5)).astype(np.float32)


def _binary_matrix(rows: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    indptr = np.cumsum([0] + [len(r) for r in rows])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int32, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), width))


class _Windows:
    """Windows of consecutive rows, built as the aligner asks for their sizes:
    ``windows(k)[i]`` is the element-wise max of rows i..i+k-1 (the union of their bags)."""

    def __init__(self, rows: sparse.csr_matrix):
        self._by_size = [rows]

    def __call__(self, size: int) -> sparse.csr_matrix:
        rows = self._by_size[0]
        while len(self._by_size) < size:
            grown = len(self._by_size) + 1
            starts = rows.shape[0] - grown + 1
            if starts <= 0:
                window = sparse.csr_matrix((0, rows.shape[1]), dtype=rows.dtype)
            else:
                window = self._by_size[-1][:starts].maximum(rows[grown - 1 :]).tocsr()
            self._by_size.append(window)
        return self._by_size[size - 1]


class _Side:
    """One side: its sentences' weighted own terms, and its windows' binary 'matches' of the
    other side's terms."""

    def __init__(self, own: sparse.csr_matrix, matches: sparse.csr_matrix):
        self.own = own
        self.mass = np.asarray(own.sum(axis=1)).ravel()
        # Binary, and by far the largest matrices (a common English word glosses hundreds of
        # Chinese words): a byte per entry instead of four.
        self.matches = _Windows(matches.astype(bool))


def _pool_rows(matrix: sparse.csr_matrix, groups: Sequence[range]) -> sparse.csr_matrix:
    """Binary union of the rows in each group (a block of sentences, or one side of a bead)."""
    lengths = [len(g) for g in groups]
    members = np.fromiter((i for g in groups for i in g), dtype=np.int64, count=sum(lengths))
    owners = np.repeat(np.arange(len(groups)), lengths)
    pool = sparse.csr_matrix(
        (np.ones(len(members), dtype=np.float32), (owners, members)),
        shape=(len(groups), matrix.shape[0]),
    )
    return _clip((pool @ matrix).tocsr())


def _blocks(n_rows: int, factor: int) -> list[range]:
    return [range(start, min(start + factor, n_rows)) for start in range(0, n_rows, factor)]


@dataclass(frozen=True)
class _Bags:
    """A document's bags of words and the bilingual lexicon that links them (all binary)."""

    zh_units: sparse.csr_matrix  # zh sentences × zh units
    en_terms: sparse.csr_matrix  # en sentences × English terms
    lexicon: sparse.csr_matrix  # zh units × English terms
    unit_idf: np.ndarray
    term_idf: np.ndarray

    def coarsen(self, factor: int) -> _Bags:
        return replace(
            self,
            zh_units=_pool_rows(self.zh_units, _blocks(self.zh_units.shape[0], factor)),
            en_terms=_pool_rows(self.en_terms, _blocks(self.en_terms.shape[0], factor)),
        )


class LexicalFeatures(PairFeatures):
    """Dictionary coverage, sentence by sentence: the IDF-weighted share of each sentence's
    words that the window opposite translates.

    Scored by sentence rather than by window, each sentence counts once however the beads
    group it: a short line that a window's other sentences leave unexplained costs that window
    the same whether the line sits in a 1-1 bead or at the end of a 1-3 one, which is what a
    one-sentence shift at a bead boundary turns on.
    """

    n_signals = 0
    n_sentence_signals = 1

    def __init__(self, bags: _Bags, zh_is_src: bool):
        self._bags = bags
        zh_weighted = (bags.zh_units @ sparse.diags(bags.unit_idf)).tocsr()
        en_weighted = (bags.en_terms @ sparse.diags(bags.term_idf)).tocsr()
        zh_glosses = _clip((bags.zh_units @ bags.lexicon).tocsr())
        en_covers = _clip((bags.en_terms @ bags.lexicon.T).tocsr())
        self._zh = _Side(zh_weighted, zh_glosses)
        self._en = _Side(en_weighted, en_covers)
        self._zh_is_src = zh_is_src

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        return np.empty((0, len(src_start)))

    def sentence_similarity(self, src_start, src_size, tgt_start, tgt_size) -> SentenceSimilarity:
        src, tgt = (self._zh, self._en) if self._zh_is_src else (self._en, self._zh)
        return SentenceSimilarity(
            self._covers(src, tgt, src_start, src_size, tgt_start, tgt_size)[np.newaxis],
            self._covers(tgt, src, tgt_start, tgt_size, src_start, src_size)[np.newaxis],
        )

    @staticmethod
    def _covers(side: _Side, opposite: _Side, start, size, opposite_start, opposite_size
                ) -> np.ndarray:
        """Coverage of each of ``side``'s window sentences by the ``opposite`` window."""
        rows, opposite_rows = window_members(start, size, opposite_start)
        hits = pair_products(side.own, opposite.matches(opposite_size), rows, opposite_rows)
        with np.errstate(invalid="ignore", divide="ignore"):
            return (hits / side.mass[rows]).reshape(size, -1)

    def rank_similarity(self, src_rows, tgt_rows) -> np.ndarray:
        """Coverage F1 of two sentences: high only when each explains most of the other."""
        covers = self.sentence_similarity(src_rows, 1, tgt_rows, 1)
        src, tgt = covers.src[0, 0], covers.tgt[0, 0]
        with np.errstate(invalid="ignore", divide="ignore"):
            f1 = np.where((src == 0) | (tgt == 0), 0.0, 2 * src * tgt / (src + tgt))
        return np.where(np.isnan(src) | np.isnan(tgt), np.nan, f1)

    def coarsen(self, factor: int) -> LexicalFeatures:
        return LexicalFeatures(self._bags.coarsen(factor), self._zh_is_src)

    def refine(self, first: FirstPass) -> LexicalFeatures | None:
        beads = first.confident(LEXICON_CONFIDENCE)
        if not self._zh_is_src:
            beads = [(zh, en) for en, zh in beads]
        learned = document_lexicon(self._bags, beads)
        logger.debug("document lexicon: %d pairs learned", learned.nnz)
        if not learned.nnz:
            return None
        lexicon = _clip((self._bags.lexicon + learned).tocsr())
        return LexicalFeatures(
            replace(self._bags, lexicon=lexicon), self._zh_is_src
        )


# The document lexicon learns from beads of at least this posterior: a lower bar learns
# from wrong beads, a higher one from too few.
LEXICON_CONFIDENCE = 0.5
# A 2x2 co-occurrence table whose log-likelihood ratio statistic exceeds this value is
# significant at p < 0.001 (chi-square, one degree of freedom).
_SIGNIFICANT_G2 = 10.83
# A word pair seen together once or twice is a coincidence however rare the words are.
_MIN_COOCCURRENCE = 3


def document_lexicon(bags: _Bags, beads: Sequence[tuple[range, range]]) -> sparse.csr_matrix:
    """Word pairs the document itself translates, learned from aligned beads.

    Names and free renderings the dictionary lacks (韦小宝 → Trinket) co-occur bead after
    bead. A pair is learned for a Chinese word whose dictionary glosses are missing from the
    English of most of its beads, when each word is the other's strongest associate (Dice)
    and the association is significant (G², p < 0.001) over at least three beads.
    """
    shape = bags.lexicon.shape
    beads = [(zh, en) for zh, en in beads if len(zh) and len(en)]
    if len(beads) < 2:
        return sparse.csr_matrix(shape, dtype=np.float32)
    zh = _pool_rows(bags.zh_units, [b[0] for b in beads])
    en = _pool_rows(bags.en_terms, [b[1] for b in beads])
    together = (zh.T @ en).tocoo()
    unit_count = np.asarray(zh.sum(axis=0)).ravel()
    term_count = np.asarray(en.sum(axis=0)).ravel()
    rows, cols, both = together.row, together.col, together.data.astype(np.float64)
    dice = 2 * both / (unit_count[rows] + term_count[cols])
    best_for_unit = _group_max(rows, dice, shape[0])
    best_for_term = _group_max(cols, dice, shape[1])
    mutual = (dice >= best_for_unit[rows]) & (dice >= best_for_term[cols])
    g2 = _log_likelihood_ratio(both, unit_count[rows], term_count[cols], len(beads))
    # Learn only for words the dictionary leaves unexplained in most of their beads.
    explained = np.asarray(zh.multiply(_clip((en @ bags.lexicon.T).tocsr())).sum(axis=0)).ravel()
    unexplained = explained[rows] * 2 < unit_count[rows]
    keep = mutual & (both >= _MIN_COOCCURRENCE) & (g2 >= _SIGNIFICANT_G2) & unexplained
    return sparse.csr_matrix(
        (np.ones(int(keep.sum()), dtype=np.float32), (rows[keep], cols[keep])), shape=shape
    )


def _group_max(groups: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    result = np.zeros(n_groups)
    np.maximum.at(result, groups, values)
    return result


def _log_likelihood_ratio(both, left, right, total) -> np.ndarray:
    """Dunning's G² for the 2x2 table of two words' presence in ``total`` beads."""
    observed = np.stack([both, left - both, right - both, total - left - right + both])
    expected = np.stack([
        left * right, left * (total - right), (total - left) * right,
        (total - left) * (total - right),
    ]) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return 2 * terms.sum(axis=0)


_ASKS = re.compile(r"[?？][”」』’'\"\s]*$")


def speech_marks(sentence: str) -> tuple[bool, bool, bool]:
    """Does the sentence open a quotation, close one, end in a question?"""
    cues = quote_cues(sentence)
    return OPENING_CUE in cues, CLOSING_CUE in cues, bool(_ASKS.search(sentence))


class SpeechFeatures(PairFeatures):
    """Whether two windows begin and end alike: opening a quotation, closing one, asking.

    Speech is cut into sentences differently in the two languages, and a bead boundary that
    falls inside a speech on one side only is the commonest one-sentence shift; a question
    stays a question in translation. The signal is the share of the three marks (the first
    sentence opens a quote; the last closes one; the last asks) on which both windows agree.
    Exclamations are left out: translators add and drop them freely.
    """

    n_signals = 1

    def __init__(self, src_marks: np.ndarray, tgt_marks: np.ndarray):
        self._src = np.asarray(src_marks, dtype=bool).reshape(-1, 3)  # sentences × marks
        self._tgt = np.asarray(tgt_marks, dtype=bool).reshape(-1, 3)

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        src_first, src_last = self._src[src_start], self._src[src_start + src_size - 1]
        tgt_first, tgt_last = self._tgt[tgt_start], self._tgt[tgt_start + tgt_size - 1]
        agree = (src_first[:, 0] == tgt_first[:, 0]) + (src_last[:, 1:] == tgt_last[:, 1:]).sum(1)
        return (agree / 3.0)[np.newaxis, :]

    def coarsen(self, factor: int) -> SpeechFeatures:
        return SpeechFeatures(_coarsen_marks(self._src, factor), _coarsen_marks(self._tgt, factor))


def _coarsen_marks(marks: np.ndarray, factor: int) -> np.ndarray:
    """A block opens as its first sentence does, and closes and asks as its last one does."""
    first = np.arange(0, len(marks), factor)
    last = np.minimum(first + factor, len(marks)) - 1
    return np.column_stack([marks[first, 0], marks[last, 1], marks[last, 2]])


class LexicalEncoder(Encoder):
    """CC-CEDICT + jieba coverage encoder (offline, no model)."""

    name = "lexical"

    @property
    def model_id(self) -> str:
        return f"cc-cedict-{cedict_date()}"

    def features(self, src: Side, tgt: Side) -> StackedFeatures:
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

        zh_units_binary = _binary_matrix(zh_unit_rows, n_units)
        en_terms_binary = _binary_matrix(en_term_rows, n_terms)
        bags = _Bags(
            zh_units=zh_units_binary,
            en_terms=en_terms_binary,
            lexicon=_binary_matrix(gloss_rows, n_terms),
            unit_idf=_idf(np.bincount(zh_units_binary.indices, minlength=n_units), len(zh)),
            term_idf=_idf(np.bincount(en_terms_binary.indices, minlength=n_terms), len(en)),
        )
        logger.debug("lexical features: %d zh units, %d en terms", n_units, n_terms)
        coverage = LexicalFeatures(bags, zh_is_src=src.lang == "zh")
        speech = SpeechFeatures(
            [speech_marks(s) for s in src.sentences], [speech_marks(s) for s in tgt.sentences]
        )
        return StackedFeatures((coverage, speech))


def _clip(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    matrix.data = np.minimum(matrix.data, 1.0).astype(np.float32)
    matrix.eliminate_zeros()
    return matrix
