"""A time limit on one piece of work, for rules that could run away on text nobody foresaw.

Hand-written regular expressions can backtrack exponentially on an unusual line (the signatory
rules once spent minutes on one 216-character run of Thai): :func:`time_limit` stops the work
with :class:`TimeLimitExceeded` instead, so the caller can report and skip that one input.
It uses ``SIGALRM``, so it limits only in the main thread and only when no other timer is set;
elsewhere the work runs unlimited. CPython's ``re`` checks for signals while it matches, so a
runaway expression is interrupted too.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The work was still running when its time was up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` inside the block once ``seconds`` have passed (no limit
    when ``seconds`` <= 0 or where it cannot be set: see the module)."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def expired(signum, frame):
        raise TimeLimitExceeded(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
