"""The common step after every format reader: an ``Extracted`` → a ``Side``.

* Each line of each block is checked by the set-aside rules (``setaside.py``); the lines
  that stay are joined into the block's paragraph — with a space, or with nothing between two
  Chinese characters — and split into sentences (a heading stays one sentence). Paragraph
  indices run 0, 1, 2, … over the blocks that keep any text.
* ``presplit``: every non-empty line is one sentence as is (whitespace collapsed), no
  set-aside rules, all sentences in paragraph 0.
* What the format set aside and what the rules set aside are reported together, in order of
  location.
"""

from __future__ import annotations

from corpus.document import SetAside, Side
from corpus.read.extracted import Extracted
from corpus.read.setaside import set_aside_reason
from corpus.split import clean_sentence, split_sentences


def build_side(extracted: Extracted, lang: str, *, presplit: bool = False,
               source: str = "") -> Side:
    set_aside = list(extracted.set_aside)
    sentences: list[str] = []
    paragraphs: list[int] = []
    for block in extracted.blocks:
        kept: list[str] = []
        for line in block.lines:
            text = clean_sentence(line.text)
            if not text:
                continue
            reason = None if presplit else set_aside_reason(text, lang)
            if reason:
                set_aside.append(SetAside(line.number, text, reason))
            else:
                kept.append(text)
        if presplit:
            pieces = kept
        elif not kept:
            continue
        elif block.kind == "heading":
            pieces = [join_lines(kept, lang)]
        else:
            pieces = split_sentences(join_lines(kept, lang), lang)
        index = 0 if presplit else (paragraphs[-1] + 1 if paragraphs else 0)
        sentences.extend(pieces)
        paragraphs.extend([index] * len(pieces))
    return Side(
        sentences=tuple(sentences),
        lang=lang,
        paragraphs=tuple(paragraphs),
        set_aside=tuple(sorted(set_aside, key=lambda item: item.line_no)),
        source=source,
        encoding=extracted.encoding,
        format=extracted.format,
    )


def join_lines(lines: list[str], lang: str) -> str:
    """The lines of one paragraph as one text. Chinese lines meet without a space unless
    both sides of the join are ASCII (two Latin words, a number and a word), so a line that
    breaks at a quotation mark (``道：`` / ``“好”``) meets the next one directly; a line that
    ends in an em dash, where browsers and typesetters break unspaced dashes, too."""
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("—") or (lang == "zh" and not (text[-1].isascii() and line[0].isascii())):
            text += line
        else:
            text += " " + line
    return text
