"""Build an article as the files people actually have: a magazine web page, a Word file, a PDF.

For the format benchmark (``eval.formats_bench``): the same title and paragraphs as

* plain text (title, then paragraphs, blank lines between);
* a magazine page: navigation, a cookie banner, a byline and a date, a share bar, the
  article, a sidebar of related links, a newsletter box and a footer — English pages in UTF-8,
  Chinese pages in GB18030 under a ``gb2312`` meta charset, as many Chinese sites serve them;
* a DOCX (python-docx): the title as a heading, a running header, a footer with a PAGE field;
* a PDF (fpdf2, WenQuanYi Zen Hei): A4, a running header, page numbers in the footer, lines
  broken by the builder — English words hyphenated at line ends (a compound breaks at its own
  hyphen), English paragraphs marked by a first-line indent, Chinese ones by an indent and a
  gap, as books and white papers print them;
* a PDF printed by headless Chromium from a plain page, with Chromium's own header and
  footer (date, title, file URL, page x/y) when Chromium is installed.

The files are built in memory or in a temporary folder: the novels are never copied into the
repository.
"""

from __future__ import annotations

import html
import io
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from corpus.beads import Bead, read_align_file

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")  # apt: fonts-wqy-zenhei
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


@dataclass(frozen=True)
class Article:
    name: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    byline: str
    date: str


@dataclass(frozen=True)
class GoldChapter:
    """A MAC-Dev chapter: its gold sentences and beads, and both sides as articles."""

    zh: Article
    en: Article
    zh_sentences: tuple[str, ...]
    en_sentences: tuple[str, ...]
    beads: tuple[Bead, ...]


# --------------------------------------------------------------------------- sources


def mac_dev_chapter(data_dir: Path, name: str, titles: tuple[str, str],
                    byline: str) -> GoldChapter:
    """A chapter in paragraphs: runs of 1 to 6 consecutive gold beads (drawn with the chapter
    name as seed), so that both sides break paragraphs at the same places."""
    zh = tuple((data_dir / "zh" / name).read_text(encoding="utf-8").splitlines())
    en = tuple((data_dir / "en" / name).read_text(encoding="utf-8").splitlines())
    beads = tuple(read_align_file(data_dir / "gold" / f"{name}.align"))
    draw = random.Random(name)
    zh_paragraphs: list[str] = []
    en_paragraphs: list[str] = []
    start = 0
    while start < len(beads):
        run = beads[start:start + draw.randint(1, 6)]
        zh_paragraphs.append("".join(zh[i] for bead in run for i in bead.src))
        en_paragraphs.append(" ".join(en[j] for bead in run for j in bead.tgt))
        start += len(run)
    date = "2021-11-04"
    return GoldChapter(
        Article(name, "zh", titles[0], tuple(p for p in zh_paragraphs if p), byline, date),
        Article(name, "en", titles[1], tuple(p for p in en_paragraphs if p), byline, date),
        zh, en, beads,
    )


def white_paper(path: Path, lang: str) -> Article:
    """A white paper's raw file: the first paragraph is its title; paragraphs are separated
    by blank lines, Chinese ones indented with ideographic spaces (dropped here: the
    builders indent as each format does)."""
    blocks = [" ".join(part.strip(" \u3000") for part in block.splitlines())
              for block in path.read_text(encoding="utf-8").split("\n\n")]
    blocks = [block for block in blocks if block]
    byline = "国务院新闻办公室" if lang == "zh" else "The State Council Information Office"
    return Article(path.name, lang, blocks[0], tuple(blocks[1:]), byline, "2021-10-08")


# --------------------------------------------------------------------------- text


def as_text(article: Article) -> bytes:
    return "\n\n".join((article.title, *article.paragraphs)).encode("utf-8") + b"\n"


# --------------------------------------------------------------------------- web page

