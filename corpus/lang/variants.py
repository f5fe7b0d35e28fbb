"""Which characters a side is written in, and how scoring reads them.

Chinese comes in Simplified (``Hans``) and Traditional (``Hant``) characters; the dictionary,
jieba and the gloss models read Simplified, so a Traditional side is converted for scoring with
OpenCC's phrase-aware conversion (頭髮 → 头发, 乾燥 → 干燥, 幹部 → 干部, 後來 → 后来, while 皇后
and 乾隆 stay). Full-width letters and digits (ＷＴＯ, ２０２１) and the ideographic space
are read as ASCII, so that they match the English side's. Only scoring reads these forms: every
output keeps the characters as given.

The conversion is OpenCC's ``tw2s``: ``t2s`` after reading Taiwan's standard forms as OpenCC's
(著 → 着 where Taiwan writes 著 for 着). Round trips of MAC-Dev and the Bible through OpenCC's
``s2t``, ``s2tw`` and ``s2hk`` come back with 57, 58 and 80 characters changed by ``tw2s``
(56, 745 and 79 by ``t2s``): as good on standard and Hong Kong forms, far better on Taiwan's.

The script of a side is told from the whole side: the characters that the conversion to
Simplified changes are Traditional-only, the ones that ``s2t`` changes Simplified-only, and
characters both scripts share count for neither, so a short text with no telling character
reads as Simplified. On MAC-Dev's chapters the counts are 0–3 against 1,580–1,999 in
Simplified, and at most 35 against 1,550 or more in any of OpenCC's Traditional forms.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

SIMPLIFIED, TRADITIONAL = "Hans", "Hant"
# ISO 15924 script codes a side of each language may be written in; the first is the default.
SCRIPTS = {"zh": (SIMPLIFIED, TRADITIONAL), "en": ("Latn",)}
TO_SIMPLIFIED = "tw2s"  # the OpenCC conversion scoring reads Traditional with (docstring)

# The full-width marks that are Chinese punctuation in their own right (，：；？！ and the
# brackets) stay as they are: every Chinese text is punctuated with them, and the encoders and
# their cue table (corpus.lang.cues) were built and measured on them. Every other form of
# U+FF01–FF5E (letters, digits, ％, ＋, －, ．, ／, ＂, …) is read as the ASCII character it is
# the full-width form of, as NFKC would.
CHINESE_PUNCTUATION = "！（），：；？［］｛｝"
_ASCII_OF_FULL_WIDTH = {
    code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in CHINESE_PUNCTUATION
} | {0x3000: ord(" ")}


def check_script(lang: str, script: str) -> str:
    """``script``, when ``lang`` is written in it; ``ValueError`` otherwise."""
    scripts = SCRIPTS.get(lang, ())
    if script not in scripts:
        raise ValueError(f"script {script!r} is not one of {', '.join(scripts) or '(none)'} "
                         f"for language {lang!r}")
    return script


def language_tag(lang: str, script: str) -> str:
    """The BCP 47 tag of a language in a script: "zh-Hans", "zh-Hant"; "zh" when the script is
    not known, "en" for English."""
    return f"{lang}-{script}" if lang == "zh" and script else lang


@functools.lru_cache(maxsize=2)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _changed(text: str, converted: str) -> int:
    """How many characters a conversion changed (a phrase that changed length counts once)."""
    if len(text) != len(converted):
        return 1
    return sum(a != b for a, b in zip(text, converted))


def detect_script(lang: str, sentences: Iterable[str]) -> str:
    """The script ``sentences`` of ``lang`` are written in (see the module docstring)."""
    if lang != "zh":
        return SCRIPTS[lang][0]
    to_simplified, to_traditional = _converter(TO_SIMPLIFIED), _converter("s2t")
    traditional_only = simplified_only = 0
    for sentence in sentences:
        traditional_only += _changed(sentence, to_simplified.convert(sentence))
        simplified_only += _changed(sentence, to_traditional.convert(sentence))
    return TRADITIONAL if traditional_only > simplified_only else SIMPLIFIED


def scored_script(script: str) -> str:
    """The script scoring reads a side written in ``script`` as."""
    return SIMPLIFIED if script == TRADITIONAL else script


def normalise_width(text: str) -> str:
    """Full-width letters, digits and symbols as ASCII, the ideographic space as a space;
    Chinese punctuation (，。？！：；（）…) kept."""
    return text.translate(_ASCII_OF_FULL_WIDTH)


def scoring_text(text: str, script: str) -> str:
    """``text`` as scoring reads it: Traditional as Simplified, full-width forms as ASCII."""
    if script == TRADITIONAL:
        text = _converter(TO_SIMPLIFIED).convert(text)
    return normalise_width(text)
