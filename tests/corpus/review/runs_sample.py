"""A small RUN_DIR made by hand: two ok documents of the review sample and a failed one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from corpus.rundir import RunRecord, append_record, open_run, publish_document
from tests.corpus.review.sample import make_doc


def make_run(root: Path) -> Path:
    """``good`` (the sample, mean score as it is), ``weak`` (every score halved) and
    ``broken`` (failed)."""
    run = open_run(root)
    good = make_doc(doc_id="good")
    weak = make_doc(doc_id="weak")
    weak = replace(weak, beads=tuple(replace(b, score=b.score / 2) for b in weak.beads))
    for doc in (good, weak):
        publish_document(run, doc, doc.doc_id)
        append_record(run, RunRecord(id=doc.doc_id, status="ok", key="k", src="zh.txt",
                                     tgt="en.txt", beads=len(doc.beads),
                                     mean_score=doc.summary.mean_score))
    append_record(run, RunRecord(id="broken", status="failed", key="k", src="b.zh",
                                 tgt="b.en", error="b.zh is a binary file, not text"))
    return run
