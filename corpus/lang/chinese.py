"""Chinese text as words: jieba's tokens (``corpus.lang.segment``) with numbers kept whole,
and Chinese numerals read as digits."""

from __future__ import annotations

import functools
import re

from corpus.lang.cedict import in_dictionary
from corpus.lang.segment import cut

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def chinese_number(token: str) -> str | None:
    """Read a token written in Chinese numerals ("二十六" → "26"); None if it is not one."""
    if not token or any(c not in _DIGITS and c not in _UNITS for c in token):
        return None
    if all(c in _DIGITS for c in token):
        return "".join(str(_DIGITS[c]) for c in token) if len(token) > 1 else str(_DIGITS[token])
    total = section = digit = 0
    for char in token:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif _UNITS[char] >= 10_000:
            total += (section + digit) * _UNITS[char]
            section = digit = 0
        else:
            section += (digit or 1) * _UNITS[char]
            digit = 0
    return str(total + section + digit)


# Two or more numeral characters: jieba cuts long numbers apart (四万|六千五百).
_NUMERAL_RUN = re.compile(f"[{''.join(_DIGITS)}{''.join(_UNITS)}]{{2,}}")


def _is_number_run(run: str) -> bool:
    """Whether a run of numeral characters is a number, not a word (千万 "by all means")
    or an estimate (三四 "three or four")."""
    if in_dictionary(run):
        return False
    return any(c in _UNITS for c in run) or len(run) >= 3


@functools.lru_cache(maxsize=100_000)
def chinese_tokens(sentence: str) -> tuple[str, ...]:
    """jieba's tokens of a sentence, numbers kept whole; cached, as every encoder asks."""
    tokens: list[str] = []
    start = 0
    for run in _NUMERAL_RUN.finditer(sentence):
        if _is_number_run(run.group()):
            tokens.extend(cut(sentence[start : run.start()]))
            tokens.append(run.group())
            start = run.end()
    tokens.extend(cut(sentence[start:]))
    return tuple(token for token in map(str.strip, tokens) if token)
