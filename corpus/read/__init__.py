"""Reading: an input file (plain text or Markdown) → a ``Side`` of sentences.

* Encoding: UTF-8 (a BOM is fine; UTF-16 with a BOM too); otherwise GB18030 or Big5 (or,
  for English, cp1252), chosen by charset-normalizer among those only and checked by a
  strict decode; a one-line notice is logged. A file with NUL bytes is binary and refused.
* Paragraphs are separated by blank lines. A file without any blank line between its lines
  has one paragraph a line (white papers and novels often come that way). Lines of one
  paragraph are joined with a space, or with nothing between two Chinese characters.
* Markdown (``.md``/``.markdown``): heading markers, list bullets, block quotes, emphasis,
  inline code marks and link/image syntax are removed, the text kept; code fences and
  horizontal rules are set aside as "markup".
* Set-aside lines (``Side.set_aside``, never silently lost), checked line by line:
  - "other-language": a line mostly in the other script than the side's language — on an
    English side a line whose Han characters count more than half its Latin letters (one
    Han character carries about a word; ``重慶與世界 2021年10期`` goes, ``Chen Miner (陈敏尔)
    said …`` stays); on a Chinese side a line with at least 4 Latin letters and more than
    four times as many Latin letters as Han characters (``APEC会议`` stays);
  - "metadata": a line that is only a date and/or time (``2021-11-04 05:29``, ``October
    2021``, ``（2021年10月）`` — a white paper's date line goes too, on both sides alike, so
    the alignment is not disturbed), a source/editor/byline label (``Source / Chongqing
    Daily``, ``来源：…``, ``责任编辑：…``), a bare URL or e-mail address, a page number
    (``12``, ``- 12 -``, ``Page 3``, ``第3页``), or a separator made of symbols only.
  Anything else, however short (headings included), stays in the sentence stream.
* ``presplit=True``: one sentence a line, taken as is (whitespace collapsed); empty lines are
  dropped; no set-aside detection, no paragraphs (all sentences in paragraph 0).
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from corpus.document import LANGUAGES, SetAside, Side
from corpus.errors import InputError, UnknownChoiceError
from corpus.lang.script import HAN, LATIN, is_cjk
from corpus.split import split_sentences

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}
MARKDOWN_SUFFIXES = (".md", ".markdown")
FALLBACK_ENCODINGS = ("gb18030", "big5", "cp1252")

_WS = re.compile(r"\s+")

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}(?:\s*[-/.月]\s*\d{1,2}\s*日?|\s*月)?"
    rf"|\d{{1,2}}\s*[-/.]\s*\d{{1,2}}\s*[-/.]\s*\d{{2,4}}|{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}|{_MONTHS}\s+\d{{4}}|\d{{4}}\s*年)"
)
_TIME = r"(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\s*[ap]\.?m\.?)?)"
_METADATA = [
    re.compile(rf"^[(（\[【]?\s*(?:{_DATE}(?:\s*,?\s*{_TIME})?|{_TIME})\s*[)）\]】]?$", re.I),
    re.compile(
        r"^(?:source|sources|editor|edited by|author|reporter|photo|photos|photo by|"
        r"translated by|translator|by)\s*[/:：|]\s*\S.{0,80}$",
        re.I,
    ),
    re.compile(r"^[Bb]y\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'.-]+){1,3}$"),
    re.compile(
        r"^[【\[]?(?:来源|來源|责任编辑|責任編輯|编辑|編輯|作者|记者|記者|摄影|攝影|图|圖|"
        r"翻译|翻譯|译者|譯者|校对|校對|审校|審校)\s*[】\]]?\s*[:：/|]\s*\S.{0,60}$"
    ),
    re.compile(r"^(?:https?://|www\.)\S+$|^[\w.+-]+@[\w-]+\.[\w.-]+$", re.I),
    re.compile(r"^(?:page\s*|p\.\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.I),
    re.compile(r"^第\s*\d{1,4}\s*页$|^第\s*\d{1,4}\s*頁$"),
    re.compile(r"^[\s*\-_=~·•#+]{3,}$"),
]

_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)+")
_MD_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_MD_IMAGE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|(?<!\w)_{1,3})(\S(?:.*?\S)?)\1(?!\w)")
_MD_CODE = re.compile(r"`([^`]*)`")


# --------------------------------------------------------------------------- public API


def read_pair(src: str | Path, tgt: str | Path, *, presplit: bool = False) -> tuple[Side, Side]:
    """Read two files, one Chinese and one English (either order)."""
    first = read_side(src, presplit=presplit)
    second = read_side(tgt, presplit=presplit)
    if first.lang == second.lang:
        name = LANGUAGE_NAMES[first.lang]
        raise InputError(f"both files are {name}; expected one Chinese and one English file")
    return first, second


def read_side(path: str | Path, *, presplit: bool = False, lang: str | None = None) -> Side:
    """Read one file into a ``Side``; ``lang`` ("zh"/"en") skips language detection."""
    path = Path(path)
    text, encoding = decode_file(path)
    return read_text(text, lang=lang, presplit=presplit,
                     markdown=path.suffix.lower() in MARKDOWN_SUFFIXES, source=str(path),
                     encoding=encoding)


def read_text(text: str, *, lang: str | None = None, presplit: bool = False,
              markdown: bool = False, source: str = "", encoding: str = "utf-8") -> Side:
    """Text already in memory into a ``Side``, as ``read_side`` reads a file's text;
    ``source`` names it in messages and in the Side (a file path, or "" for a string)."""
    if lang is not None and lang not in LANGUAGES:
        raise UnknownChoiceError("language", lang, LANGUAGES)
    where = source or "the text"
    if not text.strip():
        raise InputError(f"{where} contains no text")
    if lang is None:
        try:
            lang = detect_language(text)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
    if presplit:
        sentences = tuple(_clean(line) for line in text.splitlines() if line.strip())
        side = Side(
            sentences=sentences,
            lang=lang,
            paragraphs=(0,) * len(sentences),
            source=source,
            encoding=encoding,
        )
    else:
        side = _read_paragraphs(text, lang, markdown, source, encoding)
    if not side.sentences:
        raise InputError(
            f"{where} contains no text (all {len(side.set_aside)} non-empty lines set aside)"
        )
    for item in side.set_aside:
        logger.info("%s: set aside line %d (%s): %s", where, item.line_no, item.reason, item.text)
    return side


def detect_language(text: str) -> str:
    """ "zh" or "en" by the ratio of Han characters to Latin letters; InputError if neither."""
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    letters = sum(ch.isalpha() for ch in text)
    if han + latin == 0 or (han + latin) * 2 < letters:
        raise InputError("the text is neither Chinese nor English")
    # A Han character carries about as much as a word of three or four letters.
    return "zh" if han * 3 >= latin else "en"


# --------------------------------------------------------------------------- decoding


def decode_file(path: Path) -> tuple[str, str]:
    """The text of ``path`` and the encoding it was read with."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise InputError(f"{path} is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data)
    if encoding is None:
        raise InputError(f"{path} is not UTF-8, GB18030 or Big5 text")
    logger.warning("%s: not UTF-8; read as %s", path, encoding)
    return data.decode(encoding), encoding


