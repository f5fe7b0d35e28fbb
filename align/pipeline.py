"""The main job: two files in, a scored alignment written to OUT_DIR."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from align.aligner import AlignConfig, Aligner
from align.encoders.base import Encoder
from corpus.document import AlignedDocument
from corpus.outdir import write_outdir
from corpus.read import read_pair

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlignJob:
    src: Path
    tgt: Path
    out_dir: Path
    presplit: bool = False
    doc_id: str = ""


def run_align_job(job: AlignJob, encoder: Encoder, config: AlignConfig | None = None) -> AlignedDocument:
    """Read, split, align and write one document pair; returns the aligned document."""
    src, tgt = read_pair(job.src, job.tgt, presplit=job.presplit)
    for side in (src, tgt):
        logger.info("%s: %s, %d sentences, %d line(s) set aside", side.source, side.lang,
                    len(side), len(side.set_aside))
    doc_id = job.doc_id or Path(job.src).stem.split(".")[0]
    doc = Aligner(encoder, config).align(src, tgt, doc_id=doc_id)
    write_outdir(job.out_dir, doc)
    return doc
