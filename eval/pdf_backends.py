"""The PDF libraries the reader was chosen among, each giving ``corpus.read.pdf.PdfLine``s.

The reader uses pdfium (``pypdfium2``); ``eval.formats_bench --pdf-backends`` runs the same
layout step (``corpus.read.pdf.lay_out``) on the lines of each of these and scores the
alignments:

* pypdf (pure Python): its text visitor tells where each piece of text starts, in the
  piece's font size, but not where it ends, so a line's end is estimated from its
  characters (a Han character, a full-width form — and in a line with Chinese, a quotation
  mark or dash — an em, other letters about half);
* pdfplumber (pdfminer.six): every character's box, lines by ``extract_text_lines``.
"""

from __future__ import annotations

import io
import math

from corpus.lang.script import is_cjk
from corpus.read.pdf import PdfLine


def pypdf_lines(data: bytes, where: str) -> list[list[PdfLine]]:
    import pypdf

    return [_pypdf_page(number, page)
            for number, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages)]


def _pypdf_page(number: int, page) -> list[PdfLine]:
    height, bottom = float(page.mediabox.height), float(page.mediabox.bottom)
    pieces: list[tuple[float, float, float, str]] = []  # top, x, size, text

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        text = text.replace("\n", "")
        if text:
            _, _, c, d, e, f = _multiply(tm, cm)
            pieces.append((height - (f - bottom), e, size * (math.hypot(c, d) or 1.0), text))

    page.extract_text(visitor_text=visit)
    pieces.sort(key=lambda piece: (round(piece[0], 1), piece[1]))
    lines: list[PdfLine] = []
    group: list[tuple[float, float, float, str]] = []
    for piece in pieces:
        if group and abs(piece[0] - group[0][0]) > 0.5 * max(group[0][2], piece[2]):
            lines.append(_pypdf_line(number, group))
            group = []
        group.append(piece)
    if group:
        lines.append(_pypdf_line(number, group))
    return [line for line in lines if line.text]


def _pypdf_line(page: int, group: list[tuple[float, float, float, str]]) -> PdfLine:
    group = sorted(group, key=lambda piece: piece[1])
    x0 = group[0][1]
    size = max(group, key=lambda piece: len(piece[3].strip()))[2]
    text = " ".join("".join(piece[3] for piece in group).split())
    return PdfLine(page, text, x0, x0 + _estimated_width(text, size), group[0][0], size)


def _multiply(m: list[float], n: list[float]) -> tuple[float, ...]:
    return (
        m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _estimated_width(text: str, size: float) -> float:
    wide = any(is_cjk(char) for char in text)
    ems = 0.0
    for char in text:
        if is_cjk(char) or (wide and "\u2010" <= char <= "\u206f"):
            ems += 1.0
        elif char == " ":
            ems += 0.25
        elif char.isupper() or char.isdigit():
            ems += 0.62
        elif char.isalpha():
            ems += 0.48
        else:
            ems += 0.3
    return ems * size


def pdfplumber_lines(data: bytes, where: str) -> list[list[PdfLine]]:
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            out.append([
                PdfLine(number, line["text"], line["x0"], line["x1"], line["top"],
                        max(char["size"] for char in line["chars"]))
                for line in page.extract_text_lines() if line["text"].strip()
            ])
    return out
