"""Bytes → text: which encoding a file was written in.

UTF-8 (a BOM is fine; UTF-16 with a BOM too); otherwise GB18030 or Big5 (or, for English,
cp1252), chosen by charset-normalizer among those only and checked by a strict decode; a
one-line notice is logged. An encoding the file declares itself (an HTML page's ``<meta
charset>``) is tried first and kept when the bytes decode under it. Data with NUL bytes is
binary and refused.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from corpus.errors import InputError

logger = logging.getLogger(__name__)

FALLBACK_ENCODINGS = ("gb18030", "big5", "cp1252")
# Pages labelled with a subset encoding routinely use characters of its superset.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950", "ascii": "utf-8",
              "iso8859-1": "cp1252"}


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; a missing or unreadable file is an InputError."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode_file(path: Path) -> tuple[str, str]:
    """The text of ``path`` and the encoding it was read with."""
    return decode_bytes(read_bytes(path), str(path))


def decode_bytes(data: bytes, where: str, declared: str | None = None) -> tuple[str, str]:
    """``data`` as text and the encoding it was read with; ``where`` names it in messages,
    ``declared`` is the encoding the data says it is in (tried after a BOM)."""
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom) and not data.startswith(codecs.BOM_UTF32_LE):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise InputError(f"{where} is a binary file, not text")
    if declared and not data.startswith(codecs.BOM_UTF8):
        name = _codec_name(declared)
        if name is not None:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                logger.warning("%s: declares %s but is not; guessing", where, declared)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data)
    if encoding is None:
        raise InputError(f"{where} is not UTF-8, GB18030 or Big5 text")
    logger.warning("%s: not UTF-8; read as %s", where, encoding)
    return data.decode(encoding), encoding


def _codec_name(label: str) -> str | None:
    """Python's codec for an encoding label, widened to its superset; None if unknown."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


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
