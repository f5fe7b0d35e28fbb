"""Which lines stay out of the sentence stream, and why (they are reported, never lost).

Checked line by line, whatever the input format:

- "other-language": a line mostly in the other script than the side's language — on an
  English side a line whose Han characters count more than half its Latin letters (one Han
  character carries about a word; ``重慶與世界 2021年10期`` goes, ``Chen Miner (陈敏尔) said …``
  stays); on a Chinese side a line with at least 4 Latin letters and more than four times as
  many Latin letters as Han characters (``APEC会议`` stays);
- "metadata": a line that is only a date and/or time (``2021-11-04 05:29``, ``October
  2021``, ``（2021年10月）`` — a white paper's date line goes too, on both sides alike, so the
  alignment is not disturbed), a source/editor/byline label (``Source / Chongqing Daily``,
  ``来源：…``, ``责任编辑：…``, ``By Jane Smith``), a bare URL or e-mail address, a page
  number (``12``, ``- 12 -``, ``Page 3``, ``第3页``), or a separator made of symbols only.

Anything else, however short (headings included), stays in the sentence stream.
"""

from __future__ import annotations

import re

from corpus.lang.script import HAN, LATIN

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


def is_metadata(line: str) -> bool:
    """Whether ``line`` (stripped) is a date, time, byline, source label, URL, page number
    or separator (the "metadata" rule: the same in both languages)."""
    return any(pattern.match(line) for pattern in _METADATA)


def set_aside_reason(line: str, lang: str) -> str | None:
    """Why ``line`` (stripped) is kept out of the sentence stream, or None to keep it."""
    if is_metadata(line):
        return "metadata"
    han = len(HAN.findall(line))
    latin = len(LATIN.findall(line))
    if lang == "en" and han and han * 2 > latin:
        return "other-language"
    if lang == "zh" and latin >= 4 and latin > han * 4:
        return "other-language"
    return None
