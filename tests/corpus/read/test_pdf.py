"""PDF: page furniture set aside, hyphens repaired, lines rejoined into paragraphs, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.read import read_side
from tests.corpus.read.files import pdf_bytes, write

pytest.importorskip("fpdf", reason="the PDF tests build their PDFs with fpdf2")

BODY = [
    [(8, "The committee met in Geneva on Monday to discuss the new rules for"),
     (0, "shipping. Delegates from forty countries attended the meeting."),
     (8, "The chair opened the session with a short speech about trade and the"),
     (0, "environment, and then gave the floor to the delegates.")],
    [(8, "Several delegates asked for more time to study the proposal before"),
     (0, "the vote. The chair agreed to a second meeting in March.")],
    [(8, "The final text was adopted at the end of the second meeting without"),
     (0, "a vote.")],
]


def test_running_header_page_numbers_and_paragraphs(tmp_path: Path) -> None:
    data = pdf_bytes(BODY, header="Annual Report of the Committee", footer="{n}")
    side = read_side(write(tmp_path, "report.pdf", data))
    assert side.format == "pdf" and side.lang == "en"
    assert side.sentences == (
        "The committee met in Geneva on Monday to discuss the new rules for shipping.",
        "Delegates from forty countries attended the meeting.",
        "The chair opened the session with a short speech about trade and the environment, "
        "and then gave the floor to the delegates.",
        "Several delegates asked for more time to study the proposal before the vote.",
        "The chair agreed to a second meeting in March.",
        "The final text was adopted at the end of the second meeting without a vote.",
    )
    assert side.paragraphs == (0, 0, 1, 2, 2, 3)  # first-line indents; across pages too
    reasons = [(item.text, item.reason) for item in side.set_aside]
    assert reasons == [
        ("Annual Report of the Committee", "pdf-header"), ("1", "pdf-page-number"),
        ("Annual Report of the Committee", "pdf-header"), ("2", "pdf-page-number"),
        ("Annual Report of the Committee", "pdf-header"), ("3", "pdf-page-number"),
    ]
    # locations are the text layer's lines, pages in order
    assert [item.line_no for item in side.set_aside] == [1, 6, 7, 10, 11, 14]


def test_a_line_repeated_on_one_page_only_stays(tmp_path: Path) -> None:
    pages = [[(0, "Summary of the Report."), (0, "The report was written in May.")],
             [(0, "The data come from the survey."), (0, "It covered ten cities.")]]
    side = read_side(write(tmp_path, "r.pdf", pdf_bytes(pages)))
    assert side.set_aside == ()
    assert side.sentences[0] == "Summary of the Report."


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the joined word occurs elsewhere: a hyphenation, joined
        ([(0, "Good machine transla-"), (0, "tion is hard, and every translation takes time.")],
         "Good machine translation is hard, and every translation takes time."),
        # the hyphenated word occurs elsewhere: a real hyphen, kept
        ([(0, "It is a well-"), (0, "known fact that the well-known problem remains.")],
         "It is a well-known fact that the well-known problem remains."),
        # before a capital, a digit or a compound: kept, whatever the document says
        ([(0, "The plan runs over the years 2021-"), (0, "2025 in the Asia-"),
          (0, "Pacific region for eighty-"), (0, "year-old people.")],
         "The plan runs over the years 2021-2025 in the Asia-Pacific region for "
         "eighty-year-old people."),
    ],
)
def test_hyphens_at_line_ends(tmp_path: Path, lines: list, expected: str) -> None:
    side = read_side(write(tmp_path, "h.pdf", pdf_bytes([lines])))
    assert side.sentences == (expected,)


def test_heading_by_its_size_and_short_lines_end_paragraphs(tmp_path: Path) -> None:
    pages = [[(0, "Chapter One"), (0, "Contents"), (0, "The river rose in the night and the"),
              (0, "village woke to the sound of water.")]]
    side = read_side(write(tmp_path, "c.pdf", pdf_bytes(pages, sizes={0: 18})))
    assert side.sentences == ("Chapter One", "Contents",
                              "The river rose in the night and the village woke to the sound "
                              "of water.")
    assert side.paragraphs == (0, 1, 2)


def test_chinese_lines_join_without_spaces(tmp_path: Path) -> None:
    pages = [[(8, "第一段的第一行还没有写完，所以第二行"), (0, "接着写：“这一句也在这里。”"),
              (8, "第二段只有一行。")]]
    side = read_side(write(tmp_path, "zh.pdf", pdf_bytes(pages, cjk=True)))
    assert side.lang == "zh"
    assert side.sentences == ("第一段的第一行还没有写完，所以第二行接着写：“这一句也在这里。”",
                              "第二段只有一行。")
    assert side.paragraphs == (0, 1)


def test_no_text_layer_is_an_error_saying_so(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 100, 100)  # a scan is an image: no text either
    path = write(tmp_path, "scan.pdf", bytes(pdf.output()))
    with pytest.raises(InputError, match=r"scan\.pdf: the PDF has no text layer .*no OCR"):
        read_side(path)


def test_password_protected_pdf_is_an_error_and_an_empty_password_is_not(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    def encrypted(user_password: str) -> bytes:
        pdf = FPDF()
        pdf.set_encryption(owner_password="owner", user_password=user_password,
                           encryption_method=EncryptionMethod.RC4)
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.text(20, 20, "Only the owner may edit this text.")
        return bytes(pdf.output())

    with pytest.raises(InputError, match=r"locked\.pdf: the PDF is password-protected"):
        read_side(write(tmp_path, "locked.pdf", encrypted("secret")))
    side = read_side(write(tmp_path, "no-edit.pdf", encrypted("")))
    assert side.sentences == ("Only the owner may edit this text.",)


def test_broken_pdf_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"bad\.pdf: not a readable PDF"):
        read_side(write(tmp_path, "bad.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"))
