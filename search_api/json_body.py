"""Request bodies as JSON, parsed with bounds: every route that takes a body reads it here.

``json.loads`` alone turns small hostile bodies into server errors: 1,000 nested brackets
raise RecursionError, an integer of more than 4,300 digits raises ValueError, and it accepts
``NaN``, ``Infinity`` and UTF-16. ``parse_json`` checks the nesting depth without recursing
before anything is parsed, refuses numbers longer than any field needs, and reads strict
UTF-8 JSON (RFC 8259) only; every failure is a ``BodyError`` with a one-line reason, which
the app answers with 422.
"""
from __future__ import annotations

import json
import math
import re
from typing import Annotated

from fastapi import Depends, Request

MAX_DEPTH = 32          # our bodies are one flat object; 32 leaves room for any future field
MAX_NUMBER_CHARS = 40   # no field takes a number anywhere near this long
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


class BodyError(ValueError):
    """The body is not JSON this API can take; the message says why, in one line."""


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings, counted without recursion."""
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for b in brackets:
        if b in (0x5B, 0x7B):     # [ {
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _number(text: str) -> int | float:
    if len(text) > MAX_NUMBER_CHARS:
        raise BodyError(f"the body holds a number {len(text)} characters long; "
                        f"numbers here have at most {MAX_NUMBER_CHARS}")
    value = float(text)
    if not math.isfinite(value):
        raise BodyError(f"the number {text[:20]} is out of range")
    # JSON has one number type: 10.0 is the integer 10, as JSON Schema says.
    return int(value) if value.is_integer() and abs(value) < 2 ** 63 else value


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise BodyError(f"the body holds an integer of {len(text)} digits; "
                        f"numbers here have at most {MAX_NUMBER_CHARS}")
    return int(text)


def _constant(name: str):
    raise BodyError(f"{name} is not JSON: numbers must be finite")


def parse_json(raw: bytes, max_depth: int = MAX_DEPTH):
    """The JSON value in ``raw`` (UTF-8), or ``BodyError`` saying what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BodyError(f"the body is not JSON: not UTF-8 at byte {exc.start}") from None
    depth = nesting_depth(raw)
    if depth > max_depth:
        raise BodyError(f"the body is not JSON this API takes: nested {depth} deep, "
                        f"the limit is {max_depth}")
    try:
        return json.loads(text, parse_int=_integer, parse_float=_number, parse_constant=_constant)
    except BodyError:
        raise
    except json.JSONDecodeError as exc:
        raise BodyError(f"the body is not JSON: {exc}") from None
    except (ValueError, RecursionError) as exc:   # defensive: json's own limits
        raise BodyError(f"the body is not JSON this API takes: {type(exc).__name__}: "
                        f"{' '.join(str(exc).split())[:200]}") from None


async def json_object(request: Request) -> dict:
    """The request body as a JSON object (a FastAPI dependency for every route with a body)."""
    data = parse_json(await request.body())
    if not isinstance(data, dict):
        raise BodyError("the body must be a JSON object")
    return data


JsonObject = Annotated[dict, Depends(json_object)]
