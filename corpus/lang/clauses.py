"""Where an over-long sentence may be cut: after a clause mark, else after a space, else
anywhere.

Text without sentence marks is real (a PDF's text layer, OCR output, a minified page) and
comes as one "sentence" of tens of thousands of characters. Cut at its clause marks (the
comma, the enumeration comma, the semicolon and the colon of either language), its pieces
read as the clauses a translation renders one by one.
"""

from __future__ import annotations

import re

CLAUSE_MARKS = "，、；：,;:"
# A clause mark, with the closing quotes and brackets that belong with the clause before it.
_CLAUSE_END = re.compile(f"[{CLAUSE_MARKS}][”」』’\"'）)】》]*")
_SPACE = re.compile(r"\s+")


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
