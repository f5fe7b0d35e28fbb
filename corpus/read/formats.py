"""Which reader a file goes to: by its content first, then by its file name's extension.

Content: ``%PDF-`` in the first kilobyte → PDF; a ZIP archive holding ``word/document.xml``
→ DOCX; text that opens with ``<!doctype html`` or ``<html`` → HTML. Otherwise the extension:
``.pdf``, ``.docx``, ``.html``/``.htm``/``.xhtml``, ``.md``/``.markdown``; anything else is
plain text. ``input_format`` other than "auto" overrides both. An OLE container (a legacy
``.doc``, or a password-protected ``.docx``) goes to the DOCX reader, which says what it
is; a ZIP archive that is not a Word file is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from corpus.errors import InputError, UnknownChoiceError
from corpus.read.decode import decode_bytes
from corpus.read.docx import OLE_MAGIC, read_docx
from corpus.read.extracted import Extracted
from corpus.read.html import read_html, read_html_text
from corpus.read.pdf import read_pdf
from corpus.read.text import read_plain

INPUT_FORMATS = ("auto", "text", "markdown", "html", "docx", "pdf")
DEFAULT_INPUT_FORMAT = "auto"
# Formats whose input is text: the ones a string in memory can be read as.
TEXT_FORMATS = ("auto", "text", "markdown", "html")

_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
             ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
_HTML_START = re.compile(
    r"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def check_input_format(name: str, choices: tuple[str, ...] = INPUT_FORMATS) -> None:
    if name not in choices:
        raise UnknownChoiceError("input format", name, choices)


def detect_format(data: bytes, suffix: str, where: str) -> str:
    """The format of a file's bytes (see the module docstring); ``where`` names it."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(OLE_MAGIC):
        return "docx"  # the DOCX reader says what it is
    if data.startswith(b"PK\x03\x04"):
        if "word/document.xml" in _zip_names(data) or suffix.lower() == ".docx":
            return "docx"  # a broken .docx is the DOCX reader's to explain
        raise InputError(f"{where} is a ZIP archive, not a Word .docx document")
    if looks_like_html(data[:4096].decode("utf-8", errors="replace")):
        return "html"
    return _SUFFIXES.get(suffix.lower(), "text")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text))


def extract(data: bytes, input_format: str, where: str) -> Extracted:
    """``data`` read by the reader of ``input_format`` (not "auto")."""
    return _BYTE_READERS[input_format](data, where)


def extract_text(text: str, input_format: str, encoding: str, where: str) -> Extracted:
    """A string read as ``input_format`` (one of ``TEXT_FORMATS``; "auto": HTML when it
    opens as a page, plain text otherwise)."""
    check_input_format(input_format, TEXT_FORMATS)
    if input_format == "auto":
        input_format = "html" if looks_like_html(text) else "text"
    if input_format == "html":
        return read_html_text(text, encoding, where)
    return read_plain(text, encoding, markdown=input_format == "markdown")


def _zip_names(data: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return set()


def _read_text_file(markdown: bool) -> Callable[[bytes, str], Extracted]:
    def read(data: bytes, where: str) -> Extracted:
        return read_plain(*decode_bytes(data, where), markdown=markdown)

    return read


_BYTE_READERS: dict[str, Callable[[bytes, str], Extracted]] = {
    "text": _read_text_file(markdown=False),
    "markdown": _read_text_file(markdown=True),
    "html": read_html,
    "docx": read_docx,
    "pdf": read_pdf,
}
