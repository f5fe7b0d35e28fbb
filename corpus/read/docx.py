"""DOCX → blocks, by python-docx.

* The body's paragraphs and tables in document order (content controls opened; deleted
  text is not text); a table's cells row by row, a nested table's in place. A paragraph
  styled Title, Subtitle or Heading N (or based on one, or with an outline level) is a
  heading, one with numbering or a List style a list item, one in a table a table cell. A
  line break inside a paragraph breaks a line of its block; a tab is a space.
* Left out and reported, with the reason: page headers and footers ("docx-header",
  "docx-footer"), the shown result of fields — page numbers, a table of contents, dates —
  ("docx-field"), text boxes ("docx-textbox"), footnotes and endnotes ("docx-note").
  Locations: body paragraphs are numbered 1, 2, … in document order (empty ones too), a
  field or text box takes its paragraph's number, headers, footers and notes follow the
  body's last number.
* A file that is not a Word document, or is a broken one, is an InputError; so is an OLE
  container: a legacy ``.doc``, or a password-protected ``.docx`` (Word stores those
  encrypted inside one).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from corpus.document import SetAside
from corpus.errors import InputError
from corpus.read.extracted import Block, Extracted, Line

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Not text: deleted or moved-away runs, and the fallback copy of alternate content.
_NOT_TEXT = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}rPr", f"{_W}pPr", _MC_FALLBACK})
# Text elements: w:t carries its text; the others stand for a fixed one.
_TEXT = {f"{_W}t": "", f"{_W}tab": " ", f"{_W}br": "\n", f"{_W}cr": "\n",
         f"{_W}noBreakHyphen": "-"}
_HEADING_STYLES = ("heading", "title", "subtitle")
# Fields whose shown result reads as part of its sentence; the others (PAGE, DATE, TOC, …)
# are left out.
_CONTENT_FIELDS = frozenset({"HYPERLINK", "REF", "NOTEREF", "SEQ", "QUOTE"})


@dataclass
class _Paragraph:
    """The text of one paragraph, and what it holds that is left out."""

    text: list[str] = field(default_factory=list)
    fields: list[list[str]] = field(default_factory=list)  # each field's shown result
    text_boxes: list[str] = field(default_factory=list)
    field_open: bool = False

    def add(self, piece: str, in_field: bool) -> None:
        if not in_field:
            self.text.append(piece)
            return
        if not self.field_open:  # a field begun here, or in a paragraph before
            self.fields.append([])
            self.field_open = True
        self.fields[-1].append(piece)

    def field_texts(self) -> list[str]:
        return [text for text in (" ".join(_lines(pieces)) for pieces in self.fields) if text]


@dataclass
class _Field:
    instruction: list[str] = field(default_factory=list)

    def is_content(self) -> bool:
        """Whether its result is part of the sentence (a link's text, a cross-reference)."""
        words = "".join(self.instruction).split()
        return bool(words) and words[0].upper() in _CONTENT_FIELDS


@dataclass
class _FieldState:
    """The open fields (``w:fldChar`` begin … end may span paragraphs: a table of contents)."""

    open: list[_Field] = field(default_factory=list)

    def leaves_out(self) -> bool:
        return any(not f.is_content() for f in self.open)


def read_docx(data: bytes, where: str) -> Extracted:
    if data.startswith(OLE_MAGIC):
        raise InputError(f"{where} is a legacy Word .doc or a password-protected Word file; "
                         "save it as an unprotected .docx")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 — zip, XML and package errors all mean "broken"
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{where}: not a readable Word .docx document ({reason})") from None
    try:
        return _extracted(document)
    except (KeyError, ValueError, AttributeError, TypeError) as exc:  # a part that is broken
        raise InputError(f"{where}: not a readable Word .docx document "
                         f"({type(exc).__name__}: {exc})") from None


def _extracted(document: Any) -> Extracted:
    styles = _style_kinds(document)
    blocks: list[Block] = []
    set_aside: list[SetAside] = []
    fields = _FieldState()
    number = 0
    for element, in_table in _body_paragraphs(document.element.body, False):
        number += 1
        paragraph = _Paragraph()
        _collect(element, paragraph, fields)
        for text in paragraph.field_texts():
            set_aside.append(SetAside(number, text, "docx-field"))
        for text in paragraph.text_boxes:
            set_aside.append(SetAside(number, text, "docx-textbox"))
        lines = tuple(Line(number, line) for line in _lines(paragraph.text))
        if lines:
            kind = "table-cell" if in_table else _paragraph_kind(element, styles)
            blocks.append(Block(kind, lines))
    for reason, text in _page_furniture(document):
        number += 1
        set_aside.append(SetAside(number, text, reason))
    return Extracted("docx", tuple(blocks), tuple(set_aside), "")


def _body_paragraphs(container: Any, in_table: bool) -> Iterator[tuple[Any, bool]]:
    """``(w:p, in_table)`` in document order, tables and content controls opened."""
    for child in container:
        tag = child.tag
        if tag == f"{_W}p":
            yield child, in_table
        elif tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                for cell in row.iterchildren(f"{_W}tc"):
                    yield from _body_paragraphs(cell, True)
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
            yield from _body_paragraphs(child, in_table)


def _collect(element: Any, paragraph: _Paragraph, fields: _FieldState) -> None:
    """Walk a paragraph's runs in order: text, a left-out field's shown result, and a text
    box's paragraphs each to their list of ``paragraph``."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _NOT_TEXT:
            continue
        if tag in _TEXT:
            paragraph.add(_TEXT[tag] or child.text or "", fields.leaves_out())
        elif tag == f"{_W}instrText" and fields.open:
            fields.open[-1].instruction.append(child.text or "")
        elif tag == f"{_W}fldChar":
            kind = child.get(f"{_W}fldCharType")
            if kind == "begin":
                fields.open.append(_Field())
            elif kind == "end" and fields.open:
                fields.open.pop()
                paragraph.field_open = paragraph.field_open and fields.leaves_out()
        elif tag == f"{_W}fldSimple":
            fields.open.append(_Field([child.get(f"{_W}instr") or ""]))
            _collect(child, paragraph, fields)
            fields.open.pop()
            paragraph.field_open = paragraph.field_open and fields.leaves_out()
        elif tag == f"{_W}txbxContent":
            for box in child.iter(f"{_W}p"):
                inner = _Paragraph()
                _collect(box, inner, _FieldState())
                paragraph.text_boxes.extend(_lines(inner.text))
        else:
            _collect(child, paragraph, fields)


def _lines(pieces: list[str]) -> list[str]:
    return [line.strip() for line in "".join(pieces).split("\n") if line.strip()]


def _style_kinds(document: Any) -> dict[str, str]:
    """Paragraph style id → block kind, for the styles that are not plain paragraphs."""
    kinds = {}
    for style in document.styles:
        names = []
        base = style
        while base is not None:
            names.append((base.name or "").lower())
            base = getattr(base, "base_style", None)
        if any(name.startswith(_HEADING_STYLES) for name in names):
            kinds[style.style_id] = "heading"
        elif any(name.startswith("list") for name in names):
            kinds[style.style_id] = "list-item"
    return kinds


def _paragraph_kind(element: Any, styles: dict[str, str]) -> str:
    properties = element.find(f"{_W}pPr")
    if properties is None:
        return "paragraph"
    if properties.find(f"{_W}outlineLvl") is not None:
        return "heading"
    style = properties.find(f"{_W}pStyle")
    kind = styles.get(style.get(f"{_W}val")) if style is not None else None
    if kind:
        return kind
    return "list-item" if properties.find(f"{_W}numPr") is not None else "paragraph"


def _page_furniture(document: Any) -> Iterator[tuple[str, str]]:
    """(reason, text) of every header and footer, then of every footnote and endnote."""
    from docx.oxml import parse_xml

    for section in document.sections:
        for reason, parts in (
            ("docx-header", (section.header, section.first_page_header, section.even_page_header)),
            ("docx-footer", (section.footer, section.first_page_footer, section.even_page_footer)),
        ):
            for part in parts:
                if part.is_linked_to_previous:
                    continue
                for element, _ in _body_paragraphs(part._element, False):
                    paragraph = _Paragraph()
                    _collect(element, paragraph, _FieldState())
                    text = " ".join(_lines(paragraph.text) + paragraph.field_texts())
                    if text:
                        yield reason, text
    for part in document.part.package.iter_parts():
        if str(part.partname) in ("/word/footnotes.xml", "/word/endnotes.xml"):
            notes = parse_xml(part.blob)
            for note in notes:
                if note.get(f"{_W}type") in (None, "normal"):
                    paragraph = _Paragraph()
                    _collect(note, paragraph, _FieldState())
                    text = " ".join(_lines(paragraph.text))
                    if text:
                        yield "docx-note", text
