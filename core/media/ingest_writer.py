"""GroupCommitWriter: uploads are stored in batches (group commits), files included.

Request threads do the CPU work (validation, decoding, the thumbnail) and then ``submit`` the
bytes to write and the row to insert; they wait on a future. The writer takes everything that
is queued at that moment as one batch and:

1. asks the store which uploads are already stored (a retry): those are answered at once, and
   a second upload of the same key (in the batch, or in one still being committed) waits
   until the first is answered, then finds it stored (an idempotent repeat) or not (then it
   is tried itself);
2. writes every file of the batch to a temp file, flushes them all, renames them into place
   and fsyncs each folder once (``MediaStore.write_durable``); an upload whose files cannot be
   written fails alone (a full disk as ``StorageFull``);
3. hands the uploads whose files are durable to the commit thread, which calls the store's
   ``commit``: one write transaction for all the rows of every batch waiting for it, with the
   store isolating a failing row (a savepoint per row). Batches are formed one at a time, but
   two file threads write them concurrently, and rows commit while later batches' files are
   written;
4. removes the files of every upload that failed, then answers each future.

A future is answered only after its files and its row are on stable storage, and events are
published by the store's unit of work after its commit, before any future is answered.
Uploads that arrive while a batch is being written form the next batch: under load many
uploads share one durability barrier, and a lone upload is never delayed to wait for others.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from core.domain.errors import StorageFull
from core.media.store import MediaStore, is_no_space

log = logging.getLogger(__name__)

P = TypeVar("P")
R = TypeVar("R")
P_contra = TypeVar("P_contra", contravariant=True)
R_co = TypeVar("R_co", covariant=True)



@dataclass(eq=False)
class Job(Generic[P, R]):
    """One upload: its idempotency key, the files to write and what the store needs for the
    row. ``future`` is answered once both are durable (or with the upload's own error)."""

    key: str
    files: Sequence[tuple[str, bytes]]
    payload: P
    future: Future[R] = field(default_factory=Future)


class BatchStore(Protocol[P_contra, R_co]):
    def known(self, payloads: Sequence[P_contra]) -> Sequence[R_co | Exception | None]:
        """For each upload: its stored result if its key is already stored (or the error a
        repeat gets, e.g. a key used by someone else), None if it is new."""

    def commit(self, payloads: Sequence[P_contra]) -> Sequence[R_co | Exception]:
        """Store the rows in one write transaction; each upload's result or its own error.
        Raising means the whole transaction failed and nothing was stored."""


@dataclass
class WriterStats:
    submitted: int = 0
    batches: int = 0
    uploads: int = 0
    largest_batch: int = 0
    last_batch: int = 0


class WriterStopped(RuntimeError):
    pass


_STOP = object()


@dataclass
class _Written(Generic[P, R]):
    """A batch after stage one: the uploads whose files are durable, and the answers known."""

    durable: list[Job[P, R]]
    outcomes: dict[Job[P, R], R | BaseException]


class GroupCommitWriter(Generic[P, R]):
    def __init__(self, media: MediaStore, store: BatchStore[P, R], *, max_batch: int = 128,
                 file_threads: int = 2, name: str = "proctor-ingest") -> None:
        self._media = media
        self._store = store
        self._max_batch = max_batch
        self._file_threads = file_threads
        self._name = name
        self._queue: queue.SimpleQueue[Job[P, R] | object] = queue.SimpleQueue()
        self._carried: list[Job[P, R]] = []  # repeats of a key held back for the next batch
        self._commits: queue.SimpleQueue[_Written[P, R] | object] = queue.SimpleQueue()
        self._flight = threading.Condition()
        self._in_flight: set[str] = set()  # keys whose batch is not yet answered
        self._released = threading.Event()
        self._released.set()
        self._lock = threading.Lock()
        self._taking = threading.Lock()  # one thread forms a batch at a time
        self._threads: list[threading.Thread] = []
        self._committer: threading.Thread | None = None
        self._stopped = False
        #: Uploads submitted and not answered yet, oldest first: when each was submitted.
        self._unanswered: dict[Job[P, R], float] = {}
        self.stats = WriterStats()

    # ---- the request side ------------------------------------------------------------------------
    def submit(self, key: str, files: Sequence[tuple[str, bytes]], payload: P) -> Future[R]:
        job: Job[P, R] = Job(key, files, payload)
        with self._lock:
            if self._stopped:
                raise WriterStopped("The snapshot writer has been stopped.")
            if self._committer is None:
                self._start()
            self.stats.submitted += 1
            self._unanswered[job] = time.monotonic()
            self._queue.put(job)
        return job.future

    def oldest_wait(self) -> float:
        """How long the oldest upload not answered yet has waited, in seconds (0: none waits).
        The analysis gives way to the uploads while it grows (core/jobs/analysis/pool.py)."""
        with self._lock:
            submitted = next(iter(self._unanswered.values()), None)
        return 0.0 if submitted is None else time.monotonic() - submitted

    def _start(self) -> None:
        self._committer = threading.Thread(target=self._run_commits, daemon=True,
                                           name=f"{self._name}-commit")
        self._committer.start()
        for n in range(self._file_threads):
            thread = threading.Thread(target=self._run_files, name=f"{self._name}-files-{n}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 30.0) -> None:
        """Store what was submitted, then end the threads; later submissions are refused."""
        with self._lock:
            self._stopped = True
            committer = self._committer
            if committer is not None:
                self._queue.put(_STOP)
        self._released.set()
        if committer is None:
            return
        for thread in self._threads:
            thread.join(timeout)
        while self._carried:  # repeats held back from the last batches
            batch, self._carried = self._carried, []
            self._write_files_or_fail(batch)
        self._commits.put(_STOP)
        committer.join(timeout)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold batches back while the block runs: whatever is submitted meanwhile is stored
        as one batch afterwards (for tests that need uploads to arrive together)."""
        self._released.clear()
        try:
            yield
        finally:
            self._released.set()

    # ---- the file threads ------------------------------------------------------------------------
    def _run_files(self) -> None:
        """Several threads form batches one after the other and write them concurrently: while
        one waits for its flush, the next batch's files are written (the file system merges
        flushes that wait at the same time)."""
        while (batch := self._take_batch()) is not None:
            self._write_files_or_fail(batch)

    def _take_batch(self) -> list[Job[P, R]] | None:
        with self._taking:
            with self._lock:
                batch, self._carried = self._carried, []
            if not batch:
                first = self._queue.get()
                if first is _STOP:
                    self._queue.put(_STOP)  # for the other threads
                    return None
                batch.append(first)  # type: ignore[arg-type]
            self._released.wait()
            while len(batch) < self._max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    self._queue.put(_STOP)
                    break
                batch.append(more)  # type: ignore[arg-type]
            return batch

    def _write_files_or_fail(self, batch: list[Job[P, R]]) -> None:
        try:
            self._write_files(batch)
        except BaseException as exc:  # never leave a request waiting forever
            log.exception("the snapshot writer failed on a batch of %d", len(batch))
            with self._lock:
                carried = set(self._carried)
            self._answer({job: exc for job in batch
                          if not job.future.done() and job not in carried}, release=set())

    def _write_files(self, batch: list[Job[P, R]]) -> None:
        """Stage one: repeats, then the files of the batch, durably. The rows are committed by
        the commit thread meanwhile other batches' files are written."""
        jobs: list[Job[P, R]] = []
        keys: set[str] = set()
        with self._lock:
            self.stats.batches += 1
            self.stats.uploads += len(batch)
            self.stats.last_batch = len(batch)
            self.stats.largest_batch = max(self.stats.largest_batch, len(batch))
            for job in batch:
                if job.key in keys:
                    self._carried.append(job)  # the next batch sees whether the first stuck
                else:
                    keys.add(job.key)
                    jobs.append(job)
        with self._flight:
            # A key still being committed (a retry that came quickly) waits for that commit,
            # so that its files are never written over the stored ones.
            self._flight.wait_for(lambda: keys.isdisjoint(self._in_flight))
            self._in_flight |= keys
        outcomes: dict[Job[P, R], R | BaseException] = {}
        try:
            try:
                known = self._store.known([job.payload for job in jobs])
            except Exception as exc:
                known = [exc] * len(jobs)
            fresh: list[Job[P, R]] = []
            for job, found in zip(jobs, known, strict=True):
                if found is None:
                    fresh.append(job)
                else:
                    outcomes[job] = found

            written = self._media.write_durable([job.files for job in fresh])
            durable: list[Job[P, R]] = []
            for job, error in zip(fresh, written, strict=True):
                if error is None:
                    durable.append(job)
                else:
                    outcomes[job] = _storage_error(error)
        except BaseException as exc:  # never leave a request waiting forever
            log.exception("the snapshot writer failed on a batch of %d", len(jobs))
            self._answer({job: exc for job in jobs}, release=keys)
            return
        self._commits.put(_Written(durable, outcomes))

    # ---- the commit thread -----------------------------------------------------------------------
    def _run_commits(self) -> None:
        """Commit what the file threads have made durable: every batch waiting at that moment
        in one transaction, so a commit that took longer than the uploads' pace (the database
        busy with other writers, a slow flush) is followed by a larger one instead of a queue
        of small ones, each paying for its own transaction and flush."""
        stopping = False
        while not stopping:
            item = self._commits.get()
            if not isinstance(item, _Written):
                return
            durable, outcomes = list(item.durable), dict(item.outcomes)
            while len(durable) < self._max_batch:
                try:
                    more = self._commits.get_nowait()
                except queue.Empty:
                    break
                if not isinstance(more, _Written):
                    stopping = True
                    break
                durable += more.durable
                outcomes |= more.outcomes
            try:
                self._commit_rows(durable, outcomes)
            except BaseException as exc:  # never leave a request waiting forever
                log.exception("the snapshot writer failed to commit a batch of %d", len(durable))
                for job in durable:
                    outcomes.setdefault(job, exc)
            self._answer(outcomes)

    def _commit_rows(self, durable: list[Job[P, R]],
                     outcomes: dict[Job[P, R], R | BaseException]) -> None:
        if not durable:
            return
        try:
            results: Sequence[R | Exception] = self._store.commit(
                [job.payload for job in durable])
        except Exception as exc:
            log.warning("a batch of %d snapshot rows could not be committed: %s",
                        len(durable), exc)
            results = [exc] * len(durable)
        for job, result in zip(durable, results, strict=True):
            outcomes[job] = result
            if isinstance(result, Exception):
                self._media.remove(path for path, _data in job.files)

    def _answer(self, outcomes: dict[Job[P, R], R | BaseException],
                release: set[str] | None = None) -> None:
        """Answer each future, then let a waiting repeat of one of these keys through."""
        with self._lock:
            for job in outcomes:
                self._unanswered.pop(job, None)
        for job, outcome in outcomes.items():
            if job.future.done():
                continue
            if isinstance(outcome, BaseException):
                job.future.set_exception(outcome)
            else:
                job.future.set_result(outcome)
        with self._flight:
            self._in_flight -= {job.key for job in outcomes} if release is None else release
            self._flight.notify_all()


def _storage_error(error: Exception) -> Exception:
    if is_no_space(error):
        full = StorageFull()
        full.__cause__ = error
        return full
    return error
