"""PDF → blocks: the text layer, by pdfium (``pypdfium2``). No OCR.

* Lines: pdfium's characters with their boxes, cut into lines where pdfium's reading order
  breaks them, page by page; ligatures (ﬁ, ﬂ) are spelled out and soft hyphens dropped.
  pdfium rather than pypdf (``eval.formats_bench --pdf-backends`` compares them and
  pdfplumber on the same layout step): pypdf tells where a piece of text starts but not
  where it ends, and a line's end is what tells a paragraph's last line from a full one;
  pdfplumber (pdfminer) knows, and is several times slower.
* Page furniture: among the two highest and two lowest lines of each page, a line whose text
  (digits read alike) comes back on at least half the pages, and at least two, is a running
  header or footer ("pdf-header", "pdf-footer"); a highest or lowest line that is only a page
  number (``3``, ``- 3 -``, ``Page 3 of 9``, ``3/9``, ``第3页``) is "pdf-page-number". They
  are reported, not read.
* Paragraphs: a line starts a new one at a change of font size, after a vertical gap of
  more than 1.4 times the usual line pitch, at a first-line indent (an em or more right of
  the page's left edge, and of the line before unless that one stopped short of the right
  edge), or, unless it begins in lower case or the line before ends in a hyphen, after a
  line that stops short of the right edge: by 4 ems after the end of a sentence, by 2
  after a Chinese character (Chinese fills its lines to the last character), by 8
  otherwise (a heading, a list item). An em here is a line's glyph-box height (about 1.25
  of the font size, whatever the page's scale). A paragraph set larger than the body that
  does not end a sentence is a heading.
* Hyphens at English line ends (a letter, ``-``, then the next line's first word): kept
  where no typesetter hyphenates — after a single letter, a capital or a digit, before a
  capital, a digit or a word with a hyphen of its own (``V-suit``, ``Forty-Two``,
  ``2011-2030``, ``eighty-year-old``); else the word is joined when the document spells it
  joined elsewhere (``transla-tion``), kept when it spells it hyphenated elsewhere
  (``well-known``; a plural counts as its singular); a word the document does not tell
  goes the way most of those it does tell went (a typeset book hyphenates, a page printed
  by a browser or a word processor breaks only at real hyphens), kept when none tell. Lines of a paragraph are then joined as in any format (Chinese without spaces).
* Locations are the text layer's lines, 1, 2, … over all pages.
* No text layer at all is an InputError saying so; so are a password-protected PDF and a
  broken file (a PDF encrypted with an empty user password, as "no editing" PDFs are, reads
  as any other).
  Pages without text among pages with text are named in a warning.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, replace

from corpus.document import SetAside
from corpus.errors import InputError
from corpus.lang.script import is_cjk
from corpus.read.extracted import Block, Extracted, Line

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfLine:
    """One line of a page's text layer; lengths in points, ``top`` from the page's top."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    size: float


def read_pdf(data: bytes, where: str) -> Extracted:
    return lay_out(pdfium_lines(data, where), where)


# --------------------------------------------------------------------------- pdfium


