"""What a format reader hands on: the file's text as blocks, and what the format set aside.

Every reader (``text``, ``html``, ``docx``, ``pdf``) turns its input into one ``Extracted``;
``side.build_side`` turns that into a ``Side`` the same way for all (set-aside rules,
sentence splitting, paragraph indices). A new input format is one more module that returns
an ``Extracted``.

Locations (``Line.number``, ``SetAside.line_no``) are 1-based: the line of the file for text
and Markdown; for HTML and DOCX the place of the block in document order (page furniture such
as DOCX headers after the body); for PDF the line of the text layer, pages in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.document import SetAside

# heading: a title, never split into sentences; list-item, table-cell: a paragraph each.
BLOCK_KINDS = ("heading", "paragraph", "list-item", "table-cell")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph (or heading, list item, table cell) as its lines: a paragraph wrapped
    in the file has several, joined as its language joins lines."""

    kind: str
    lines: tuple[Line, ...]

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"block kind {self.kind!r} is not one of {', '.join(BLOCK_KINDS)}")


@dataclass(frozen=True)
class Extracted:
    format: str  # one of formats.INPUT_FORMATS but "auto"
    blocks: tuple[Block, ...]
    set_aside: tuple[SetAside, ...] = ()  # what the format itself left out (page headers, …)
    encoding: str = ""  # the text encoding; "" for formats that are not a byte encoding

    @property
    def text(self) -> str:
        """All the blocks' text, a line each (what language detection reads)."""
        return "\n".join(line.text for block in self.blocks for line in block.lines)
