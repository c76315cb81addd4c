"""The calls a module's function gets while a search runs, for the diagnostics that read what a
stage was given (``eval.span_diagnose``: the answer choice; ``eval.direct_diagnose``: the direct
answer's hits)."""
from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def recorded_calls(module, name: str):
    """Inside the block, ``module.name`` still does its work and each call's ``(args, kwargs)`` is
    appended to the list the block is given; the function is put back after."""
    calls: list[tuple[tuple, dict]] = []
    original = getattr(module, name)

    def spy(*args, **kwargs):
        calls.append((args, kwargs))
        return original(*args, **kwargs)

    setattr(module, name, spy)
    try:
        yield calls
    finally:
        setattr(module, name, original)