def _guess_encoding(data: bytes) -> str | None:
    candidates = []
    for name in FALLBACK_ENCODINGS:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.98 * len(text):
            continue
        candidates.append(name)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=candidates).best()
    except Exception:  # noqa: BLE001 — a detector failure falls back to the fixed order
        best = None
    if best is not None:
        name = codecs.lookup(best.encoding).name
        for candidate in candidates:
            if codecs.lookup(candidate).name == name:
                return candidate
    return candidates[0]


# --------------------------------------------------------------------------- lines


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _strip_markdown(line: str) -> str:
    line = _MD_PREFIX.sub("", line)
    line = _MD_CLOSING_HASHES.sub("", line)
    line = _MD_IMAGE_LINK.sub(r"\1", line)
    line = _MD_CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis: ***x*** or **_x_**
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line


def set_aside_reason(line: str, lang: str) -> str | None:
    """Why ``line`` (stripped) is kept out of the sentence stream, or None to keep it."""
    if any(pattern.match(line) for pattern in _METADATA):
        return "metadata"
    han = len(HAN.findall(line))
    latin = len(LATIN.findall(line))
    if lang == "en" and han and han * 2 > latin:
        return "other-language"
    if lang == "zh" and latin >= 4 and latin > han * 4:
        return "other-language"
    return None


def _read_paragraphs(text: str, lang: str, markdown: bool, source: str, encoding: str) -> Side:
    lines = text.splitlines()
    set_aside: list[SetAside] = []
    blocks: list[list[str]] = []
    current: list[str] = []
    in_fence = False
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    # Blank lines between the first and last non-empty line separate paragraphs; without
    # any, every line is its own paragraph.
    one_per_line = bool(nonblank) and nonblank[-1] - nonblank[0] + 1 == len(nonblank)
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if markdown and _MD_FENCE.match(raw):
            in_fence = not in_fence
            set_aside.append(SetAside(number, line, "markup"))
            continue
        if markdown and in_fence:
            if line:
                set_aside.append(SetAside(number, line, "markup"))
            continue
        if not line:
            if current:
                blocks.append(current)
                current = []
            continue
        if markdown:
            if _MD_RULE.match(raw):
                set_aside.append(SetAside(number, line, "markup"))
                continue
            line = _clean(_strip_markdown(line))
            if not line:
                set_aside.append(SetAside(number, raw.strip(), "markup"))
                continue
        reason = set_aside_reason(line, lang)
        if reason:
            set_aside.append(SetAside(number, line, reason))
            continue
        if one_per_line or (markdown and _MD_PREFIX.match(raw)):
            # a Markdown heading or list item is a paragraph of its own
            if current:
                blocks.append(current)
            current = []
            if one_per_line:
                blocks.append([line])
                continue
        current.append(line)
    if current:
        blocks.append(current)
    sentences: list[str] = []
    paragraphs: list[int] = []
    for index, block in enumerate(blocks):
        for sentence in split_sentences(_join_lines(block, lang), lang):
            sentences.append(sentence)
            paragraphs.append(index)
    # renumber paragraphs so that they run 0, 1, 2, … over the paragraphs that have text
    renumber = {old: new for new, old in enumerate(dict.fromkeys(paragraphs))}
    return Side(
        sentences=tuple(sentences),
        lang=lang,
        paragraphs=tuple(renumber[p] for p in paragraphs),
        set_aside=tuple(set_aside),
        source=source,
        encoding=encoding,
    )


def _join_lines(lines: list[str], lang: str) -> str:
    text = lines[0]
    for line in lines[1:]:
        if lang == "zh" and is_cjk(text[-1]) and is_cjk(line[0]):
            text += line
        else:
            text += " " + line
    return text
