"""What a worker process runs: one document pair → an ``Outcome``, with one aligner a process.

The encoder is built on a worker's first document and kept for the next ones (a module-level
cache keyed by the settings), so a model loads once per worker, whichever engine started the
process. Every error of a document is caught and becomes a failed ``Outcome`` with a one-line
message: one bad document never stops a run. An error of the settings (an unknown encoder
option, a model that is not here, a device that is not there) is marked ``fatal``: it would
fail every document, so the run stops.
"""

from __future__ import annotations

import logging
import os
import resource
import socket
import time
from dataclasses import dataclass
from typing import Any

from align.batch.inputs import DocumentPair
from align.config import AlignConfig
from align.encoders.base import Encoder
from align.encoders.registry import DEFAULT_ENCODER
from corpus.document import AlignedDocument
from corpus.errors import BitextError, ConfigError, ModelUnavailableError
from corpus.read.formats import DEFAULT_INPUT_FORMAT
from corpus.signature import package_version

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AlignSettings:
    """The options of ``bitext align`` that a batch applies to every document."""

    presplit: bool = False
    input_format: str = DEFAULT_INPUT_FORMAT
    encoder: str | Encoder = DEFAULT_ENCODER  # a name, or an Encoder object
    model: str | None = None
    device: str | None = None
    precision: str | None = None
    max_bead: int | None = AlignConfig.max_bead

    @property
    def key(self) -> str:
        """What decides an alignment besides the texts: version, encoder, model, bead size,
        presplit, input format. The device and the precision are left out: they change
        where and how a model runs, not what a document is."""
        encoder = self.encoder if isinstance(self.encoder, str) else (
            f"{self.encoder.name}:{self.encoder.model_id}")
        return (f"bitext:{package_version()}|encoder:{encoder}|model:{self.model or ''}|"
                f"max_bead:{self.max_bead or 'auto'}|presplit:{int(self.presplit)}|"
                f"input_format:{self.input_format}")


@dataclass(frozen=True)
class Job:
    """A document pair to align, with the key its record will carry."""

    doc: DocumentPair
    key: str


@dataclass(frozen=True)
class Outcome:
    """A job done: the alignment, or the one-line error that stopped it."""

    job: Job
    alignment: AlignedDocument | None
    error: str = ""
    seconds: float = 0.0
    worker: str = ""  # host:pid
    peak_mib: float = 0.0  # the worker process's peak resident memory so far
    fatal: bool = False  # the settings, not the document, are at fault: stop the run


_encoders: dict[tuple[str, str | None, str | None], Encoder] = {}


def encoder_for(settings: AlignSettings) -> Encoder:
    """This process's encoder for ``settings``, built on first use (an Encoder object given
    in the settings is the one kept, however often the settings were unpickled)."""
    cache_key = (settings.key, settings.device, settings.precision)
    if cache_key not in _encoders:
        if isinstance(settings.encoder, str):
            from align.api import aligner

            _encoders[cache_key] = aligner(settings.encoder, model=settings.model,
                                           device=settings.device,
                                           precision=settings.precision,
                                           max_bead=settings.max_bead).encoder
        else:
            _encoders[cache_key] = settings.encoder
    return _encoders[cache_key]


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_mib() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (2**20 if os.uname().sysname == "Darwin" else 2**10), 1)


def one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def align_job(job: Job, settings: AlignSettings) -> Outcome:
    """Align one document pair as ``bitext align`` does; never raises for a bad document."""
    from align.api import align_files

    start = time.perf_counter()
    alignment: Any = None
    error, fatal = "", False
    try:
        alignment = align_files(job.doc.src, job.doc.tgt, presplit=settings.presplit,
                                input_format=settings.input_format, doc_id=job.doc.id,
                                encoder=encoder_for(settings), max_bead=settings.max_bead)
    except (ConfigError, ModelUnavailableError) as exc:
        error, fatal = one_line(exc), True
    except BitextError as exc:
        error = one_line(exc)
    except Exception as exc:  # noqa: BLE001 — a bug on one document must not stop the others
        logger.debug("%s failed", job.doc.id, exc_info=True)
        error = f"internal error: {type(exc).__name__}: {one_line(exc)}"
    return Outcome(job, alignment, error, round(time.perf_counter() - start, 3), worker_name(),
                   peak_mib(), fatal)