_PAGE_WORDS = {
    "en": {
        "site": "City Life Magazine",
        "nav": ["Home", "News", "Culture", "Books", "Travel", "Opinion", "Video", "Subscribe"],
        "cookie": "We use cookies to give you the best experience on our website. By "
                  "continuing to browse, you agree to our use of cookies.",
        "accept": "Accept all cookies",
        "share": ["Share this story:", "Facebook", "Twitter", "WeChat", "Email"],
        "by": "By {}",
        "related": "Related stories",
        "links": ["Ten bookshops worth crossing the city for this winter",
                  "The translator who brought a classic novel to a new generation of readers",
                  "Why the old tea houses are coming back in fashion"],
        "newsletter": "Sign up for our weekly newsletter and never miss a story.",
        "footer": ["© 2021 City Life Magazine. All rights reserved.", "About us",
                   "Privacy policy", "Contact"],
        "source": "Source / City Life Magazine",
    },
    "zh": {
        "site": "城市生活杂志",
        "nav": ["首页", "新闻", "文化", "读书", "旅游", "评论", "视频", "订阅"],
        "cookie": "本网站使用Cookie以改善您的浏览体验。继续浏览即表示您同意我们使用Cookie。",
        "accept": "全部接受",
        "share": ["分享到：", "微信", "微博", "QQ空间", "邮件"],
        "by": "作者：{}",
        "related": "相关阅读",
        "links": ["这个冬天值得穿城而去的十家书店", "把一部经典小说带给新一代读者的译者",
                  "老茶馆为何重新流行起来"],
        "newsletter": "订阅我们的每周电子报，不错过每一篇好文章。",
        "footer": ["© 2021 城市生活杂志 版权所有", "关于我们", "隐私政策", "联系我们"],
        "source": "来源：城市生活杂志",
    },
}


def as_magazine_page(article: Article) -> bytes:
    words = _PAGE_WORDS[article.lang]
    e = html.escape
    nav = "".join(f'<li><a href="/{i}">{e(item)}</a></li>' for i, item in enumerate(words["nav"]))
    share = "".join(f'<a href="#s{i}">{e(item)}</a> ' for i, item in enumerate(words["share"]))
    related = "".join(f'<li><a href="/r{i}"><h4>{e(link)}</h4></a></li>'
                      for i, link in enumerate(words["links"]))
    footer = "".join(f"<p>{e(item)}</p>" for item in words["footer"])
    body = "\n".join(f"<p>{e(paragraph)}</p>" for paragraph in article.paragraphs)
    charset = "gb2312" if article.lang == "zh" else "utf-8"
    page = f"""<!DOCTYPE html>
<html lang="{article.lang}"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{e(article.title)} - {e(words["site"])}</title>
<style>body {{ font-family: serif; }} .cookie {{ position: fixed; bottom: 0; }}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag() {{}}</script>
</head><body>
<header class="site-header"><div class="logo"><a href="/">{e(words["site"])}</a></div>
<nav class="main-nav"><ul>{nav}</ul></nav></header>
<div class="cookie-banner" id="cookie"><p>{e(words["cookie"])}</p>
<button>{e(words["accept"])}</button></div>
<div class="container"><main id="content"><article class="story">
<h1 class="headline">{e(article.title)}</h1>
<div class="meta"><span class="byline">{e(words["by"].format(article.byline))}</span>
<time datetime="{article.date}">{article.date}</time></div>
<div class="share-bar">{share}</div>
<div class="story-body">
{body}
<p class="source">{e(words["source"])}</p>
</div></article></main>
<aside class="sidebar"><h3>{e(words["related"])}</h3><ul>{related}</ul>
<div class="newsletter"><p>{e(words["newsletter"])}</p></div></aside></div>
<footer class="site-footer">{footer}</footer>
</body></html>
"""
    return page.encode("gb18030" if article.lang == "zh" else "utf-8")


def as_print_page(article: Article) -> str:
    """The article alone as a page to print (what a 'save as PDF' of a clean page gives)."""
    e = html.escape
    body = "\n".join(f"<p>{e(paragraph)}</p>" for paragraph in article.paragraphs)
    indent = "2em" if article.lang == "zh" else "1.5em"
    return f"""<!DOCTYPE html><html lang="{article.lang}"><head><meta charset="utf-8">
<title>{e(article.title)}</title>
<style>body {{ font: 12pt "WenQuanYi Zen Hei", serif; text-align: justify; }}
p {{ text-indent: {indent}; margin: 0.4em 0; }}</style></head>
<body><h1>{e(article.title)}</h1>
{body}
</body></html>
"""


