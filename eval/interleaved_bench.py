"""One-file bilingual articles (中英对照): MAC-Dev chapters and the white papers interleaved.

Every file is built in a temporary folder (never in the repository) as plain text and as a
DOCX (``eval.format_pages``: the DOCX has a running header and a PAGE field), the Chinese
title first, then the English title, then each Chinese paragraph followed by its English.
It is read back by ``corpus.read.read_interleaved`` with the format detected, and aligned.

* MAC-Dev: each chapter in paragraphs of 1–4 consecutive gold beads (drawn with the chapter
  name as seed; a side with no sentence in a group has no paragraph there). Reported: the
  share of paragraphs whose language the reader got right (against how the file was built),
  the share of built pairs with both languages read as one pair, whole (a group without
  one side's paragraph joins its neighbour, so its neighbour is wrong too), and the alignment's span F1 and strict span F1
  against the gold (``eval.span_scoring``), micro-averaged, per chapter on the right.
* White papers (no gold): their raw paragraphs (``format_pages.white_paper``) paired in
  order when both sides have as many, otherwise by aligning the two files' paragraphs with
  the lexical encoder (gold-free); a paragraph the alignment leaves unpaired stays where it
  is, on its own. Reported: paragraph-language and pair accuracy (as above), paragraphs and sentences per side,
  mean bead score and share of 1-1 beads, against the same paragraphs aligned as two files.

    python -m eval.interleaved_bench [DATA_DIR] [--encoder auto] [--formats text,docx]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from corpus.document import Side
from corpus.errors import BitextError
from eval import format_pages as pages
from eval.formats_bench import DEFAULT_DATA, add_scores, mac_dev_chapters
from eval.span_scoring import SpanScore, span_score

FORMATS = ("text", "docx")
BUILDERS = {"text": (".txt", pages.as_text), "docx": (".docx", pages.as_docx)}
MAX_GROUP = 4  # gold beads a paragraph


@dataclass(frozen=True)
class Built:
    """An interleaved article and, for each of its paragraphs (the title first), its
    language and pair."""

    article: pages.Article
    languages: tuple[str, ...]
    pairs: tuple[int, ...]


def interleave(name: str, zh_title: str, en_title: str,
               pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> Built:
    """The titles, then each pair's Chinese paragraphs followed by its English ones."""
    paragraphs = [en_title]
    languages, numbers = ["zh", "en"], [0, 0]
    for k, (zh, en) in enumerate(pairs, start=1):
        for lang, side in (("zh", zh), ("en", en)):
            paragraphs.extend(side)
            languages.extend([lang] * len(side))
            numbers.extend([k] * len(side))
    article = pages.Article(name, "zh-en", zh_title, tuple(paragraphs), "", "")
    return Built(article, tuple(languages), tuple(numbers))


def chapter_pairs(chapter: pages.GoldChapter) -> list[tuple[list[str], list[str]]]:
    """Runs of 1 to ``MAX_GROUP`` gold beads, one paragraph a side each."""
    draw = random.Random(chapter.zh.name)
    pairs, start = [], 0
    while start < len(chapter.beads):
        run = chapter.beads[start:start + draw.randint(1, MAX_GROUP)]
        zh = "".join(chapter.zh_sentences[i] for bead in run for i in bead.src)
        en = " ".join(chapter.en_sentences[j] for bead in run for j in bead.tgt)
        pairs.append(([zh] if zh else [], [en] if en else []))
        start += len(run)
    return pairs


def read_built(built: Built, fmt: str, work: Path) -> tuple[Side, Side, float, float]:
    """The file built as ``fmt``, read back: its two Sides, and the shares of paragraphs
    given the right language and the right pair."""
    from corpus.read import read_interleaved
    from corpus.read.formats import extract
    from corpus.read.interleaved import pair_lines

    suffix, builder = BUILDERS[fmt]
    path = work / f"{built.article.name}.{fmt}{suffix}"
    path.write_bytes(builder(built.article))
    extracted = extract(path.read_bytes(), fmt, str(path))
    blocks = [" ".join(line.text for line in block.lines) for block in extracted.blocks]
    if len(blocks) != len(built.languages):
        raise BitextError(f"{path}: {len(blocks)} blocks read for {len(built.languages)} built")
    pairing = pair_lines(blocks, str(path))
    language_right = sum(a == b for a, b in zip(pairing.languages, built.languages))
    first, second = read_interleaved(path)
    return first, second, language_right / len(blocks), _pairs_right(built, pairing.pairs)


def _pairs_right(built: Built, read: Sequence[int]) -> float:
    """The share of the built pairs with both languages that were read as one pair, whole."""
    def groups(numbers: Sequence[int]) -> dict[int, frozenset[int]]:
        members: dict[int, set[int]] = {}
        for i, number in enumerate(numbers):
            members.setdefault(number, set()).add(i)
        return {number: frozenset(group) for number, group in members.items()}

    read_groups = set(groups(read).values())
    bilingual = [group for group in groups(built.pairs).values()
                 if {built.languages[i] for i in group} == {"zh", "en"}]
    return sum(group in read_groups for group in bilingual) / len(bilingual)


