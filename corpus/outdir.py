"""The OUT_DIR of ``bitext align``: the files every later stage (export, review) reads.

- ``src.sents`` / ``tgt.sents``: the sentences, one a line; line number (0-based) = id.
- ``alignment.align``: one bead a line, ``[src ids]:[tgt ids]`` (the gold-set format).
- ``pairs.jsonl``: one bead a line: ids, both texts, score, bead type, review status.
- ``meta.json``: signature, languages and scripts, per-document summary, lines set aside at
  reading; ``"interleaved": true`` when both sides came from one file (each side's
  ``paragraphs`` then number the file's pairs of paragraphs alike).

Every file is written atomically. ``meta.json`` is written afresh unless ``write_outdir`` is
called with ``keep_extra_meta`` (the review screen does: it rewrites the OUT_DIR after every
correction, and what other tools added to ``meta.json`` must survive). Then the keys an
existing ``meta.json`` holds beyond those written here are kept, at the top level and in the
``src``/``tgt`` records; a key written here is replaced whole (the summary of a corrected
alignment lists no bead kind of the old one).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_open, atomic_write_text
from corpus.beads import STATUSES, Bead, format_align, read_align_file
from corpus.document import AlignedDocument, SetAside, Side
from corpus.errors import InputError
from corpus.signature import Signature

SRC_SENTS = "src.sents"
TGT_SENTS = "tgt.sents"
ALIGNMENT = "alignment.align"
PAIRS = "pairs.jsonl"
META = "meta.json"


def pair_record(doc: AlignedDocument, bead: Bead) -> dict[str, Any]:
    """One line of pairs.jsonl."""
    src_text, tgt_text = doc.bead_texts(bead)
    return {
        "doc_id": doc.doc_id,
        "src_ids": list(bead.src),
        "tgt_ids": list(bead.tgt),
        "src_lang": doc.src.lang,
        "tgt_lang": doc.tgt.lang,
        "src": src_text,
        "tgt": tgt_text,
        "score": round(bead.score, 4),
        "bead": bead.kind,
        "status": bead.status,
    }


def _side_meta(side: Side) -> dict[str, Any]:
    return {
        "lang": side.lang,
        "script": side.script,
        "source": side.source,
        "encoding": side.encoding,
        "format": side.format,
        "sentences": len(side),
        "paragraphs": list(side.paragraphs),
        "set_aside": [
            {"line": item.line_no, "text": item.text, "reason": item.reason}
            for item in side.set_aside
        ],
    }


def is_interleaved(doc: AlignedDocument) -> bool:
    """Whether both sides were read from one file (``corpus.read.interleaved``): their
    paragraph indices are then the file's pairs of paragraphs."""
    return bool(doc.src.source) and doc.src.source == doc.tgt.source


def _with_keys_of(written: dict[str, Any], existing: dict[str, Any]) -> dict[str, Any]:
    """``written``, then the keys only ``existing`` has."""
    return {**written, **{key: value for key, value in existing.items() if key not in written}}


def _keep_extra_meta(meta: dict[str, Any], path: Path) -> dict[str, Any]:
    """``meta`` plus what the meta.json at ``path`` holds beyond it (see the module docstring)."""
    if not path.is_file():
        return meta
    try:
        existing = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        existing = None
    if not isinstance(existing, dict):
        raise InputError(f"{path} is not a JSON object: cannot keep what it holds")
    kept = _with_keys_of(meta, existing)
    for side in ("src", "tgt"):
        if isinstance(existing.get(side), dict):
            kept[side] = _with_keys_of(meta[side], existing[side])
    return kept


def write_outdir(
    out_dir: str | Path, doc: AlignedDocument, *, keep_extra_meta: bool = False
) -> None:
    """Write ``doc`` as an OUT_DIR; ``keep_extra_meta``: see the module docstring."""
    out = Path(out_dir)
    meta = {
        "doc_id": doc.doc_id,
        "signature": doc.signature.to_dict(),
        "signature_line": str(doc.signature),
        "summary": doc.summary.to_dict(),
        "src": _side_meta(doc.src),
        "tgt": _side_meta(doc.tgt),
    }
    if is_interleaved(doc):
        meta["interleaved"] = True
    if keep_extra_meta:
        meta = _keep_extra_meta(meta, out / META)  # before any write: a refusal changes nothing
    out.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out / SRC_SENTS, "".join(s + "\n" for s in doc.src.sentences))
    atomic_write_text(out / TGT_SENTS, "".join(s + "\n" for s in doc.tgt.sentences))
    atomic_write_text(out / ALIGNMENT, format_align(doc.beads))
    with atomic_open(out / PAIRS) as fh:
        for bead in doc.beads:
            fh.write(json.dumps(pair_record(doc, bead), ensure_ascii=False) + "\n")
    atomic_write_text(out / META, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")


def _read_side(out: Path, name: str, meta: dict[str, Any]) -> Side:
    text = (out / name).read_text(encoding="utf-8")
    sentences = tuple(text.split("\n")[:-1]) if text else ()
    paragraphs = tuple(meta.get("paragraphs") or ())
    try:
        return Side(
            sentences=sentences,
            lang=meta.get("lang", ""),
            paragraphs=paragraphs if len(paragraphs) == len(sentences) else (),
            set_aside=tuple(
                SetAside(item["line"], item["text"], item["reason"])
                for item in meta.get("set_aside", ())
            ),
            source=meta.get("source", ""),
            encoding=meta.get("encoding", "utf-8"),
            format=meta.get("format", "text"),
            script=meta.get("script", ""),  # "" (an older OUT_DIR): detected from the text
        )
    except ValueError as exc:
        raise InputError(f"{out / META}: {exc} ({name})") from None


def read_outdir(out_dir: str | Path) -> AlignedDocument:
    """Load an OUT_DIR; scores and review status come from pairs.jsonl when it is there."""
    out = Path(out_dir)
    missing = [n for n in (SRC_SENTS, TGT_SENTS, ALIGNMENT) if not (out / n).is_file()]
    if missing:
        raise InputError(f"{out} is not a bitext output folder: missing {', '.join(missing)}")
    meta = json.loads((out / META).read_text(encoding="utf-8")) if (out / META).is_file() else {}
    beads = read_align_file(out / ALIGNMENT)
    if (out / PAIRS).is_file():
        by_ids = {}
        for line in (out / PAIRS).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                status = row.get("status", "auto")
                by_ids[(tuple(row["src_ids"]), tuple(row["tgt_ids"]))] = (
                    float(row.get("score", 0.0)),
                    status if status in STATUSES else "auto",
                )
        beads = [
            Bead(b.src, b.tgt, *by_ids.get((b.src, b.tgt), (0.0, "auto"))) for b in beads
        ]
    try:
        return AlignedDocument(
            doc_id=meta.get("doc_id", out.name),
            src=_read_side(out, SRC_SENTS, meta.get("src", {})),
            tgt=_read_side(out, TGT_SENTS, meta.get("tgt", {})),
            beads=tuple(beads),
            signature=Signature.from_dict(meta.get("signature", {})),
        )
    except ValueError as exc:
        raise InputError(f"{out}: alignment does not match the sentence files: {exc}") from None
