"""Bounded work in flight: a few searches computed at once, a short queue, a deadline for each.

Without a bound, 64 clients on two cores only queue (p99 13.7 s). ``Admission.run`` computes
at most ``max_concurrent`` searches at once on its own threads; up to ``max_queue`` more wait
for a thread, first come first served; anything beyond is refused at once (``Overloaded``,
answered 503 with ``Retry-After``) from the event loop, without touching a thread. Every
search has a deadline counted from its arrival: one still queued at its deadline is refused
and never computed; one still computing is answered 503 at its deadline, and its thread keeps
its slot until it really finishes, so the bound holds. The counters feed ``/api/metrics``.

The queue is the search threads' own: a thread that finishes a search takes the next one at
once, without waiting for the event loop to hand it over (under load the loop waits for the
GIL, and the thread would sit idle meanwhile).
"""
from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass


class Overloaded(Exception):
    """Refused (``error`` is ``overloaded``: queue full; ``timeout``: the deadline passed)."""

    def __init__(self, error: str, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.error, self.message, self.retry_after = error, message, retry_after


@dataclass
class Counters:
    accepted: int = 0      # taken by a search thread (at once or after queueing)
    rejected: int = 0      # refused at once: every slot busy and the queue full
    timed_out: int = 0     # the deadline passed, queued or computing
    completed: int = 0     # computed and answered within the deadline
    failed: int = 0        # the search raised


class Admission:
    def __init__(self, max_concurrent: int, max_queue: int, timeout_s: float) -> None:
        self.max_concurrent, self.max_queue, self.timeout_s = max_concurrent, max_queue, timeout_s
        self.in_flight = 0          # searches computing on a search thread
        self.queued = 0             # searches accepted and waiting for a thread
        self.counters = Counters()
        self._executor = ThreadPoolExecutor(max_concurrent, thread_name_prefix="mou-search-search")
        self._lock = threading.Lock()   # the counts change on the search threads too

    def snapshot(self) -> dict:
        with self._lock:
            return {"in_flight": self.in_flight, "queued": self.queued,
                    "max_concurrent": self.max_concurrent, "max_queue": self.max_queue,
                    "timeout_ms": round(self.timeout_s * 1000), **vars(self.counters)}

    def _count(self, name: str) -> None:
        with self._lock:
            setattr(self.counters, name, getattr(self.counters, name) + 1)

    async def run(self, fn, *args):
        """``fn(*args)`` on a search thread within the deadline, or ``Overloaded``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout_s
        job = _Job()

        def compute():
            with self._lock:
                if job.abandoned:       # its caller has been answered: never computed
                    return None
                job.started = True
                self.queued -= 1
                self.in_flight += 1
                self.counters.accepted += 1
            try:
                return fn(*args)
            finally:
                with self._lock:
                    self.in_flight -= 1

        with self._lock:
            full = self.full()
            if not full:
                self.queued += 1
        if full:
            raise self.refuse()
        try:
            work = asyncio.wrap_future(self._executor.submit(compute))
        except BaseException:
            self._abandon(job)
            raise
        try:
            result = await asyncio.wait_for(asyncio.shield(work), max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            self._count("timed_out")
            if self._abandon(job):
                raise Overloaded("timeout", f"the search waited {self.timeout_s * 1000:.0f} ms for a "
                                            "free slot; the server is busy, retry in a second") from None
            raise Overloaded("timeout", f"the search did not finish within {self.timeout_s * 1000:.0f} ms; "
                                        "the server is busy, retry in a second") from None
        except asyncio.CancelledError:
            self._abandon(job)          # the client went away: a queued search is dropped
            raise
        except Exception:
            self._count("failed")
            raise
        self._count("completed")
        return result

    def _abandon(self, job: "_Job") -> bool:
        """Give up ``job`` if no thread has started it (True): it leaves the queue."""
        with self._lock:
            if job.started or job.abandoned:
                return False
            job.abandoned = True
            self.queued -= 1
            return True

    def full(self) -> bool:
        """Every slot busy and the queue full: a new search would be refused."""
        return self.in_flight + self.queued >= self.max_concurrent + self.max_queue

    def refuse(self) -> Overloaded:
        """Count a refusal and say why (raised by the caller)."""
        self._count("rejected")
        return Overloaded("overloaded", f"the server is busy ({self.in_flight} searches running, "
                                        f"{self.queued} waiting); retry in a second")

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


@dataclass
class _Job:
    started: bool = False       # a search thread is computing it (or has)
    abandoned: bool = False     # its caller was answered first: no thread will compute it
