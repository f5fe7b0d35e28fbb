"""Where the documents of a batch are aligned: local worker processes, or a Dask cluster.

Both engines take the same jobs and the same settings and run the same function
(``worker.align_job``), so an alignment is identical whichever engine ran it. Each keeps at
most ``2 × workers`` jobs in flight: memory stays flat on a crawl of any size, and a run that
is killed loses only those.

- ``local`` (default, no extra install): a pool of spawned processes, each with its aligner
  (``worker.encoder_for``). A process that dies (out of memory, a crash) breaks the pool; the
  pool is started again and the documents that were in it are tried once more, one at a
  time, so that only the document that kills its worker twice is recorded as failed.
- ``dask`` (``pip install 'bitext[dask]'``): a ``distributed.LocalCluster`` of single-threaded
  worker processes, or the scheduler at ``address`` (``tcp://host:8786``). The settings are
  sent to every worker once (``scatter``); Dask reschedules the tasks of a worker that dies
  and gives up on a task after its ``allowed-failures``, and that document fails.
"""

from __future__ import annotations

import logging
import os
import signal
import uuid
from abc import ABC, abstractmethod
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from align.batch.worker import AlignSettings, Job, Outcome, align_job, one_line
from corpus.errors import ConfigError, UnknownChoiceError

logger = logging.getLogger(__name__)

ENGINES = ("local", "dask")
DEFAULT_ENGINE = "local"
ATTEMPTS = 2  # local engine: a document whose worker died this often while it ran fails
DIED = "the worker process died while aligning it (out of memory, or a crash)"


def default_workers() -> int:
    return os.cpu_count() or 1


class Engine(ABC):
    """Runs jobs in worker processes; ``run`` yields each ``Outcome`` as it is done."""

    name: ClassVar[str]

    def __init__(self, workers: int | None = None):
        if workers is not None and workers < 1:
            raise ConfigError(f"--workers must be at least 1, not {workers}")
        self.workers = workers or default_workers()

    @abstractmethod
    def run(self, jobs: Iterable[Job], settings: AlignSettings) -> Iterator[Outcome]:
        """Outcomes in the order they finish."""


_process_settings: AlignSettings | None = None


def _start_worker(settings: AlignSettings) -> None:
    # Ctrl-C goes to the whole process group: the run stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _process_settings
    _process_settings = settings


def _local_task(job: Job) -> Outcome:
    assert _process_settings is not None, "the worker was started without settings"
    return align_job(job, _process_settings)


class LocalEngine(Engine):
    name = "local"

    def _pool(self, settings: AlignSettings) -> Any:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: a forked copy of a process that already ran torch can hang.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(settings,))

    def run(self, jobs: Iterable[Job], settings: AlignSettings) -> Iterator[Outcome]:
        from concurrent.futures import FIRST_COMPLETED, wait
        from concurrent.futures.process import BrokenProcessPool

        upcoming = iter(jobs)
        suspects: deque[Job] = deque()  # in the pool when it died: tried again one at a time
        deaths: Counter[str] = Counter()
        in_flight: dict[Any, Job] = {}
        pool = self._pool(settings)
        def submit(job: Job) -> bool:
            """Send a job to the pool; False when the pool broke since the last wait (a
            worker died while the driver was writing results): the job was never run."""
            try:
                in_flight[pool.submit(_local_task, job)] = job
            except BrokenProcessPool:
                unsent.append(job)
                return False
            return True

        unsent: deque[Job] = deque()  # refused by a pool that had just died: sent again
        try:
            while True:
                if suspects:
                    if not in_flight:
                        submit(suspects.popleft())
                else:
                    while len(in_flight) < 2 * self.workers:
                        job = unsent.popleft() if unsent else next(upcoming, None)
                        if job is None or not submit(job):
                            break
                if not in_flight:
                    if not unsent:
                        return
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool(settings)
                    continue
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                lost = []
                for future in done:
                    job = in_flight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        lost.append(job)
                if lost:
                    lost += in_flight.values()  # every job in the pool died with it
                    in_flight.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    logger.warning("a worker process died; starting the pool again")
                    pool = self._pool(settings)
                    for job in lost:
                        deaths[job.doc.id] += 1
                        if deaths[job.doc.id] >= ATTEMPTS:
                            yield Outcome(job, None, DIED)
                        else:
                            suspects.append(job)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, workers: int | None = None, address: str | None = None):
        super().__init__(workers)
        self.address = address

    def _client(self) -> Any:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ConfigError("the dask engine needs the dask extra: "
                              "pip install 'bitext[dask]'") from None
        if self.address:
            try:
                return Client(self.address, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Dask scheduler at {self.address}: "
                                  f"{one_line(exc)}") from None
        import dask

        # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, which hands freed memory back
        # to the system at once: with the aligner's many short-lived arrays that cost as much
        # system time as the alignment itself (12 MAC-Dev chapters: 12 s against 0.5 s).
        environ = {name: value for name, value in
                   dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
                   if name != "MALLOC_TRIM_THRESHOLD_"}
        with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                   processes=True, dashboard_address="127.0.0.1:0",
                                   silence_logs=logging.ERROR)
        return Client(cluster)

    def run(self, jobs: Iterable[Job], settings: AlignSettings) -> Iterator[Outcome]:
        from distributed import as_completed

        client = self._client()
        try:
            slots = 2 * max(1, sum(client.nthreads().values()))
            shared = client.scatter(settings, broadcast=True)
            upcoming = iter(jobs)
            finished = as_completed()
            owner: dict[str, Job] = {}

            def submit() -> bool:
                job = next(upcoming, None)
                if job is None:
                    return False
                future = client.submit(align_job, job, shared, pure=False,
                                       key=f"bitext-align-{uuid.uuid4().hex}")
                owner[future.key] = job
                finished.add(future)
                return True

            for _ in range(slots):
                if not submit():
                    break
            for future in finished:
                job = owner.pop(future.key)
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 — KilledWorker and the like
                    outcome = Outcome(job, None, f"the Dask task failed: {one_line(exc)}")
                future.release()
                yield outcome
                submit()
        finally:
            cluster = None if self.address else client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def make_engine(name: str = DEFAULT_ENGINE, workers: int | None = None,
                address: str | None = None) -> Engine:
    """The engine ``name`` (one of ENGINES); ``address`` is for a cluster engine only."""
    if name not in ENGINES:
        raise UnknownChoiceError("engine", name, ENGINES)
    if name == "local":
        if address:
            raise ConfigError("--address names a cluster: use it with --engine dask")
        return LocalEngine(workers)
    return DaskEngine(workers, address)
