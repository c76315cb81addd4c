"""Bounded work in flight: a few searches computed at once, a short queue, a deadline for each.

Without a bound, 64 clients on two cores only queue (p99 13.7 s). ``Admission.run`` computes
at most ``max_concurrent`` searches at once on its own threads; up to ``max_queue`` more wait
for a slot, first come first served; anything beyond is refused at once (``Overloaded``,
answered 503 with ``Retry-After``) from the event loop, without touching a thread. Every
search has a deadline counted from its arrival: one still queued at its deadline is refused
and never computed; one still computing is answered 503 at its deadline, and its thread keeps
its slot until it really finishes, so the bound holds. The counters feed ``/api/metrics``.
"""
from __future__ import annotations

import asyncio
import collections
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
    accepted: int = 0      # given a slot (at once or after queueing)
    rejected: int = 0      # refused at once: every slot busy and the queue full
    timed_out: int = 0     # the deadline passed, queued or computing
    completed: int = 0     # computed and answered within the deadline
    failed: int = 0        # the search raised


class Admission:
    def __init__(self, max_concurrent: int, max_queue: int, timeout_s: float) -> None:
        self.max_concurrent, self.max_queue, self.timeout_s = max_concurrent, max_queue, timeout_s
        self.in_flight = 0          # slots taken (threads computing, or handed to a waiter)
        self.counters = Counters()
        self._waiters: collections.deque[asyncio.Future] = collections.deque()
        self._executor = ThreadPoolExecutor(max_concurrent, thread_name_prefix="mou-search-search")
        self._lock = threading.Lock()   # counters are read from other threads

    @property
    def queued(self) -> int:
        return sum(1 for w in self._waiters if not w.done())

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
        await self._acquire(loop, deadline)
        self._count("accepted")
        try:
            work = loop.run_in_executor(self._executor, fn, *args)
        except BaseException:
            self._release()
            raise
        work.add_done_callback(lambda _: self._release())
        try:
            result = await asyncio.wait_for(asyncio.shield(work), max(0.0, deadline - loop.time()))
        except asyncio.TimeoutError:
            self._count("timed_out")
            raise Overloaded("timeout", f"the search did not finish within {self.timeout_s * 1000:.0f} ms; "
                                        "the server is busy, retry in a second") from None
        except Exception:
            self._count("failed")
            raise
        self._count("completed")
        return result

    def full(self) -> bool:
        """Every slot busy and the queue full: a new search would be refused."""
        return self.in_flight >= self.max_concurrent and self.queued >= self.max_queue

    def refuse(self) -> Overloaded:
        """Count a refusal and say why (raised by the caller)."""
        self._count("rejected")
        return Overloaded("overloaded", f"the server is busy ({self.in_flight} searches running, "
                                        f"{self.queued} waiting); retry in a second")

    async def _acquire(self, loop, deadline: float) -> None:
        if self.in_flight < self.max_concurrent and not self.queued:
            self.in_flight += 1
            return
        if self.queued >= self.max_queue:
            raise self.refuse()
        slot = loop.create_future()
        self._waiters.append(slot)
        try:
            await asyncio.wait_for(slot, max(0.0, deadline - loop.time()))
        except BaseException as exc:
            if slot.done() and not slot.cancelled():
                self._release()     # handed a slot just as we gave up: pass it on
            if isinstance(exc, asyncio.TimeoutError):
                self._count("timed_out")
                raise Overloaded("timeout", f"the search waited {self.timeout_s * 1000:.0f} ms for a "
                                            "free slot; the server is busy, retry in a second") from None
            raise
        finally:
            try:
                self._waiters.remove(slot)
            except ValueError:
                pass

    def _release(self) -> None:
        """A search finished: hand its slot to the first live waiter, or free it."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)       # the slot changes hands; in_flight is unchanged
                return
        self.in_flight -= 1

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
