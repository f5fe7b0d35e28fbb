"""``bitext align`` and ``bitext split`` on HTML, DOCX and PDF, and their bad-input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.api import align_files
from scripts.cli import main
from tests.corpus.read.files import docx_bytes, docx_document, pdf_bytes, write

ZH_PAGE = """<!DOCTYPE html><html><head><meta charset="gb2312"></head><body>
<nav><a href="/">首页</a> <a href="/n">新闻</a></nav>
<article><h1>新图书馆开馆</h1><p>市图书馆周一开放了新馆。数百名读者在门外排队。</p>
<p>馆长感谢了建筑师。她剪了彩。</p></article><footer>版权所有</footer></body></html>"""
EN_PARAGRAPHS = ["The New Library Opens",
                 "The city library opened its new building on Monday. Hundreds of readers "
                 "queued at the door.",
                 "The director thanked the architects. She cut the ribbon."]


def en_docx() -> bytes:
    document = docx_document()
    document.add_heading(EN_PARAGRAPHS[0], level=1)
    for paragraph in EN_PARAGRAPHS[1:]:
        document.add_paragraph(paragraph)
    document.sections[0].header.paragraphs[0].text = "City Magazine"
    return docx_bytes(document)


def test_align_an_html_page_with_a_word_file(tmp_path: Path) -> None:
    zh = write(tmp_path, "library.zh.html", ZH_PAGE.encode("gb18030"))
    en = write(tmp_path, "library.en.docx", en_docx())
    out = tmp_path / "out"
    assert main(["align", str(zh), str(en), "-o", str(out), "--encoder", "lexical"]) == 0
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert (meta["src"]["format"], meta["tgt"]["format"]) == ("html", "docx")
    assert meta["src"]["encoding"] == "gb18030"
    assert {"首页 新闻", "版权所有"} <= {item["text"] for item in meta["src"]["set_aside"]}
    assert [item["reason"] for item in meta["tgt"]["set_aside"]] == ["docx-header"]
    assert (out / "src.sents").read_text(encoding="utf-8").splitlines()[0] == "新图书馆开馆"
    assert meta["summary"]["kinds"] == {"1-1": 5}


def test_align_files_takes_an_input_format(tmp_path: Path) -> None:
    zh = write(tmp_path, "a.zh.txt", "图书馆开放了。\n")
    en = write(tmp_path, "a.en.txt", "# The library opened.\n")
    doc = align_files(zh, en, input_format="markdown", encoder="lexical")
    assert doc.tgt.sentences == ("The library opened.",) and doc.tgt.format == "markdown"


def test_split_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = write(tmp_path, "note.pdf", pdf_bytes([[(0, "The note is short. It has two sentences.")]],
                                                footer="Page {n}"))
    assert main(["split", str(pdf)]) == 0
    assert capsys.readouterr().out == "The note is short.\nIt has two sentences.\n"


@pytest.mark.parametrize(
    ("name", "data", "options", "message"),
    [
        ("scan.pdf", "no-text", [], "scan.pdf: the PDF has no text layer (scanned pages?); "
                                    "bitext does no OCR"),
        ("broken.docx", b"PK\x03\x04 not really a zip", [], "broken.docx: not a readable Word"),
        ("empty.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", [],
         "empty.html: no main text found in the page"),
        ("a.txt", b"Some text.\n", ["--input-format", "rtf"],
         "unknown input format 'rtf'; valid choices: auto, docx, html, markdown, pdf, text"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | str,
    options: list[str], message: str,
) -> None:
    if data == "no-text":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_page()
        pdf.rect(10, 10, 50, 50)
        data = bytes(pdf.output())
    path = write(tmp_path, name, data)
    assert main(["split", str(path), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith("bitext: error: ") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