# --------------------------------------------------------------------------- Word


def as_docx(article: Article) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading(article.title, level=1)
    for paragraph in article.paragraphs:
        document.add_paragraph(paragraph)
    section = document.sections[0]
    section.header.paragraphs[0].text = article.title
    footer = section.footer.paragraphs[0]
    run = footer.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("t", "1"),
                       ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.text = text
        elif kind == "t":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDF

_PAGE_NUMBER = {"en": "{}", "zh": "- {} -"}


def as_pdf(article: Article) -> bytes:
    from fpdf import FPDF

    class Book(FPDF):
        def header(self) -> None:
            self.set_font("cjk", size=9)
            self.set_y(10)
            self.cell(0, 5, article.title, align="C", new_x="LMARGIN")
            self.set_y(self.t_margin)

        def footer(self) -> None:
            self.set_font("cjk", size=9)
            self.set_y(-15)
            self.cell(0, 5, _PAGE_NUMBER[article.lang].format(self.page_no()), align="C",
                      new_x="LMARGIN")

    pdf = Book(format="A4")
    pdf.add_font("cjk", fname=str(CJK_FONT))
    if LATIN_FONT.is_file():  # for the glyphs WenQuanYi lacks (•)
        pdf.add_font("latin", fname=str(LATIN_FONT))
        pdf.set_fallback_fonts(["latin"])
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 9, article.title, align="C")
    pdf.ln(4)
    pdf.set_font("cjk", size=11)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    indent = 8.0
    for paragraph in article.paragraphs:
        if article.lang == "zh":
            pdf.ln(2)
        lines = _break_lines(paragraph, article.lang, width, indent, pdf.get_string_width)
        for number, line in enumerate(lines):
            if pdf.will_page_break(6):
                pdf.add_page()
            pdf.set_x(pdf.l_margin + (indent if number == 0 else 0))
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _break_lines(text: str, lang: str, width: float, indent: float, measure) -> list[str]:
    """Greedy line breaking; English words that do not fit are hyphenated when both parts
    keep three letters (a compound breaks at its own hyphen, adding none)."""
    lines: list[str] = []
    room = width - indent
    if lang == "zh":  # a character at a time; a run of Latin letters or digits stays whole
        line = ""
        for unit in re.findall(r"[A-Za-z0-9.%]+|.", text):
            if measure(line + unit) > room and line:
                lines.append(line)
                line, room = "", width
            line += unit
        return [*lines, line] if line else lines
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= room:
            line = candidate
            continue
        head, tail = _hyphenate(word, line, room, measure)
        if head:
            lines.append(f"{line} {head}" if line else head)
            line, room = tail, width
        else:
            lines.append(line)
            line, room = word, width
    return [*lines, line] if line else lines


def _hyphenate(word: str, line: str, room: float, measure) -> tuple[str, str]:
    if "-" in word[1:-1]:  # a compound: break after its own hyphen if the head fits
        cut = word.index("-", 1) + 1
        head = word[:cut]
        if measure(f"{line} {head}") <= room:
            return head, word[cut:]
        return "", word
    if not re.fullmatch(r"[A-Za-z]{7,}[,.;:!?'\"’”]*", word):
        return "", word
    for cut in range(len(word) - 3, 2, -1):
        head = word[:cut] + "-"
        if word[cut - 1].isalpha() and word[cut].isalpha() and measure(f"{line} {head}") <= room:
            return head, word[cut:]
    return "", word


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def as_chromium_pdf(article: Article, work_dir: Path) -> bytes:
    """The print page printed by headless Chromium, with its default header and footer."""
    page = work_dir / f"{article.name}.{article.lang}.print.html"
    page.write_text(as_print_page(article), encoding="utf-8")
    out = page.with_suffix(".pdf")
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    f"--print-to-pdf={out}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    return out.read_bytes()
