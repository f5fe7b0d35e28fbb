"""HTML → blocks: the page's main text, by trafilatura.

* Encoding: a BOM, else the page's own ``<meta charset>`` (or ``http-equiv`` content type,
  or XML declaration) — ``gb2312`` and ``gbk`` read as their superset GB18030, ``big5`` as
  cp950 — else UTF-8, else a guess (``decode``).
* Main text: trafilatura (measured against readability-lxml and jusText on built magazine
  pages by ``eval.formats_bench``) keeps headings, paragraphs, list items and table cells
  and drops navigation, sidebars, share bars, cookie banners and footers. Its own
  extraction is trusted down to 25 characters (its default, 250, is a short Chinese news
  item, and below it trafilatura falls back to a cruder extraction that keeps navigation). Headings, list
  items and table cells come out as blocks of those kinds; a ``<br>`` breaks a line inside
  a block.
* What it dropped is reported: every text block of the page (the text of an element of a
  block-level tag outside its block-level children; scripts and styles are not text) that
  does not occur in the main text is set aside as "html-boilerplate", or as "metadata" when
  it is a date, byline or source line. A block whose text occurs anywhere in the main text
  counts as kept, so a navigation label that is also a word of the article ("News") is not
  listed. Locations are the page's source lines.
* A page with no main text is an InputError.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from corpus.document import SetAside
from corpus.errors import InputError
from corpus.read.decode import decode_bytes
from corpus.read.extracted import Block, Extracted, Line
from corpus.read.setaside import is_metadata

MIN_MAIN_TEXT = 25  # characters
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""",
    re.I,
)
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*\?>", re.I)
_WHITESPACE = re.compile(r"\s+")
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup li main nav ol p pre "
    "section summary table tbody td tfoot th thead tr ul".split()
)
_NOT_TEXT = frozenset("script style noscript template svg math head title".split())
# trafilatura's output tags
_KINDS = {"head": "heading", "item": "list-item", "cell": "table-cell"}
_OUTPUT_BLOCKS = frozenset({"head", "p", "item", "cell", "quote", "code"})


def read_html(data: bytes, where: str) -> Extracted:
    text, encoding = decode_bytes(data, where, declared=declared_charset(data))
    return read_html_text(text, encoding, where)


def declared_charset(data: bytes) -> str | None:
    """The encoding the page declares in its first 4 KiB, if any."""
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def read_html_text(text: str, encoding: str, where: str) -> Extracted:
    import lxml.html
    import trafilatura

    # lxml refuses a str that still declares a byte encoding; the text is decoded already
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        page = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(f"{where}: not a readable HTML page ({exc})") from None
    all_blocks = page_blocks(page)
    extracted = trafilatura.bare_extraction(
        text, config=_trafilatura_config(), include_tables=True, include_comments=False, include_images=False,
        include_formatting=False, include_links=False, deduplicate=False, with_metadata=False,
        as_dict=False,
    )
    body = getattr(extracted, "body", None)
    main = [] if body is None else list(_output_blocks(body))
    if not main:
        raise InputError(f"{where}: no main text found in the page")
    blocks = _located(main, all_blocks)
    main_text = "".join(_compact(line) for _, lines in main for line in lines)
    set_aside = tuple(
        SetAside(number, text, "metadata" if is_metadata(text) else "html-boilerplate")
        for number, text in all_blocks
        if _compact(text) not in main_text
    )
    return Extracted("html", blocks, set_aside, encoding)


@functools.lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # Below this many characters trafilatura distrusts its own extraction and falls back to
    # a cruder one that takes navigation along (default 250: a short Chinese news item).
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(MIN_MAIN_TEXT))
    return config


def _output_blocks(element: Any, kind: str = "paragraph"):
    """(kind, lines) of trafilatura's output tree, in order: a block inside a list item or
    a table cell takes that kind."""
    for child in element:
        tag = child.tag
        child_kind = _KINDS.get(tag, kind)
        nested = any(c.tag in _OUTPUT_BLOCKS for c in child.iter() if c is not child)
        if tag in _OUTPUT_BLOCKS and not nested:
            for lb in child.iter("lb"):
                lb.tail = "\n" + (lb.tail or "")
            lines = _lines("".join(child.itertext()))
        elif tag in _OUTPUT_BLOCKS:  # a list item holding a list: its own text, then the list
            lines = _lines((child.text or "") + "".join(c.tail or "" for c in child))
        else:
            lines = ()
        if lines:
            yield child_kind, lines
        if nested or tag not in _OUTPUT_BLOCKS:
            yield from _output_blocks(child, child_kind)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in (_WHITESPACE.sub(" ", part).strip()
                                   for part in text.split("\n")) if line)


def page_blocks(page: Any) -> list[tuple[int, str]]:
    """(source line, text) of the text blocks of a parsed page (``lxml.html``), in document
    order."""
    blocks = []
    body = page.find("body")
    for element in (body.iter() if body is not None else ()):
        if element.tag in _BLOCK_TAGS and not _inside_non_text(element):
            text = _WHITESPACE.sub(" ", _own_text(element)).strip()
            if text:
                blocks.append((element.sourceline or 1, text))
    return blocks


def _inside_non_text(element: Any) -> bool:
    return any(ancestor.tag in _NOT_TEXT for ancestor in element.iterancestors())


def _own_text(element: Any) -> str:
    """The text of ``element`` outside its block-level children (and outside scripts)."""
    parts = [element.text or ""] if isinstance(element.tag, str) else []
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _BLOCK_TAGS and tag not in _NOT_TEXT:
            parts.append(" " if tag == "br" else _own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _located(main: list[tuple[str, tuple[str, ...]]],
             page_blocks: list[tuple[int, str]]) -> tuple[Block, ...]:
    """The main text's blocks, each numbered by the source line of the page block it starts
    with (the first one from the last match on whose text is contained in it, or contains
    it); a block with no such page block takes the number before it."""
    blocks = []
    cursor = 0
    number = page_blocks[0][0] if page_blocks else 1
    compact_page = [_compact(text) for _, text in page_blocks]
    for kind, lines in main:
        text = _compact("".join(lines))
        for index in range(cursor, len(page_blocks)):
            candidate = compact_page[index]
            if candidate and (candidate in text or text in candidate):
                number, cursor = page_blocks[index][0], index + 1
                break
        blocks.append(Block(kind, tuple(Line(number, line) for line in lines)))
    return tuple(blocks)


def _compact(text: str) -> str:
    return _WHITESPACE.sub("", text)
