"""``run_batch``: an INPUT's document pairs → a RUN_DIR, on an engine, resumable.

The driver (this process) owns the RUN_DIR: workers only align and hand back the alignment,
the driver publishes each document's folder whole (``corpus.rundir.publish_document``), then
appends its record. A run killed at any moment leaves complete folders and complete records;
a folder without a record is aligned again by the next run.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from align.batch.engines import Engine, LocalEngine
from align.batch.inputs import BatchInput
from align.batch.progress import Progress
from align.batch.resume import plan
from align.batch.worker import AlignSettings, Outcome
from align.encoders.registry import ENCODERS
from corpus.errors import ConfigError, UnknownChoiceError
from corpus.read.formats import check_input_format
from corpus.rundir import (
    RunRecord,
    append_record,
    open_run,
    publish_document,
    read_records,
    write_unpaired,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkerStats:
    worker: str  # host:pid
    documents: int
    peak_mib: float


@dataclass(frozen=True)
class BatchResult:
    """What a run did: documents of the input, skipped as done, aligned now, failed."""

    run_dir: Path
    documents: int
    skipped: int
    aligned: int  # ok in this run
    failed: tuple[RunRecord, ...]
    sentences: int  # of the documents aligned in this run, both sides
    seconds: float
    unpaired: int
    workers: tuple[WorkerStats, ...]

    @property
    def all_ok(self) -> bool:
        return not self.failed


def _record(outcome: Outcome) -> RunRecord:
    job, doc = outcome.job, outcome.alignment
    common = dict(id=job.doc.id, key=job.key, src=str(job.doc.src), tgt=str(job.doc.tgt),
                  seconds=outcome.seconds, worker=outcome.worker)
    if doc is None:
        return RunRecord(status="failed", error=outcome.error, **common)
    return RunRecord(status="ok", beads=len(doc.beads), sentences=len(doc.src) + len(doc.tgt),
                     mean_score=doc.summary.mean_score, signature=str(doc.signature), **common)


def run_batch(batch: BatchInput, run_dir: str | Path, settings: AlignSettings | None = None,
              engine: Engine | None = None, *, progress: bool = False) -> BatchResult:
    """Align every pair of ``batch`` not already done into ``run_dir`` (see the module
    docstring); raises only for what would fail every document (the settings)."""
    settings = settings or AlignSettings()
    if isinstance(settings.encoder, str) and settings.encoder not in ENCODERS:
        raise UnknownChoiceError("encoder", settings.encoder, ENCODERS)
    check_input_format(settings.input_format)
    engine = engine or LocalEngine()
    start = time.perf_counter()
    run = open_run(run_dir)
    write_unpaired(run, batch.unpaired)
    todo = plan(batch.pairs, settings, read_records(run), run)
    if todo.finished:
        logger.info("%d of %d documents already done with these settings: skipped",
                    len(todo.finished), len(batch.pairs))
    bar = Progress(len(batch.pairs), len(todo.finished), enabled=progress)
    failed: list[RunRecord] = []
    sentences = aligned = 0
    workers: dict[str, WorkerStats] = {}
    try:
        for outcome in engine.run(todo.jobs, settings):
            if outcome.fatal:
                raise ConfigError(outcome.error)
            if outcome.alignment is not None:
                publish_document(run, outcome.alignment, outcome.job.doc.id)
            record = _record(outcome)
            append_record(run, record)
            if record.ok:
                aligned += 1
                sentences += record.sentences
            else:
                failed.append(record)
                logger.warning("%s failed: %s", record.id, record.error)
            if outcome.worker:
                seen = workers.get(outcome.worker, WorkerStats(outcome.worker, 0, 0.0))
                workers[outcome.worker] = WorkerStats(outcome.worker, seen.documents + 1,
                                                      max(seen.peak_mib, outcome.peak_mib))
            bar.update(record.sentences, not record.ok)
    finally:
        bar.close()
    return BatchResult(
        run_dir=run, documents=len(batch.pairs), skipped=len(todo.finished), aligned=aligned,
        failed=tuple(failed), sentences=sentences,
        seconds=round(time.perf_counter() - start, 3), unpaired=len(batch.unpaired),
        workers=tuple(workers.values()),
    )
