"""Builders of small input files for the reader tests: every test makes its own file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def pdf_bytes(pages: list[list[tuple[float, str]]], *, font_size: float = 11,
              header: str = "", footer: str = "", cjk: bool = False,
              sizes: dict[int, float] | None = None) -> bytes:
    """A PDF with a text layer: each page a list of lines (left indent in mm, text) set 6 mm
    apart from the top margin; ``header`` on top of every page, ``footer`` at the foot
    ("{n}" is the page number); ``sizes``: line index → font size (a heading)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    family = "helvetica"
    if cjk:
        if not CJK_FONT.is_file():
            pytest.skip(f"no CJK font at {CJK_FONT} (apt-get install fonts-wqy-zenhei)")
        pdf.add_font("cjk", fname=str(CJK_FONT))
        family = "cjk"
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_font(family, size=8)
            pdf.text(90, 12, header)
        y = 30.0
        for index, (indent, text) in enumerate(lines):
            size = (sizes or {}).get(index, font_size)
            pdf.set_font(family, size=size)
            pdf.text(25 + indent, y, text)
            y += 6 * size / font_size
        if footer:
            pdf.set_font(family, size=8)
            pdf.text(100, 285, footer.format(n=number))
    return bytes(pdf.output())


def docx_document():
    import docx

    return docx.Document()


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (``w:fldChar`` begin/instr/separate/result/end) at the paragraph's end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instrText", instruction), ("separate", None),
                       ("t", shown), ("end", None)):
        if kind in ("instrText", "t"):
            element = OxmlElement(f"w:{kind}")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
