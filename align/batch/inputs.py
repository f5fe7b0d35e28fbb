"""The INPUT of ``bitext batch`` → document pairs, whichever of three layouts it has.

- a gold-set folder: ``zh/NAME`` + ``en/NAME`` (as the MAC-Dev and Bible sets; other
  subfolders such as ``gold/`` are ignored); the id is NAME;
- pairs by name anywhere under a folder: ``NAME.zh.EXT`` + ``NAME.en.EXT`` (or ``NAME.zh`` +
  ``NAME.en``); the id is NAME with its folders, ``news/2021/a``;
- a manifest: TSV, CSV or JSONL with the columns ``id``, ``src``, ``tgt`` (others, such as
  the ``score`` of ``bitext match``, are ignored); paths are relative to the manifest.

The Chinese file is the source side in the first two layouts, as in the gold sets. A document
with one side only (a row of ``bitext match`` without a counterpart, a lone ``NAME.zh.txt``)
is listed as unpaired, not aligned and not lost. A file that is missing or unreadable is no
error here: that document fails when it is aligned, and the others go on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import InputError
from corpus.rundir import Unpaired

MANIFEST_SUFFIXES = (".tsv", ".csv", ".jsonl")
MANIFEST_COLUMNS = ("id", "src", "tgt")
_BY_NAME = re.compile(r"^(?P<name>.+)\.(?P<lang>zh|en)(?:\.(?P<ext>[A-Za-z0-9]+))?$")


@dataclass(frozen=True)
class DocumentPair:
    """One document to align: its id in the run and its two files (source side first)."""

    id: str
    src: Path
    tgt: Path


@dataclass(frozen=True)
class BatchInput:
    """What an INPUT holds: the pairs to align, in order, and the documents left unpaired."""

    source: Path
    layout: str  # "gold-set", "by-name" or "manifest"
    pairs: tuple[DocumentPair, ...]
    unpaired: tuple[Unpaired, ...] = ()


def find_documents(path: str | Path) -> BatchInput:
    """The document pairs of ``path`` (see the module docstring); InputError when none."""
    source = Path(path)
    if source.is_file():
        batch = _manifest(source)
    elif not source.is_dir():
        raise InputError(f"{source}: no such file or folder")
    elif (source / "zh").is_dir() and (source / "en").is_dir():
        batch = _gold_set(source)
    else:
        batch = _by_name(source)
    if not batch.pairs:
        raise InputError(
            f"no document pairs in {source}: expected zh/NAME + en/NAME, NAME.zh.EXT + "
            f"NAME.en.EXT, or a manifest ({', '.join(MANIFEST_SUFFIXES)}) with columns "
            f"{', '.join(MANIFEST_COLUMNS)}"
        )
    _check_unique(source, [p.id for p in batch.pairs] + [u.id for u in batch.unpaired])
    return batch


def _check_unique(source: Path, ids: list[str]) -> None:
    seen: set[str] = set()
    for doc_id in ids:
        if doc_id in seen:
            raise InputError(f"{source}: document id {doc_id!r} appears twice")
        seen.add(doc_id)


def _files(folder: Path) -> dict[str, Path]:
    return {p.name: p for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def _gold_set(source: Path) -> BatchInput:
    zh, en = _files(source / "zh"), _files(source / "en")
    pairs = tuple(DocumentPair(name, zh[name], en[name]) for name in zh if name in en)
    unpaired = [Unpaired(name, str(zh[name]), "") for name in zh if name not in en]
    unpaired += [Unpaired(name, "", str(en[name])) for name in en if name not in zh]
    return BatchInput(source, "gold-set", pairs, tuple(unpaired))


def _by_name(source: Path) -> BatchInput:
    sides: dict[str, dict[str, Path]] = {}
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        match = _BY_NAME.match(path.name)
        if match is None or not path.is_file() or any(
                part.startswith(".") for part in relative.parts):
            continue
        doc_id = (relative.parent / match["name"]).as_posix()
        found = sides.setdefault(doc_id, {})
        if match["lang"] in found:
            raise InputError(f"{source}: two {match['lang']} files for {doc_id!r}: "
                             f"{found[match['lang']].name} and {path.name}")
        found[match["lang"]] = path
    pairs = tuple(DocumentPair(doc_id, found["zh"], found["en"])
                  for doc_id, found in sides.items() if len(found) == 2)
    unpaired = tuple(Unpaired(doc_id, str(found.get("zh", "")), str(found.get("en", "")))
                     for doc_id, found in sides.items() if len(found) == 1)
    return BatchInput(source, "by-name", pairs, unpaired)


def _manifest_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) with at least the manifest columns."""
    suffix = path.suffix.lower()
    if suffix not in MANIFEST_SUFFIXES:
        raise InputError(f"{path}: a manifest must be {', '.join(MANIFEST_SUFFIXES)}; "
                         "a folder of documents is given as the folder")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: a manifest must be UTF-8 text") from None
    if suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise InputError(f"{path}:{number}: not a JSON object") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{number}: not a JSON object")
            rows.append((number, {k: "" if v is None else str(v) for k, v in row.items()}))
        found = set().union(*(row.keys() for _, row in rows)) if rows else set()
    else:
        reader = csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ",")
        found = set(reader.fieldnames or ())
        rows = [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k})
                for row in reader]
    missing = [c for c in MANIFEST_COLUMNS if c not in found]
    if missing:
        raise InputError(f"{path}: the manifest lacks the column(s) {', '.join(missing)}; "
                         f"it needs {', '.join(MANIFEST_COLUMNS)}")
    return rows


def _manifest(path: Path) -> BatchInput:
    base = path.parent
    pairs, unpaired = [], []
    for number, row in _manifest_rows(path):
        doc_id, src, tgt = (row.get(c, "").strip() for c in MANIFEST_COLUMNS)
        if not doc_id:
            raise InputError(f"{path}:{number}: the row has no id")
        if not src and not tgt:
            raise InputError(f"{path}:{number}: document {doc_id!r} has neither src nor tgt")
        if src and tgt:
            pairs.append(DocumentPair(doc_id, base / src, base / tgt))
        else:
            unpaired.append(Unpaired(doc_id, src and str(base / src), tgt and str(base / tgt)))
    return BatchInput(path, "manifest", tuple(pairs), tuple(unpaired))