def pdfium_lines(data: bytes, where: str) -> list[list[PdfLine]]:
    """The lines of each page, by pdfium (``pypdfium2``), in its reading order."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        if raw.FPDF_GetLastError() == raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{where}: the PDF is password-protected") from None
        raise InputError(f"{where}: not a readable PDF (broken or not a PDF)") from None
    try:
        return [_page_lines(number, page) for number, page in enumerate(document)]
    except pdfium.PdfiumError as exc:
        raise InputError(f"{where}: not a readable PDF ({exc})") from None
    finally:
        document.close()


def _page_lines(number: int, page) -> list[PdfLine]:
    """The page's characters, cut into lines where pdfium puts a line break or the baseline
    moves; a line's size is its characters' most common box height."""
    import ctypes

    import pypdfium2.raw as raw

    text_page = page.get_textpage()
    height = page.get_height()
    box = raw.FS_RECTF()
    lines: list[PdfLine] = []
    chars: list[tuple[str, float, float, float, float]] = []  # char, x0, x1, top, height

    def close() -> None:
        inked = [c for c in chars if not c[0].isspace()]
        if inked:
            size = Counter(round(c[4], 1) for c in inked).most_common(1)[0][0]
            text = " ".join("".join(c[0] for c in chars).translate(_CHARACTERS).split())
            lines.append(PdfLine(number, text, min(c[1] for c in inked),
                                 max(c[2] for c in inked), min(c[3] for c in inked), size))
        chars.clear()

    line_top = None
    for index in range(text_page.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(text_page.raw, index))
        if char in "\r\n":
            close()
            line_top = None
            continue
        raw.FPDFText_GetLooseCharBox(text_page.raw, index, ctypes.byref(box))
        char_top, char_height = height - box.top, box.top - box.bottom
        if not char.isspace():
            if line_top is not None and abs(char_top - line_top) > 0.5 * char_height:
                close()  # pdfium ran two lines together
            line_top = char_top
        chars.append((char, box.left, box.right, char_top, char_height))
    close()
    text_page.close()
    page.close()
    return lines


# pdfium reads a hyphen at a line end as U+0002; ligatures are spelled out, soft hyphens go.
_CHARACTERS = str.maketrans({"\x02": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl",
                             "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
                             "\u00ad": None})


# --------------------------------------------------------------------------- layout

_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:page\s*)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[-–—\s]*$|^第\s*\d{1,4}\s*[页頁]$",
    re.I,
)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’)）」』]*$")
_CONTINUES = re.compile(r"^['\"‘“(]*[a-z]")  # a lower-case start goes on the sentence before
_HYPHENATED = re.compile(r"([A-Za-z0-9]+)-$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_LEADING_LETTERS = re.compile(r"[A-Za-z0-9]+")
_FURNITURE_LINES = 2  # at each end of a page


def lay_out(pages: list[list[PdfLine]], where: str) -> Extracted:
    """Pages of lines → blocks, with page furniture set aside (see the module docstring)."""
    if not any(pages):
        raise InputError(f"{where}: the PDF has no text layer (scanned pages?); "
                         "bitext does no OCR")
    empty = [str(number + 1) for number, lines in enumerate(pages) if not lines]
    if empty:
        logger.warning("%s: page(s) %s have no text layer; their text cannot be read",
                       where, ", ".join(empty))
    numbered = list(enumerate((line for lines in pages for line in lines), start=1))
    furniture = _furniture(pages)
    set_aside = [SetAside(n, line.text, furniture[id(line)]) for n, line in numbered
                 if id(line) in furniture]
    body = [(n, line) for n, line in numbered if id(line) not in furniture]
    hyphens = _Hyphens.of([line.text for _, line in body])
    return Extracted("pdf", _blocks(body, hyphens), tuple(set_aside), "")


def _word_counts(lines: list[str]) -> Counter[str]:
    """The document's words, less the halves of words hyphenated at a line end (they are no
    evidence of themselves)."""
    counts: Counter[str] = Counter()
    for index, text in enumerate(lines):
        found = _WORD.findall(text)
        if found and index + 1 < len(lines) and _HYPHENATED.search(text):
            found.pop()
        if found and index and _HYPHENATED.search(lines[index - 1]) and text.startswith(found[0]):
            found.pop(0)
        counts.update(word.lower() for word in found)
    return counts


def _furniture(pages: list[list[PdfLine]]) -> dict[int, str]:
    """id(line) → reason, for the running headers, footers and page numbers."""
    def key(line: PdfLine) -> tuple[str, int]:
        return _DIGITS.sub("#", " ".join(line.text.lower().split())), round(line.size)

    by_height = [sorted(lines, key=lambda line: line.top) for lines in pages]
    ends = [(lines[:_FURNITURE_LINES], lines[-_FURNITURE_LINES:]) for lines in by_height]
    pages_of: dict[tuple[str, int], set[int]] = {}
    for number, (top, bottom) in enumerate(ends):
        for line in top + bottom:
            pages_of.setdefault(key(line), set()).add(number)
    needed = max(2, math.ceil(len(pages) / 2))
    reasons: dict[int, str] = {}
    for top, bottom in ends:
        outermost = {id(line) for line in top[:1] + bottom[-1:]}
        for reason, lines in (("pdf-header", top), ("pdf-footer", bottom)):
            for line in lines:
                if id(line) in reasons:
                    continue
                if id(line) in outermost and _PAGE_NUMBER.match(line.text):
                    reasons[id(line)] = "pdf-page-number"
                elif len(pages_of[key(line)]) >= needed:
                    reasons[id(line)] = reason
    return reasons


def _blocks(body: list[tuple[int, PdfLine]], hyphens: _Hyphens) -> tuple[Block, ...]:
    if not body:
        return ()
    sizes: Counter[float] = Counter()
    for _, line in body:
        sizes[round(line.size, 1)] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    edges = _page_edges([line for _, line in body])
    blocks: list[Block] = []
    current: list[Line] = []
    previous: PdfLine | None = None
    for number, line in body:
        if previous is not None and _starts_paragraph(line, previous, edges):
            blocks.append(_block(current, previous, body_size))
            current = []
        if current:
            current[-1], line_text = hyphens.repair(current[-1], line.text)
        else:
            line_text = line.text
        if line_text:
            current.append(Line(number, line_text))
        previous = line
    if current:
        blocks.append(_block(current, previous, body_size))
    return tuple(block for block in blocks if block.lines)


@dataclass(frozen=True)
class _Edges:
    left: float
    right: float
    pitch: float


def _page_edges(lines: list[PdfLine]) -> dict[int, _Edges]:
    """Per page: the body's left edge (the most common start) and right edge (where nine
    lines in ten end; the document's when this page's lines stop well short of it, as on a
    page of headings); the line pitch is the document's most common distance between two
    lines of one size, in ems."""
    by_page: dict[int, list[PdfLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    # in ems, so that a heading's wider pitch is no gap
    steps = Counter(round((b.top - a.top) / a.size, 2) for a, b in zip(lines, lines[1:])
                    if a.page == b.page and b.top > a.top and abs(a.size - b.size) < 0.5)
    pitch = steps.most_common(1)[0][0] if steps else 1.2
    left_of = {page: Counter(round(line.x0) for line in page_lines).most_common(1)[0][0]
               for page, page_lines in by_page.items()}
    right_of = {page: _percentile([line.x1 for line in page_lines], 0.9)
                for page, page_lines in by_page.items()}
    widest = max(right_of.values())
    text_width = widest - min(left_of.values())
    return {page: _Edges(left_of[page],
                         right_of[page] if right_of[page] > widest - 0.1 * text_width else widest,
                         pitch)
            for page in by_page}


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _starts_paragraph(line: PdfLine, previous: PdfLine, edges: dict[int, _Edges]) -> bool:
    edge = edges[line.page]
    em = line.size
    if abs(line.size - previous.size) > 0.5:
        return True
    if line.page == previous.page and line.top - previous.top > 1.4 * edge.pitch * em:
        return True
    short_by = (edges[previous.page].right - previous.x1) / em
    if line.x0 > edge.left + 0.8 * em and (line.x0 > previous.x0 + 0.8 * em or short_by > 1):
        return True
    if _CONTINUES.match(line.text) or _HYPHENATED.search(previous.text):
        return False
    if _SENTENCE_END.search(previous.text):
        return short_by > 4
    # Chinese fills its lines to the last character; other text ends a paragraph without a
    # full stop (a heading, a list item) only well short of the edge.
    return short_by > (2 if is_cjk(previous.text[-1]) else 8)


def _block(lines: list[Line], last: PdfLine, body_size: float) -> Block:
    """A heading is set larger than the body and does not end a sentence (a lead paragraph
    in a larger size does, and is split into its sentences)."""
    heading = last.size > body_size + 1 and not _SENTENCE_END.search(last.text)
    return Block("heading" if heading else "paragraph", tuple(lines))


@dataclass(frozen=True)
class _Hyphens:
    """How the document's line-end hyphens are read (see the module docstring)."""

    words: Counter[str]
    keep_by_default: bool

    @classmethod
    def of(cls, lines: list[str]) -> _Hyphens:
        words = _word_counts(lines)
        votes = Counter(
            _hyphen_evidence(match.group(1), after.split(" ", 1)[0], words)
            for before, after in zip(lines, lines[1:])
            if (match := _HYPHENATED.search(before)) and after
        )
        # no evidence either way: keep, as word processors and browsers do not hyphenate
        return cls(words, votes["keep"] >= votes["join"])

    def repair(self, before: Line, text: str) -> tuple[Line, str]:
        """``before`` and the next line ``text``, the next line's first token (``tion,``
        ``ket's``) moved up to ``before`` when ``before`` ends in a hyphen."""
        match = _HYPHENATED.search(before.text)
        first, _, rest = text.partition(" ")
        if not match or not _LEADING_LETTERS.match(first):
            return before, text
        head = match.group(1)
        evidence = _hyphen_evidence(head, first, self.words)
        keep = evidence in ("always", "keep") or (evidence is None and self.keep_by_default)
        word = f"{head}-{first}" if keep else head + first
        return replace(before, text=before.text[: match.start()] + word), rest


def _hyphen_evidence(head: str, first: str, words: Counter[str]) -> str | None:
    """"always" where no typesetter hyphenates (after a single letter, a capital or a digit;
    before a capital, a digit or a compound), "join" or "keep" when the document spells the
    word so elsewhere, None when it does not tell."""
    tail_match = _LEADING_LETTERS.match(first)
    if tail_match is None:
        return None
    tail = tail_match.group(0)
    if (len(head) < 2 or head.isupper() or head[-1].isdigit() or not tail[0].islower()
            or "-" in first):
        return "always"
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if any(words[form] for form in _singular_too(joined)):
        return "join"
    if any(words[form] for form in _singular_too(hyphenated)):
        return "keep"
    return None


def _singular_too(word: str) -> tuple[str, ...]:
    return (word, word[:-1]) if word.endswith("s") else (word,)
