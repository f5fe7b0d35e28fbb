"""HTML: the main text of a page, what was dropped reported, encodings, pages with no text."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.errors import InputError
from corpus.read import read_side, read_text
from corpus.read.html import declared_charset
from tests.corpus.read.files import write

ARTICLE = """
<h1>The New Library Opens</h1>
<p class="byline">By Jane Smith</p>
<p><time datetime="2021-11-04">2021-11-04</time></p>
<div class="share">Share this story: <a href="#f">Facebook</a> <a href="#t">Twitter</a></div>
<p>The city library opened its new building on Monday. Hundreds of readers queued at the
door before it opened.</p>
<h2>A long wait</h2>
<p>The director thanked the architects,<br>and then she cut the ribbon.</p>
<ul><li>The reading room has four hundred seats.</li><li>The café opens at nine.</li></ul>
<p>The old building will become a museum of the city's history next year.</p>
<p>Source / City Daily</p>
"""


def magazine_page(article: str, charset: str = "utf-8", lang: str = "en") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>Library | City Magazine</title>
<script>var tracking = "do not read this";</script></head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/culture">Culture</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience on our website.</div>
<main><article>{article}</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Ten bookshops worth a visit this winter</a></li>
<li><a href="/b">The mayor opens a bridge across the river</a></li></ul></aside></main>
<footer><p>© 2021 City Magazine. All rights reserved.</p><p><a href="/p">Privacy policy</a></p>
</footer></body></html>
"""


def test_magazine_page_keeps_the_article_and_reports_the_rest(tmp_path: Path) -> None:
    side = read_side(write(tmp_path, "page.html", magazine_page(ARTICLE)))
    assert side.format == "html" and side.lang == "en" and side.encoding == "utf-8"
    assert side.sentences == (
        "The New Library Opens",
        "The city library opened its new building on Monday.",
        "Hundreds of readers queued at the door before it opened.",
        "A long wait",
        "The director thanked the architects, and then she cut the ribbon.",
        "The reading room has four hundred seats.",
        "The café opens at nine.",
        "The old building will become a museum of the city's history next year.",
    )
    # heading, paragraph, heading, paragraph, two list items, paragraph
    assert side.paragraphs == (0, 1, 1, 2, 3, 4, 5, 6)
    left_out = {(item.text, item.reason) for item in side.set_aside}
    for text in ("Home", "News", "Culture", "Related stories",
                 "We use cookies to improve your experience on our website.",
                 "Ten bookshops worth a visit this winter",
                 "© 2021 City Magazine. All rights reserved.", "Privacy policy"):
        assert (text, "html-boilerplate") in left_out
    for text in ("By Jane Smith", "2021-11-04", "Source / City Daily"):
        assert (text, "metadata") in left_out
    assert not any("tracking" in text for text, _ in left_out)  # scripts are not text
    lines = [item.line_no for item in side.set_aside]
    assert lines == sorted(lines) and lines[0] > 1  # page source lines, in order


def test_gb2312_page_is_read_as_gb18030(tmp_path: Path) -> None:
    article = "<h1>新图书馆开馆</h1><p>市图书馆周一开放了新馆。数百名读者在门外排队。</p>"
    # 镕 is outside GB2312: pages labelled gb2312 are routinely GBK or GB18030
    article += "<p>朱镕基曾到访这里。</p>"
    page = magazine_page(article, charset="gb2312", lang="zh").encode("gb18030")
    assert declared_charset(page) == "gb2312"
    side = read_side(write(tmp_path, "page.htm", page))
    assert side.lang == "zh" and side.encoding == "gb18030"
    assert side.sentences == ("新图书馆开馆", "市图书馆周一开放了新馆。", "数百名读者在门外排队。",
                              "朱镕基曾到访这里。")


def test_a_page_with_no_main_text_is_an_error(tmp_path: Path) -> None:
    page = "<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(InputError, match=r"empty\.html: no main text found in the page"):
        read_side(write(tmp_path, "empty.html", page))


def test_html_in_memory_is_read_as_a_page() -> None:
    side = read_text(magazine_page(ARTICLE), lang="en")
    assert side.format == "html"
    assert side.sentences[0] == "The New Library Opens"
    assert read_text("<p>Not a page, a line of text.</p>", lang="en").format == "text"


def test_table_cells_are_paragraphs(tmp_path: Path) -> None:
    article = ("<h1>Results</h1><p>The survey covered three cities in the north of the "
               "country last spring.</p><table><tr><td>Harbin</td><td>A cold city.</td></tr>"
               "<tr><td>Dalian</td><td>A port city.</td></tr></table>")
    side = read_side(write(tmp_path, "t.html", magazine_page(article)))
    assert side.sentences[-4:] == ("Harbin", "A cold city.", "Dalian", "A port city.")
    assert len(set(side.paragraphs[-4:])) == 4


def test_a_list_item_holding_a_list_keeps_its_own_text(tmp_path: Path) -> None:
    article = ("<h1>Stalls</h1><p>The survey counted the stalls of the old market last "
               "spring and summer.</p><ul><li>Fruit stalls<ul><li>Apples from the north.</li>"
               "<li>Pears from the south.</li></ul></li><li>Book stalls.</li></ul>")
    side = read_side(write(tmp_path, "l.html", magazine_page(article)))
    assert side.sentences[2:] == ("Fruit stalls", "Apples from the north.",
                                  "Pears from the south.", "Book stalls.")
