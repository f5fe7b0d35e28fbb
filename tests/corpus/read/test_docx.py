"""DOCX: body paragraphs and table cells in order; headers, footers, fields left out and
reported; broken and protected files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.read import read_side
from tests.corpus.read.files import add_field, docx_bytes, docx_document, write

pytest.importorskip("docx", reason="python-docx builds the test files")


def test_body_tables_headers_footers_and_fields(tmp_path: Path) -> None:
    document = docx_document()
    document.add_heading("Part 1. The Harbour", level=1)
    document.add_paragraph("The harbour was built in 1890. It is still in use.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ships"
    table.cell(0, 1).text = "Forty a day."
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Most of them carry grain."
    document.add_paragraph("The port is busy in winter.", style="List Bullet")
    printed = document.add_paragraph("Printed on ")
    add_field(printed, " DATE \\@ \"d MMMM yyyy\" ", "4 November 2021")
    linked = document.add_paragraph("Read the ")
    add_field(linked, ' HYPERLINK "https://example.org" ', "harbour guide")
    linked.add_run(" before a visit.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "City Harbour Report"
    add_field(section.footer.paragraphs[0], " PAGE ", "1")
    side = read_side(write(tmp_path, "harbour.docx", docx_bytes(document)))
    assert side.format == "docx" and side.lang == "en" and side.encoding == ""
    assert side.sentences == (
        "Part 1. The Harbour",  # a heading is not split
        "The harbour was built in 1890.",
        "It is still in use.",
        "Ships",
        "Forty a day.",
        "Most of them carry grain.",  # a merged cell once
        "The port is busy in winter.",
        "Printed on",
        "Read the harbour guide before a visit.",  # a link's text is part of its sentence
    )
    assert side.paragraphs == (0, 1, 1, 2, 3, 4, 5, 6, 7)
    assert [(item.text, item.reason) for item in side.set_aside] == [
        ("4 November 2021", "docx-field"),
        ("City Harbour Report", "docx-header"),
        ("1", "docx-footer"),
    ]


def test_chinese_docx(tmp_path: Path) -> None:
    document = docx_document()
    document.add_paragraph("港口建于1890年。至今仍在使用。")
    line_broken = document.add_paragraph("第一行")
    line_broken.add_run().add_break()
    line_broken.add_run("接着第二行。")
    side = read_side(write(tmp_path, "harbour.zh.docx", docx_bytes(document)))
    assert side.lang == "zh"
    assert side.sentences == ("港口建于1890年。", "至今仍在使用。", "第一行接着第二行。")


def test_a_zip_without_a_document_is_not_a_word_file(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match=r"notes\.docx: not a readable Word \.docx document"):
        read_side(write(tmp_path, "notes.docx", buffer.getvalue()))
    with pytest.raises(InputError, match=r"notes\.zip is a ZIP archive, not a Word"):
        read_side(write(tmp_path, "notes.zip", buffer.getvalue()))


def test_truncated_docx_is_an_error(tmp_path: Path) -> None:
    data = docx_bytes(docx_document())
    with pytest.raises(InputError, match=r"cut\.docx: not a readable Word \.docx document"):
        read_side(write(tmp_path, "cut.docx", data[: len(data) // 2]))


def test_protected_or_legacy_word_file_is_an_error(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(InputError, match="legacy Word .doc or a password-protected"):
        read_side(write(tmp_path, "secret.docx", ole))
