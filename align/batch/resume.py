"""Keys and resuming: which documents of an INPUT a run still has to align.

A document's key hashes its two files' bytes with the settings that decide its alignment
(``AlignSettings.key``). A rerun skips a document whose last record is ok, carries the same
key and has its folder; it aligns again every other one: failed, new, changed (its text or
the settings), or lost in a kill.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from align.batch.inputs import DocumentPair
from align.batch.worker import AlignSettings, Job
from corpus.rundir import RunRecord, doc_dir


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, or a marker of why it could not be read (the document
    fails when aligned; the marker changes when the file appears)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        return f"unreadable:{type(exc).__name__}"
    return digest.hexdigest()


def document_key(pair: DocumentPair, settings: AlignSettings) -> str:
    text = f"{settings.key}\n{file_digest(pair.src)}\n{file_digest(pair.tgt)}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Plan:
    """The jobs still to do, and the records of the documents a rerun skips."""

    jobs: tuple[Job, ...]
    finished: tuple[RunRecord, ...]


def plan(pairs: tuple[DocumentPair, ...], settings: AlignSettings,
         records: Mapping[str, RunRecord], run_dir: Path) -> Plan:
    jobs, finished = [], []
    for pair in pairs:
        key = document_key(pair, settings)
        record = records.get(pair.id)
        if (record is not None and record.ok and record.key == key
                and doc_dir(run_dir, pair.id).is_dir()):
            finished.append(record)
        else:
            jobs.append(Job(pair, key))
    return Plan(tuple(jobs), tuple(finished))
