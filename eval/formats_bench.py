"""Real-world formats in: MAC-Dev chapters and the white papers as text, HTML, DOCX and PDF.

Every file is built in a temporary folder by ``eval.format_pages`` (never in the repository),
read back by ``corpus.read`` with the format detected, and aligned; nothing is presplit.

* MAC-Dev: each chapter in paragraphs of 1–6 gold beads, as ``text``, ``html`` (a magazine
  page: navigation, cookie banner, byline, share bar, sidebar, footer), ``docx``, ``pdf``
  (fpdf2: running header, page numbers, hyphenated line ends), ``pdf-chromium`` (printed by
  headless Chromium, when installed, with its date/title header and URL/page footer), and
  ``html-as-text`` (the magazine page read as plain text: what the issue measured before
  there was an HTML reader). Scored by span-level F1 against the gold beads
  (``eval.span_scoring``: precision and recall of aligned zh-character × en-character pairs,
  micro-averaged over the chapters; per chapter on the right), strict span F1 (beads that
  are a gold bead, by their text), the share of gold characters each side lost and of read
  characters not in the gold (boilerplate let in, the title).
* White papers (no gold): paragraphs, sentences and set-aside lines per side, mean bead
  score and share of 1-1 beads per format, the share of each format's sentences that the
  text reading has too, and ``--pairs N`` random aligned pairs of the PDF run to judge.
* ``--extractors``: the magazine pages' main text by trafilatura (the reader's), by
  readability-lxml and by jusText, each scored as above (needs those packages).
* ``--pdf-backends``: the fpdf2 PDFs' lines by pdfium (the reader's), by pypdf and by
  pdfplumber (``eval.pdf_backends``; needs those two), the same layout step after each,
  scored as above, with the seconds reading took.

    python -m eval.formats_bench [DATA_DIR] [--encoder auto] [--extractors] [--pdf-backends]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.document import AlignedDocument, Side
from corpus.errors import BitextError
from eval import format_pages as pages
from eval.span_scoring import SpanScore, span_score

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
MAC_DEV_FORMATS = ("text", "html", "docx", "pdf", "pdf-chromium", "html-as-text")
WHITE_PAPER_FORMATS = ("text", "html", "docx", "pdf", "pdf-chromium")
# Which builder makes each format's file, and the file name's extension.
BUILDERS: dict[str, tuple[str, Callable[..., bytes]]] = {
    "text": (".txt", pages.as_text),
    "html": (".html", pages.as_magazine_page),
    "html-as-text": (".txt", pages.as_magazine_page),
    "docx": (".docx", pages.as_docx),
    "pdf": (".pdf", pages.as_pdf),
}


@dataclass(frozen=True)
class FormatRow:
    score: SpanScore  # micro-averaged; lost and extra: the chapters' mean
    per_chapter: dict[str, float]


# --------------------------------------------------------------------------- building, aligning


def build(article: pages.Article, fmt: str, work: Path) -> Path:
    if fmt == "pdf-chromium":
        data, suffix = pages.as_chromium_pdf(article, work), ".pdf"
    else:
        suffix, builder = BUILDERS[fmt]
        data = builder(article)
    path = work / f"{article.name}.{article.lang}.{fmt}{suffix}"
    path.write_bytes(data)
    return path


def read_built(article: pages.Article, fmt: str, work: Path) -> Side:
    from corpus.read import read_side

    path = build(article, fmt, work)
    return read_side(path, lang=article.lang,
                     input_format="text" if fmt == "html-as-text" else "auto")


def add_scores(total: SpanScore | None, score: SpanScore) -> SpanScore:
    if total is None:
        return score
    return SpanScore(total.hits + score.hits, total.test_pairs + score.test_pairs,
                     total.gold_pairs + score.gold_pairs, total.lost, total.extra,
                     total.beads_right + score.beads_right, total.test_beads + score.test_beads,
                     total.aligned_right + score.aligned_right, total.gold_beads + score.gold_beads)


def score_chapters(chapters: list[pages.GoldChapter], runner, sides_of) -> FormatRow | None:
    """Align every chapter's sides as ``sides_of(chapter)`` reads them; None if unavailable."""
    total: SpanScore | None = None
    lost: list[tuple[float, float]] = []
    extra: list[tuple[float, float]] = []
    per_chapter = {}
    for chapter in chapters:
        zh, en = sides_of(chapter)
        doc = runner.align(zh, en, doc_id=chapter.zh.name)
        score = span_score((chapter.zh_sentences, chapter.en_sentences), chapter.beads,
                           (doc.src.sentences, doc.tgt.sentences), doc.beads)
        per_chapter[chapter.zh.name] = round(score.f1, 4)
        lost.append(score.lost)
        extra.append(score.extra)
        total = add_scores(total, score)
    if total is None:
        return None
    total = replace(total, lost=_mean(lost), extra=_mean(extra))
    return FormatRow(total, per_chapter)


