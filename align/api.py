"""The Python API: the main job of ``bitext align`` as two functions, for notebooks and pipelines.

    from align import align_texts, align_files
    doc = align_texts(zh_text, en_text)        # the CLI's defaults (encoder "auto", …)
    doc = align_files("a.zh.txt", "a.en.txt")  # the CLI's readers; out_dir= writes OUT_DIR
    doc = align_files("a.zh-en.txt")           # one file, each paragraph next to its translation
    for p in doc.pairs():                      # one per bead, in order
        p.zh, p.en, p.score, p.bead
    ds = doc.to_dataset()                      # datasets.Dataset, the hf export's columns

This module sits above the algorithm (``align.aligner``) and the readers and writers of
``corpus``: it is the one place of ``align/`` that reaches export.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from align.aligner import Aligner
from align.config import AlignConfig
from align.encoders.base import Encoder
from align.encoders.registry import DEFAULT_ENCODER
from corpus.document import AlignedDocument, Side
from corpus.export.rows import PairRow, document_rows
from corpus.read.formats import DEFAULT_INPUT_FORMAT

logger = logging.getLogger(__name__)


class Alignment(AlignedDocument):
    """An aligned document, with its pairs as rows, as a ``datasets.Dataset``, and as the
    files of an OUT_DIR."""

    def pairs(self) -> list[PairRow]:
        """One row per bead, in order: ``zh``, ``en`` (the bead's sentences joined),
        ``score``, ``bead`` ("2-1"), ids and review status."""
        return list(document_rows(self))

    def to_dataset(self) -> Any:
        """The pairs as a ``datasets.Dataset`` with the columns of ``bitext export -f hf``:
        ``translation`` {"en", "zh"}, ``doc_id``, ``src_lang``, ids, ``bead``, ``score``,
        ``len_ratio``, ``status``, ``zh_lang``."""
        import datasets

        from corpus.export.hf import features

        return datasets.Dataset.from_list([row.to_record() for row in self.pairs()],
                                          features=features())

    def write(self, out_dir: str | Path) -> None:
        """The files ``bitext align`` writes: sentences, alignment, pairs, meta.json."""
        from corpus.outdir import write_outdir

        write_outdir(out_dir, self)


def aligner(encoder: str | Encoder = DEFAULT_ENCODER, *, model: str | None = None,
            device: str | None = None, precision: str | None = None,
            max_bead: int | None = AlignConfig.max_bead) -> Aligner:
    """The aligner ``bitext align`` builds from its options; an ``Encoder`` is used as is
    (build it once to align many documents with one loaded model)."""
    if isinstance(encoder, str):
        from align.encoders.registry import resolve_encoder

        given = {"device": device, "precision": precision}
        options = {key: value for key, value in given.items() if value is not None}
        encoder, why = resolve_encoder(encoder, model, **options)
        logger.info("encoder: %s", why)
    return Aligner(encoder, AlignConfig(max_bead=max_bead))


def align_sides(src: Side, tgt: Side, *, doc_id: str = "document",
                **options: Any) -> Alignment:
    """Align two Sides (sentences already read) with ``aligner(**options)``."""
    return _aligned(aligner(**options), src, tgt, doc_id)


def align_texts(zh_text: str, en_text: str, *, presplit: bool = False,
                doc_id: str = "document", **options: Any) -> Alignment:
    """Align a Chinese text and its English translation (strings), read as ``bitext align``
    reads files (paragraphs, set-aside lines, sentence splitting; ``presplit``: one sentence
    a line). Options: ``encoder``, ``model``, ``device``, ``precision``, ``max_bead`` (see
    ``aligner``)."""
    from corpus.read import read_text

    runner = aligner(**options)  # a bad option fails before any reading
    zh = read_text(zh_text, lang="zh", presplit=presplit)
    en = read_text(en_text, lang="en", presplit=presplit)
    return _aligned(runner, zh, en, doc_id)


def align_files(src: str | Path, tgt: str | Path | None = None, *, presplit: bool = False,
                input_format: str = DEFAULT_INPUT_FORMAT, out_dir: str | Path | None = None,
                doc_id: str = "", **options: Any) -> Alignment:
    """Align two files, one Chinese and one English in either order (the first is the source
    side), as ``bitext align`` does; with ``out_dir``, write its files there too.
    Without ``tgt``, ``src`` is one file holding both languages paragraph by paragraph
    (中英对照): its first paragraph's language is the source side, and pair k of paragraphs
    has paragraph index k on both sides. ``input_format``: "auto" (from each file's content
    and extension), "text", "markdown", "html", "docx" or "pdf" for both."""
    from corpus.read import read_interleaved, read_pair

    runner = aligner(**options)
    if tgt is None:
        first, second = read_interleaved(src, presplit=presplit, input_format=input_format)
    else:
        first, second = read_pair(src, tgt, presplit=presplit, input_format=input_format)
    for side in (first, second):
        logger.info("%s: %s %s, %d sentences, %d line(s) set aside", side.source, side.format,
                    side.lang, len(side), len(side.set_aside))
    doc = _aligned(runner, first, second, doc_id or Path(src).stem.split(".")[0])
    if out_dir is not None:
        doc.write(out_dir)
    return doc


def _aligned(runner: Aligner, src: Side, tgt: Side, doc_id: str) -> Alignment:
    doc = runner.align(src, tgt, doc_id=doc_id)
    return Alignment(doc.doc_id, doc.src, doc.tgt, doc.beads, doc.signature)
