"""Which reader a file goes to: content first, then extension, or as told."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import InputError, UnknownChoiceError
from corpus.read import read_side
from corpus.read.formats import detect_format
from tests.corpus.read.files import docx_bytes, docx_document, pdf_bytes, write

PAGE = ("<!DOCTYPE html><html><body><article><h1>The Library</h1><p>The library opened on "
        "Monday, and hundreds of readers came to see the new building.</p></article>"
        "</body></html>")


def docx_file() -> bytes:
    document = docx_document()
    document.add_paragraph("A short note.")
    return docx_bytes(document)


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (b"%PDF-1.7\n", ".txt", "pdf"),  # content wins over the extension
        (b"\xef\xbb\xbf<!-- saved -->\n<!doctype HTML><html>", ".txt", "html"),
        (b"<html lang='en'><body>", "", "html"),
        (b"<p>a fragment</p>", ".htm", "html"),  # no telling content: the extension
        (b"# Title\n", ".md", "markdown"),
        (b"# Title\n", ".MARKDOWN", "markdown"),
        (b"A line about <html> tags.\n", ".txt", "text"),
        (b"plain\n", "", "text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".doc", "docx"),  # the DOCX reader explains
    ],
)
def test_detect_format(data: bytes, suffix: str, expected: str) -> None:
    assert detect_format(data, suffix, "f") == expected


def test_docx_by_content_whatever_the_name(tmp_path: Path) -> None:
    assert detect_format(docx_file(), ".bin", "f") == "docx"
    side = read_side(write(tmp_path, "note.bin", docx_file()))
    assert side.format == "docx" and side.sentences == ("A short note.",)


def test_input_format_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE)
    assert read_side(path).format == "html"
    as_text = read_side(path, input_format="text")
    assert as_text.format == "text" and as_text.sentences[0].startswith("<!DOCTYPE html>")


def test_unknown_input_format_lists_the_valid_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Some text.\n")
    with pytest.raises(UnknownChoiceError, match=r"unknown input format 'rtf'; valid choices: "
                       r"auto, docx, html, markdown, pdf, text"):
        read_side(path, input_format="rtf")


def test_a_forced_format_that_does_not_fit_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"a\.txt: not a readable PDF"):
        read_side(write(tmp_path, "a.txt", "Some text.\n"), input_format="pdf")
    with pytest.raises(InputError, match=r"r\.pdf is a binary file"):
        read_side(write(tmp_path, "r.pdf", pdf_bytes([[(0, "Text.")]])), input_format="text")
