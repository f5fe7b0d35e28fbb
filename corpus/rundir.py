"""The RUN_DIR of ``bitext batch``: one OUT_DIR a document and a log of what happened to each.

- ``docs/<folder>/``: the document's OUT_DIR (``corpus.outdir``), published whole: written in
  ``.partial/`` and renamed into place, so a folder under ``docs/`` is always complete.
- ``run.jsonl``: one ``RunRecord`` a line, appended as each document finishes (ok or failed)
  and flushed to disk; the last record of an id is its state. A line torn by a kill is ignored
  and the next append starts on a fresh line.
- ``unpaired.tsv``: the input's documents that have no counterpart (never aligned, listed).

Export and review read runs through here; ``align.batch`` writes them.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_write_text
from corpus.document import AlignedDocument
from corpus.errors import InputError
from corpus.outdir import write_outdir

logger = logging.getLogger(__name__)

RUN_LOG = "run.jsonl"
DOCS_DIR = "docs"
PARTIAL_DIR = ".partial"
REPLACED_DIR = "replaced"
UNPAIRED = "unpaired.tsv"
STATUSES = ("ok", "failed")
# Files a review adds to an OUT_DIR: a folder holding them is moved aside, never deleted.
REVIEW_FILES = ("review.log.jsonl", "review.state.json")

_UNSAFE = re.compile(r"[^\w.\- ]")


@dataclass(frozen=True)
class RunRecord:
    """What became of one document in a run (one line of ``run.jsonl``)."""

    id: str
    status: str  # "ok" or "failed"
    key: str  # content hash + settings: a rerun skips an ok document whose key is unchanged
    src: str
    tgt: str
    error: str = ""
    beads: int = 0
    sentences: int = 0  # both sides
    mean_score: float = 0.0
    seconds: float = 0.0
    signature: str = ""
    worker: str = ""  # host:pid of the process that aligned it

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {self.status!r}")

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def to_line(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunRecord:
        known = cls.__dataclass_fields__
        return cls(**{name: value for name, value in data.items() if name in known})


@dataclass(frozen=True)
class Unpaired:
    """An input document without a counterpart: one of ``src``/``tgt`` is empty."""

    id: str
    src: str
    tgt: str


def folder_name(doc_id: str) -> str:
    """The folder of ``doc_id`` under ``docs/``: the id with every character that is not a
    letter, digit, space, ``.``, ``-`` or ``_`` written ``%XX`` (so ids never collide), and a
    leading dot escaped (no hidden folders, no ``..``)."""
    name = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), doc_id)
    return "%2E" + name[1:] if name.startswith(".") else name


def doc_dir(run_dir: str | Path, doc_id: str) -> Path:
    return Path(run_dir) / DOCS_DIR / folder_name(doc_id)


def is_run_dir(path: str | Path) -> bool:
    return (Path(path) / RUN_LOG).is_file()


def read_records(run_dir: str | Path) -> dict[str, RunRecord]:
    """The last record of each id, in the order the ids first appear."""
    path = Path(run_dir) / RUN_LOG
    records: dict[str, RunRecord] = {}
    if not path.is_file():
        return records
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = RunRecord.from_dict(json.loads(line))
            except (ValueError, TypeError):
                logger.warning("%s:%d: unreadable record ignored (a run killed while writing "
                               "it); that document will be aligned again", path, number)
                continue
            records[record.id] = record
    return records


def append_record(run_dir: str | Path, record: RunRecord) -> None:
    """Add ``record`` to ``run.jsonl`` in one write, then fsync."""
    path = Path(run_dir) / RUN_LOG
    line = record.to_line().encode("utf-8")
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            line = b"\n" + line  # the last line was torn by a kill: start a fresh one
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def open_run(run_dir: str | Path) -> Path:
    """Make ``run_dir`` ready to receive documents; half-written folders of an earlier run that
    was killed are removed."""
    run = Path(run_dir)
    if run.exists() and not run.is_dir():
        raise InputError(f"{run} exists and is not a folder")
    if run.is_dir() and any(run.iterdir()) and not is_run_dir(run):
        raise InputError(f"{run} is a folder that is not a bitext run (no {RUN_LOG}); "
                         "choose an empty or new folder")
    shutil.rmtree(run / PARTIAL_DIR, ignore_errors=True)
    (run / DOCS_DIR).mkdir(parents=True, exist_ok=True)
    (run / RUN_LOG).touch()
    return run


def publish_document(run_dir: str | Path, doc: AlignedDocument, doc_id: str) -> Path:
    """Write ``doc`` as the OUT_DIR of ``doc_id`` in one rename (see the module docstring).

    A folder it replaces is deleted, unless a reviewer worked in it: that one is moved to
    ``replaced/``.
    """
    run = Path(run_dir)
    target = doc_dir(run, doc_id)
    partial = run / PARTIAL_DIR
    partial.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.", dir=partial))
    try:
        write_outdir(staging, doc)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old.", dir=partial))
            os.replace(target, old / target.name)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        _retire(run, old / target.name)
        shutil.rmtree(old, ignore_errors=True)
    return target


def _retire(run: Path, folder: Path) -> None:
    if not any((folder / name).exists() for name in REVIEW_FILES):
        return
    replaced = run / REPLACED_DIR
    replaced.mkdir(exist_ok=True)
    keep = Path(tempfile.mkdtemp(prefix=f"{folder.name}.", dir=replaced)) / folder.name
    os.replace(folder, keep)
    logger.warning("%s was reviewed and is aligned again: the reviewed folder is kept in %s",
                   folder.name, keep)


def write_unpaired(run_dir: str | Path, unpaired: Iterable[Unpaired]) -> Path | None:
    """List the documents without a counterpart in ``unpaired.tsv`` (removed when none)."""
    path = Path(run_dir) / UNPAIRED
    rows = [f"{u.id}\t{u.src}\t{u.tgt}\n" for u in unpaired]
    if not rows:
        path.unlink(missing_ok=True)
        return None
    atomic_write_text(path, "id\tsrc\ttgt\n" + "".join(rows))
    return path


@dataclass(frozen=True)
class RunDocument:
    """A document of a run as export and review see it: its last record and its folder."""

    record: RunRecord
    path: Path


def run_documents(run_dir: str | Path) -> list[RunDocument]:
    """Every document of the run with its last record; raises when ``run_dir`` is no run."""
    run = Path(run_dir)
    if not is_run_dir(run):
        raise InputError(f"{run} is not a bitext run folder (no {RUN_LOG})")
    return [RunDocument(r, doc_dir(run, r.id)) for r in read_records(run).values()]


def ok_documents(run_dir: str | Path) -> list[RunDocument]:
    """The documents whose last record is ok and whose folder is there."""
    return [d for d in run_documents(run_dir) if d.record.ok and d.path.is_dir()]