def run_mac_dev(chapters: list[pages.GoldChapter], runner, formats: list[str], work: Path) -> None:
    print("\nMAC-Dev interleaved: paragraph language and pair accuracy, span F1, strict span F1 "
          "(per chapter: strict span F1)")
    names = [c.zh.name for c in chapters]
    print(f"{'':8} {'lang':>6} {'pair':>6} {'span F1':>8} {'strict':>7}   "
          + " ".join(f"{n:>6}" for n in names))
    for fmt in formats:
        start = time.perf_counter()
        total: SpanScore | None = None
        language, pair, per_chapter = [], [], []
        for chapter in chapters:
            built = interleave(chapter.zh.name, chapter.zh.title, chapter.en.title,
                               chapter_pairs(chapter))
            zh, en, language_right, pair_right = read_built(built, fmt, work)
            doc = runner.align(zh, en, doc_id=chapter.zh.name)
            score = span_score((chapter.zh_sentences, chapter.en_sentences), chapter.beads,
                               (doc.src.sentences, doc.tgt.sentences), doc.beads)
            total = add_scores(total, score)
            language.append(language_right)
            pair.append(pair_right)
            per_chapter.append(score.strict_f1)
        print(f"{fmt:8} {_mean(language):6.3f} {_mean(pair):6.3f} {total.f1:8.4f} "
              f"{total.strict_f1:7.4f}   " + " ".join(f"{v:6.3f}" for v in per_chapter))
        print(f"  {fmt}: {time.perf_counter() - start:.1f} s", file=sys.stderr)


def paper_pairs(zh: pages.Article, en: pages.Article) -> list[tuple[list[str], list[str]]]:
    """The papers' paragraphs paired in order, or by the lexical alignment of the two."""
    if len(zh.paragraphs) == len(en.paragraphs):
        return [([a], [b]) for a, b in zip(zh.paragraphs, en.paragraphs)]
    from align.api import align_sides

    doc = align_sides(Side(zh.paragraphs, "zh"), Side(en.paragraphs, "en"), encoder="lexical")
    return [([zh.paragraphs[i] for i in bead.src], [en.paragraphs[j] for j in bead.tgt])
            for bead in doc.beads]


def run_white_papers(data: Path, runner, formats: list[str], work: Path) -> None:
    from corpus.read import read_pair

    raw = data / "white-papers" / "raw"
    print("\nWhite papers interleaved: paragraph language accuracy, paragraphs, sentences "
          "(zh/en), mean score, share of 1-1 beads; 'two files': the same paragraphs as two "
          "text files")
    print(f"{'':16} {'lang':>6} {'pair':>6} {'pairs':>6} {'paragraphs':>11} {'sentences':>11} "
          f"{'mean':>6} {'1-1':>6}")
    for paper in sorted({p.stem for p in raw.iterdir()}):
        zh = pages.white_paper(raw / f"{paper}.zh", "zh")
        en = pages.white_paper(raw / f"{paper}.en", "en")
        pairs = paper_pairs(zh, en)
        built = interleave(paper, zh.title, en.title, pairs)
        rows = []
        for fmt in formats:
            first, second, language_right, pair_right = read_built(built, fmt, work)
            rows.append((fmt, (language_right, pair_right), (first, second)))
        paths = []
        for article in (zh, en):
            path = work / f"{paper}.{article.lang}.txt"
            path.write_bytes(pages.as_text(article))
            paths.append(path)
        rows.append(("two files", None, read_pair(*paths)))
        for name, accuracy, sides in rows:
            summary = runner.align(*sides, doc_id=paper).summary
            shares = "" if accuracy is None else f"{accuracy[0]:6.3f} {accuracy[1]:6.3f}"
            print(f"{paper + ' ' + name:16} {shares:>13} "
                  f"{len(pairs) + 1:>6} {_pair(len(set(s.paragraphs)) for s in sides):>11} "
                  f"{_pair(len(s) for s in sides):>11} {summary.mean_score:6.3f} "
                  f"{summary.share_one_to_one:6.3f}")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _pair(values) -> str:
    return "/".join(str(v) for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--encoder", default="auto")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help=f"comma-separated, of {', '.join(FORMATS)}")
    parser.add_argument("--no-white-papers", action="store_true")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    if not formats or set(formats) - set(FORMATS):
        parser.error(f"--formats takes {', '.join(FORMATS)}")
    from align.api import aligner

    try:
        runner = aligner(args.encoder)
        with tempfile.TemporaryDirectory(prefix="bitext-interleaved-") as tmp:
            run_mac_dev(mac_dev_chapters(args.data_dir), runner, formats, Path(tmp))
            if not args.no_white_papers:
                run_white_papers(args.data_dir, runner, formats, Path(tmp))
    except BitextError as exc:
        print(f"interleaved_bench: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
