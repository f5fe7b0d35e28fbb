"""Clauses: a sentence's clauses (``clause_spans``), and where an over-long sentence may be cut
(``clause_pieces``: after a clause mark, else after a space, else anywhere).

Text without sentence marks is real (a PDF's text layer, OCR output, a minified page) and
comes as one "sentence" of tens of thousands of characters. Cut at its clause marks (and its
enumeration commas), its pieces read as the clauses a translation renders one by one.
"""

from __future__ import annotations

import re

from corpus.lang.cues import QUOTES, quotation_marks

# The comma, semicolon and colon of either language.
CLAUSE_MARKS = "，；：,;:"
# Clauses also end at brackets and dashes, and at quotation marks: a speech and the words
# that say who speaks are clauses apart (他笑道：“不必了。” ~ 'No need,' he laughed).
_CLAUSE_BREAKS = frozenset(CLAUSE_MARKS + "()（）—–")
_TOKEN_BREAKS = _CLAUSE_BREAKS | frozenset(QUOTES)
_BREAK_RUN = re.compile("[" + re.escape("".join(sorted(_CLAUSE_BREAKS))) + "]+|--")
# A clause mark or an enumeration comma (the items of a list are rendered one by one), with
# the closing quotes and brackets that belong with the clause before it.
_CLAUSE_END = re.compile(f"[{CLAUSE_MARKS}、][”」』’\"'）)】》]*")
_SPACE = re.compile(r"\s+")


def clause_spans(text: str) -> list[tuple[int, int]]:
    """Where each clause of the text starts and stops: the text cut at every clause mark,
    bracket, dash and quotation mark (the marks left out; empty clauses too)."""
    cuts = [(m.start(), m.end()) for m in _BREAK_RUN.finditer(text)]
    cuts += [(k, k + 1) for k, _ in quotation_marks(text)]
    spans, start = [], 0
    for lo, hi in sorted(cuts):
        if lo >= start:
            spans.append((start, lo))
            start = hi
    spans.append((start, len(text)))
    return spans


def is_clause_break(token: str) -> bool:
    """Whether a token (of a tokenised sentence) is a mark that ``clause_spans`` cuts at: a
    quote standing alone is a quotation mark."""
    return bool(token) and (all(c in _TOKEN_BREAKS for c in token) or token == "--")


def clause_pieces(text: str, longest: int) -> list[str]:
    """``text`` cut into pieces of at most ``longest`` characters that join back into it:
    each piece ends after the last clause mark that keeps it that short, else after the last
    space, else at ``longest`` characters."""
    if longest < 1:
        raise ValueError("pieces need room for a character")
    pieces = []
    start = 0
    while len(text) - start > longest:
        stop = start + longest
        end = _last_end(_CLAUSE_END, text, start, stop) or _last_end(_SPACE, text, start, stop)
        end = end or stop
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _last_end(pattern: re.Pattern[str], text: str, start: int, stop: int) -> int:
    """The end of the last match of ``pattern`` inside ``text[start:stop]`` (0 if none)."""
    end = 0
    for match in pattern.finditer(text, start, stop):
        end = match.end()
    return end
