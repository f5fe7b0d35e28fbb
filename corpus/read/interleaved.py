"""One file holding both languages (中英对照): each Chinese paragraph next to its English.

Any reader's ``Extracted`` is split into a Chinese and an English ``Side``:

* **The language of each line.** A line with Chinese characters making up at least a third
  of its letters is Chinese: Chinese characters do not stand on their own in English text
  (``（一）``, ``王安忆`` are Chinese however short). A Latin-script line of four words or more
  is English. Shorter Latin lines (a name, ``WTO``, ``“No.”``, a title in Latin letters inside
  Chinese text) and metadata lines or lines with neither script (``1.``, ``2021-10-08``, page
  furniture) are decided by context, between the nearest decided lines before and after (P, N):

  - a short Latin line is English — where the alternation puts an English line — unless it
    sits inside a Chinese run (P and N Chinese) and the English run that translates that
    run has it too: a title or name in Latin letters that both languages write alike;
  - any other line (a metadata line: a date, a byline; one of neither script: ``1.``) takes
    its own script's language when the decided line before or after it has that language
    (``（2021年10月）`` / ``October 2021`` between a Chinese and an English line: a pair),
    otherwise the next decided line's (a number heads what follows), at the end of the file
    the last one's.

* **The pairing.** Consecutive lines of one language form a run; the file's first run
  opens every pair, so runs 2k and 2k+1 are pair k (several paragraphs a side are fine).
  Every sentence of pair k gets paragraph index k on its side, so the aligner can anchor the
  pairs. A run left over at the end (a footer in one language) is pair k on its side alone.
* **Set-aside lines.** Each side's lines pass ``side.build_side`` as a read file's do
  (metadata and other-language lines set aside, reported). What the format itself left out
  goes to the side of its script (the first side when it has neither).

The first run's language is the source side. A file with one language only, or one
language's paragraphs all before the other's, is an ``InputError`` that says what was found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from corpus.document import SetAside, Side
from corpus.errors import InputError
from corpus.lang.script import HAN, LATIN
from corpus.read.extracted import Block, Extracted
from corpus.read.language import LANGUAGE_NAMES
from corpus.read.setaside import is_metadata
from corpus.read.side import build_side

# A Latin line of this many words is English whatever its neighbours.
ENGLISH_WORDS = 4


@dataclass(frozen=True)
class Pairing:
    """The file's lines by language and pair: ``languages[i]`` and ``pairs[i]`` are line i's
    ("zh"/"en", pair index)."""

    languages: tuple[str, ...]
    pairs: tuple[int, ...]


def split_interleaved(extracted: Extracted, *, presplit: bool = False,
                      source: str = "") -> tuple[Side, Side]:
    """The file's two Sides, the first run's language first (see the module docstring)."""
    lines = [line.text for block in extracted.blocks for line in block.lines]
    pairing = pair_lines(lines, source or "the text")
    first = pairing.languages[0]
    segments = _segments(extracted.blocks, pairing)
    sides = []
    for lang in (first, _other(first)):
        set_aside = [item for item in extracted.set_aside
                     if (_script_of(item.text) or first) == lang]
        sides.append(_side([(pair, block) for pair, seg_lang, block in segments
                            if seg_lang == lang], lang, extracted, set_aside, presplit, source))
    return sides[0], sides[1]


def pair_lines(texts: Sequence[str], where: str = "the text") -> Pairing:
    """Each line's language and pair (see the module docstring); InputError when the lines
    do not alternate between Chinese and English."""
    evidence = [_evidence(text) for text in texts]
    labels: list[str | None] = [lang if decisive else None for lang, decisive in evidence]
    leading = next((label for label in labels if label), "en")  # all short: Latin ones
    for i, (lang, decisive) in enumerate(evidence):
        if lang == "en" and not decisive:
            inside_chinese = "zh" == _label_near(labels, i, -1) == _label_near(labels, i, 1)
            copied = inside_chinese and _copied_in_translation(texts, labels, i, leading)
            labels[i] = "zh" if copied else "en"
    decided = list(labels)
    for i, label in enumerate(decided):
        if label is None:
            around = (_label_near(decided, i, -1), _label_near(decided, i, 1))
            script = _script_of(texts[i])
            labels[i] = script if script and script in around else around[1] or around[0]
    languages = tuple(label or leading for label in labels)
    _check_alternation(languages, [lang for lang, _ in evidence], where)
    pairs, pair = [], 0
    for i, lang in enumerate(languages):
        if i and lang != languages[i - 1] and lang == languages[0]:
            pair += 1  # a run of the first line's language opens the next pair
        pairs.append(pair)
    return Pairing(languages, tuple(pairs))


def _evidence(text: str) -> tuple[str | None, bool]:
    """A line's own language and whether it decides it (see the module docstring); a
    metadata line (a date, a byline, a page number) has none."""
    lang = _script_of(text)
    if lang is None or is_metadata(text.strip()):
        return None, False
    words = sum(bool(LATIN.search(word)) for word in text.split())
    return lang, lang == "zh" or words >= ENGLISH_WORDS


def _script_of(text: str) -> str | None:
    """"zh" when Chinese characters make up a third of the letters, "en" for other Latin
    text, None without letters of either."""
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    if han and han * 3 >= latin:
        return "zh"
    return "en" if latin else None


def _check_alternation(languages: Sequence[str], scripts: Sequence[str | None],
                       where: str) -> None:
    counts = {lang: languages.count(lang) for lang in LANGUAGE_NAMES}
    if not any(scripts):
        raise InputError(f"{where}: found no Chinese or English line")
    if not all(counts.values()):
        (lang, count), = ((lang, n) for lang, n in counts.items() if n)
        raise InputError(f"{where}: found {count} {LANGUAGE_NAMES[lang]} line(s) and no "
                         f"{LANGUAGE_NAMES[_other(lang)]}; an interleaved file needs both "
                         "languages (two files: give SRC and TGT)")
    switches = sum(a != b for a, b in zip(languages, languages[1:]))
    if switches == 1 and len(languages) > 2:
        first, second = languages[0], languages[-1]
        raise InputError(
            f"{where}: the {LANGUAGE_NAMES[first]} lines ({counts[first]}) all come before the "
            f"{LANGUAGE_NAMES[second]} ones ({counts[second]}), not alternating; give the two "
            "halves as two files (SRC TGT)")


def _label_near(labels: list[str | None], i: int, step: int) -> str | None:
    """The language of the nearest decided line from line i in direction ``step``."""
    j = i + step
    while 0 <= j < len(labels):
        if labels[j]:
            return labels[j]
        j += step
    return None


def _copied_in_translation(texts: Sequence[str], labels: list[str | None], i: int,
                           leading: str) -> bool:
    """Whether the short Latin line i, inside a Chinese run, is also in the English run that
    translates that run: a title or name in Latin letters that both languages write alike."""
    step = 1 if leading == "zh" else -1
    j = i + step
    while 0 <= j < len(labels) and labels[j] != "en":
        j += step
    english = []  # with the run's undecided lines: the copy may be a short line itself
    while 0 <= j < len(labels) and labels[j] != "zh":
        english.append(texts[j])
        j += step
    return _normalised(texts[i]) in _normalised(" ".join(english))


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _other(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def _segments(blocks: Sequence[Block], pairing: Pairing) -> list[tuple[int, str, Block]]:
    """Every block cut where its lines change language or pair (a paragraph whose Chinese and
    English lines have no blank line between them), with its pair and language."""
    segments = []
    index = 0  # of the block's first line among all the lines
    for block in blocks:
        keys = [(pairing.pairs[index + k], pairing.languages[index + k])
                for k in range(len(block.lines))]
        start = 0
        for k in range(1, len(keys) + 1):
            if k == len(keys) or keys[k] != keys[start]:
                segments.append((*keys[start], Block(block.kind, block.lines[start:k])))
                start = k
        index += len(keys)
    return segments


def _side(segments: list[tuple[int, Block]], lang: str, extracted: Extracted,
          set_aside: list[SetAside], presplit: bool, source: str) -> Side:
    parts = [(pair, build_side(Extracted(extracted.format, (block,), (), extracted.encoding),
                               lang, presplit=presplit, source=source))
             for pair, block in segments]
    sentences = tuple(sentence for _, part in parts for sentence in part.sentences)
    set_aside = [*set_aside, *(item for _, part in parts for item in part.set_aside)]
    if not sentences:
        raise InputError(f"{source or 'the text'}: no {LANGUAGE_NAMES[lang]} sentence is left "
                         f"({len(set_aside)} line(s) set aside)")
    return replace(
        parts[0][1],  # the side's language, source, encoding and format
        sentences=sentences,
        paragraphs=tuple(pair for pair, part in parts for _ in part.sentences),
        set_aside=tuple(sorted(set_aside, key=lambda item: item.line_no)),
        script="",  # detected from all the sentences
    )
