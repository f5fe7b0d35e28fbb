"""Plain text and Markdown → blocks.

* Paragraphs are separated by blank lines. A file without any blank line between its lines
  has one paragraph a line (white papers and novels often come that way).
* Markdown: heading markers, list bullets, block quotes, emphasis, inline code marks and
  link/image syntax are removed, the text kept; a heading is a block of its own, a list item
  starts one; code fences and horizontal rules are set aside as "markup".
"""

from __future__ import annotations

import re

from corpus.document import SetAside
from corpus.read.extracted import Block, Extracted, Line
from corpus.split import clean_sentence

_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LIST_ITEM = re.compile(r"^\s{0,3}(?:>\s?)*(?:[-*+]|\d{1,3}[.)])\s+")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)+")
_MD_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_MD_IMAGE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(\S(?:.*?\S)?)\1(?!\w)")
_MD_CODE = re.compile(r"`([^`]*)`")


def read_plain(text: str, encoding: str, *, markdown: bool = False) -> Extracted:
    lines = text.splitlines()
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    # Blank lines between the first and last non-empty line separate paragraphs; without
    # any, every line is its own paragraph.
    one_per_line = bool(nonblank) and nonblank[-1] - nonblank[0] + 1 == len(nonblank)
    blocks: list[Block] = []
    set_aside: list[SetAside] = []
    current: list[Line] = []
    kind = "paragraph"

    def close() -> None:
        nonlocal current, kind
        if current:
            blocks.append(Block(kind, tuple(current)))
        current, kind = [], "paragraph"

    in_fence = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if markdown and _MD_FENCE.match(raw):
            in_fence = not in_fence
            set_aside.append(SetAside(number, line, "markup"))
            continue
        if markdown and in_fence:
            if line:
                set_aside.append(SetAside(number, line, "markup"))
            continue
        if not line:
            close()
            continue
        if markdown:
            if _MD_RULE.match(raw):
                set_aside.append(SetAside(number, line, "markup"))
                continue
            line = clean_sentence(_strip_markdown(line))
            if not line:
                set_aside.append(SetAside(number, raw.strip(), "markup"))
                continue
        if markdown and _MD_PREFIX.match(raw):
            close()
            kind = _markdown_kind(raw)
        elif one_per_line:
            close()
        current.append(Line(number, line))
        if kind == "heading":
            close()
    close()
    return Extracted("markdown" if markdown else "text", tuple(blocks), tuple(set_aside),
                     encoding)


def _markdown_kind(raw: str) -> str:
    if _MD_HEADING.match(raw):
        return "heading"
    return "list-item" if _MD_LIST_ITEM.match(raw) else "paragraph"


def _strip_markdown(line: str) -> str:
    line = _MD_PREFIX.sub("", line)
    line = _MD_CLOSING_HASHES.sub("", line)
    line = _MD_IMAGE_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line