def _mean(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return tuple(round(sum(p[side] for p in pairs) / len(pairs), 4) for side in (0, 1))


def print_rows(title: str, rows: list[tuple[str, FormatRow]]) -> None:
    print(f"\n{title}")
    names = list(rows[0][1].per_chapter) if rows else []
    print(f"{'':16} {'span F1':>8} {'P':>6} {'R':>6} {'strict':>7}  lost zh/en   "
          "extra zh/en   " + " ".join(f"{n:>6}" for n in names))
    for name, row in rows:
        s = row.score
        print(f"{name:16} {s.f1:8.4f} {s.precision:6.3f} {s.recall:6.3f} {s.strict_f1:7.4f}  "
              f"{s.lost[0]:.3f}/{s.lost[1]:.3f}  {s.extra[0]:.3f}/{s.extra[1]:.3f}   "
              + " ".join(f"{row.per_chapter[n]:6.3f}" for n in names))


# --------------------------------------------------------------------------- MAC-Dev


def mac_dev_chapters(data: Path) -> list[pages.GoldChapter]:
    rows = (data / "mac-dev" / "meta_data.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    chapters = []
    for row in rows[1:]:
        fields = dict(zip(header, row.split("\t")))
        chapters.append(pages.mac_dev_chapter(
            data / "mac-dev", fields["text_id"], (fields["book_title"], fields["trans_title"]),
            fields["translator"],
        ))
    return chapters


def run_formats(chapters, runner, formats, work: Path) -> None:
    rows = []
    for fmt in formats:
        start = time.perf_counter()
        row = score_chapters(chapters, runner,
                             lambda c, f=fmt: (read_built(c.zh, f, work), read_built(c.en, f, work)))
        rows.append((fmt, row))
        print(f"  {fmt}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    print_rows("MAC-Dev, span-level F1 by input format", rows)


def run_extractors(chapters, runner, work: Path) -> None:
    from corpus.read.side import build_side

    rows = []
    for name, extract in (("trafilatura", None), ("readability-lxml", readability_extracted),
                          ("jusText", justext_extracted)):
        def sides(chapter, extract=extract):
            out = []
            for article in (chapter.zh, chapter.en):
                if extract is None:
                    out.append(read_built(article, "html", work))
                else:
                    path = build(article, "html", work)
                    out.append(build_side(extract(path.read_bytes(), article.lang),
                                          article.lang, source=str(path)))
            return out
        rows.append((name, score_chapters(chapters, runner, sides)))
    print_rows("MAC-Dev magazine pages, span-level F1 by main-text extractor", rows)


def run_pdf_backends(chapters, runner, work: Path) -> None:
    from corpus.read.pdf import lay_out, pdfium_lines
    from corpus.read.side import build_side
    from eval.pdf_backends import pdfplumber_lines, pypdf_lines

    rows = []
    for name, lines_of in (("pdfium", pdfium_lines), ("pypdf", pypdf_lines),
                           ("pdfplumber", pdfplumber_lines)):
        seconds = 0.0

        def sides(chapter, lines_of=lines_of):
            nonlocal seconds
            out = []
            for article in (chapter.zh, chapter.en):
                data = build(article, "pdf", work).read_bytes()
                start = time.perf_counter()
                extracted = lay_out(lines_of(data, article.name), article.name)
                seconds += time.perf_counter() - start
                out.append(build_side(extracted, article.lang))
            return out
        row = score_chapters(chapters, runner, sides)
        rows.append((f"{name} {seconds:.1f}s", row))
    print_rows("MAC-Dev fpdf2 PDFs, span-level F1 by PDF text library (seconds reading)", rows)


# --------------------------------------------------------------------------- other extractors


def readability_extracted(data: bytes, lang: str):
    import lxml.html
    from readability import Document

    from corpus.read.decode import decode_bytes
    from corpus.read.extracted import Block, Extracted, Line
    from corpus.read.html import declared_charset, page_blocks

    text, encoding = decode_bytes(data, "page", declared_charset(data))
    summary = Document(text).summary(html_partial=False)
    blocks = tuple(Block("paragraph", (Line(n, t),))
                   for n, t in page_blocks(lxml.html.document_fromstring(summary)))
    return Extracted("html", blocks, (), encoding)


def justext_extracted(data: bytes, lang: str):
    import justext

    from corpus.read.decode import decode_bytes
    from corpus.read.extracted import Block, Extracted, Line
    from corpus.read.html import declared_charset

    text, encoding = decode_bytes(data, "page", declared_charset(data))
    if lang == "en":
        paragraphs = justext.justext(text, justext.get_stoplist("English"))
    else:  # no Chinese stoplist: jusText's language-independent mode
        paragraphs = justext.justext(text, frozenset(), stopwords_low=0, stopwords_high=0)
    blocks = tuple(Block("heading" if p.is_heading else "paragraph", (Line(n, p.text),))
                   for n, p in enumerate(paragraphs, start=1) if not p.is_boilerplate)
    return Extracted("html", blocks, (), encoding)


# --------------------------------------------------------------------------- white papers


def run_white_papers(data: Path, runner, formats, work: Path, pairs: int) -> None:
    papers = sorted({p.stem for p in (data / "white-papers" / "raw").iterdir()})
    print("\nWhite papers: paragraphs, sentences and set-aside lines per side (zh/en); "
          "mean score; share of 1-1 beads; share of sentences the text reading has too")
    print(f"{'':20} {'paragraphs':>11} {'sentences':>11} {'set aside':>10} "
          f"{'mean':>6} {'1-1':>6} {'as text':>13}")
    pdf_docs: list[AlignedDocument] = []
    for paper in papers:
        zh = pages.white_paper(data / "white-papers" / "raw" / f"{paper}.zh", "zh")
        en = pages.white_paper(data / "white-papers" / "raw" / f"{paper}.en", "en")
        text_sides: tuple[Side, Side] | None = None
        for fmt in formats:
            sides = (read_built(zh, fmt, work), read_built(en, fmt, work))
            doc = runner.align(*sides, doc_id=paper)
            if fmt == "text":
                text_sides = sides
            if fmt == "pdf":
                pdf_docs.append(doc)
            shared = [_shared(side, text_side) for side, text_side in zip(sides, text_sides)]
            summary = doc.summary
            print(f"{paper + ' ' + fmt:20} "
                  f"{_pair(max(s.paragraphs) + 1 for s in sides):>11} "
                  f"{_pair(len(s) for s in sides):>11} {_pair(len(s.set_aside) for s in sides):>10} "
                  f"{summary.mean_score:6.3f} {summary.share_one_to_one:6.3f} "
                  f"{shared[0]:6.3f}/{shared[1]:.3f}")
    if pairs and pdf_docs:
        print(f"\n{pairs} random aligned pairs of the white-paper PDFs (seed 0):")
        beads = [(doc, bead) for doc in pdf_docs for bead in doc.beads]
        for doc, bead in random.Random(0).sample(beads, min(pairs, len(beads))):
            zh_text, en_text = doc.bead_texts(bead)
            print(f"- [{doc.doc_id} {bead.kind} {bead.score:.2f}] {zh_text}\n    {en_text}")


def _pair(values) -> str:
    return "/".join(str(v) for v in values)


def _shared(side: Side, reference: Side) -> float:
    """Share of ``side``'s sentences that ``reference`` has too (as a multiset)."""
    common = Counter(side.sentences) & Counter(reference.sentences)
    return sum(common.values()) / len(side) if len(side) else 0.0


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--encoder", default="auto")
    parser.add_argument("--formats", default=",".join(MAC_DEV_FORMATS),
                        help="comma-separated; default: all")
    parser.add_argument("--chapters", default="", help="comma-separated MAC-Dev ids; default all")
    parser.add_argument("--extractors", action="store_true")
    parser.add_argument("--pdf-backends", action="store_true")
    parser.add_argument("--no-white-papers", action="store_true")
    parser.add_argument("--pairs", type=int, default=10)
    args = parser.parse_args(argv)
    from align.api import aligner

    formats = [f for f in args.formats.split(",") if f]
    if "pdf-chromium" in formats and pages.chromium() is None:
        print("chromium not found: pdf-chromium left out", file=sys.stderr)
        formats.remove("pdf-chromium")
    try:
        runner = aligner(args.encoder)
        chapters = mac_dev_chapters(args.data_dir)
        if args.chapters:
            chapters = [c for c in chapters if c.zh.name in args.chapters.split(",")]
        with tempfile.TemporaryDirectory(prefix="bitext-formats-") as tmp:
            work = Path(tmp)
            run_formats(chapters, runner, formats, work)
            if args.extractors:
                run_extractors(chapters, runner, work)
            if args.pdf_backends:
                run_pdf_backends(chapters, runner, work)
            if not args.no_white_papers:
                run_white_papers(args.data_dir, runner,
                                 [f for f in WHITE_PAPER_FORMATS if f in formats or f == "text"],
                                 work, args.pairs)
    except BitextError as exc:
        print(f"formats_bench: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
