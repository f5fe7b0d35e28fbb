"""Reading: an input file (plain text, Markdown, HTML, DOCX or PDF) → a ``Side`` of sentences.

One module a job: ``decode`` (bytes → text), ``formats`` (which reader), one reader a format
(``text``, ``html``, ``docx``, ``pdf``) that hands on an ``extracted.Extracted`` (blocks and
what the format left out), ``interleaved`` (one file holding both languages → two Sides),
``side`` (the common step: set-aside rules from ``setaside``,
sentence splitting, paragraph indices), ``language`` (Chinese or English). Whatever is left
out — page furniture, boilerplate, metadata lines — is in ``Side.set_aside``, never silently
lost.
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from corpus.document import LANGUAGES, Side
from corpus.errors import InputError, UnknownChoiceError
from corpus.read.decode import decode_file, read_bytes
from corpus.read.extracted import Extracted
from corpus.read.formats import (
    DEFAULT_INPUT_FORMAT,
    INPUT_FORMATS,
    check_input_format,
    detect_format,
    extract,
    extract_text,
)
from corpus.read.interleaved import split_interleaved
from corpus.read.language import LANGUAGE_NAMES, detect_language
from corpus.read.setaside import set_aside_reason
from corpus.read.side import build_side

__all__ = [
    "DEFAULT_INPUT_FORMAT",
    "INPUT_FORMATS",
    "decode_file",
    "detect_language",
    "read_interleaved",
    "read_pair",
    "read_side",
    "read_text",
    "set_aside_reason",
]

logger = logging.getLogger(__name__)


def read_pair(src: str | Path, tgt: str | Path, *, presplit: bool = False,
              input_format: str = DEFAULT_INPUT_FORMAT) -> tuple[Side, Side]:
    """Read two files, one Chinese and one English (either order)."""
    check_input_format(input_format)
    first = read_side(src, presplit=presplit, input_format=input_format)
    second = read_side(tgt, presplit=presplit, input_format=input_format)
    if first.lang == second.lang:
        name = LANGUAGE_NAMES[first.lang]
        raise InputError(f"both files are {name}; expected one Chinese and one English file")
    return first, second


def read_side(path: str | Path, *, presplit: bool = False, lang: str | None = None,
              input_format: str = DEFAULT_INPUT_FORMAT) -> Side:
    """Read one file into a ``Side``; ``lang`` ("zh"/"en") skips language detection,
    ``input_format`` (one of ``INPUT_FORMATS``) skips format detection."""
    return _side_of(_extract_file(path, input_format, presplit), lang, presplit, str(path))


def read_interleaved(path: str | Path, *, presplit: bool = False,
                     input_format: str = DEFAULT_INPUT_FORMAT) -> tuple[Side, Side]:
    """Read one file holding both languages, paragraph by paragraph (中英对照; see
    ``interleaved``): its first paragraph's language first. Pair k of paragraphs has
    paragraph index k on both Sides."""
    extracted = _extract_file(path, input_format, presplit)
    if not extracted.text.strip():
        raise InputError(f"{path} contains no text")
    sides = split_interleaved(extracted, presplit=presplit, source=str(path))
    _log_set_aside(extracted, sides, str(path))
    return sides


def _extract_file(path: str | Path, input_format: str, presplit: bool) -> Extracted:
    check_input_format(input_format)
    path = Path(path)
    data = read_bytes(path)
    if input_format == "auto":
        input_format = detect_format(data, path.suffix, str(path))
    if presplit and input_format == "markdown":
        input_format = "text"  # one sentence a line, taken as is
    return extract(data, input_format, str(path))


def read_text(text: str, *, lang: str | None = None, presplit: bool = False,
              input_format: str = DEFAULT_INPUT_FORMAT, source: str = "",
              encoding: str = "utf-8") -> Side:
    """Text already in memory into a ``Side``, as ``read_side`` reads a file's text
    (``input_format``: auto, text, markdown or html); ``source`` names it in messages and
    in the Side (a file path, or "" for a string)."""
    where = source or "the text"
    if presplit and input_format == "markdown":
        input_format = "text"
    return _side_of(extract_text(text, input_format, encoding, where), lang, presplit, source)


def _side_of(extracted: Extracted, lang: str | None, presplit: bool, source: str) -> Side:
    if lang is not None and lang not in LANGUAGES:
        raise UnknownChoiceError("language", lang, LANGUAGES)
    where = source or "the text"
    text = extracted.text
    if not text.strip():
        raise InputError(f"{where} contains no text")
    if lang is None:
        try:
            lang = detect_language(text)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    side = build_side(extracted, lang, presplit=presplit, source=source)
    if not side.sentences:
        raise InputError(
            f"{where} contains no text (all {len(side.set_aside)} non-empty lines set aside)"
        )
    _log_set_aside(extracted, (side,), where)
    return side


def _log_set_aside(extracted: Extracted, sides: tuple[Side, ...], where: str) -> None:
    left_out_by_format = set(extracted.set_aside)
    for reason, count in Counter(item.reason for item in extracted.set_aside).items():
        logger.info("%s: left out %d block(s) as %s", where, count, reason)
    for item in (item for side in sides for item in side.set_aside):
        log = logger.debug if item in left_out_by_format else logger.info
        log("%s: set aside line %d (%s): %s", where, item.line_no, item.reason, item.text)
