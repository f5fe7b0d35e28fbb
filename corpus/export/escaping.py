"""Escaping of texts in the exported formats, shared by the writers and the importer.

- TSV: ``\\``, tab, newline and carriage return in a text are written as ``\\\\``, ``\\t``,
  ``\\n``, ``\\r``; ``tsv_unescape`` undoes this (an unknown escape stays as it is).
- XML (TMX/XLIFF): text and attributes XML-escaped; characters XML 1.0 cannot hold (C0
  controls other than tab, newline, carriage return, and U+FFFE/U+FFFF) become U+FFFD. The
  importer reads XML with a parser, so it needs no XML unescaping here.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text))


def xml_attr(text: str) -> str:
    """The attribute value with its quotes."""
    return quoteattr(_XML_BAD.sub("\ufffd", text))


_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_ESCAPE = re.compile(r"[\\\t\n\r]")
_TSV_UNESCAPE = re.compile(r"\\(.)")
_TSV_UNESCAPES = {escaped[1]: char for char, escaped in _TSV_ESCAPES.items()}


def tsv_escape(text: str) -> str:
    return _TSV_ESCAPE.sub(lambda m: _TSV_ESCAPES[m.group()], text)


def tsv_unescape(text: str) -> str:
    return _TSV_UNESCAPE.sub(lambda m: _TSV_UNESCAPES.get(m.group(1), m.group()), text)
