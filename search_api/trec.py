"""TREC run lines (``qid Q0 docno rank score tag``), written the same way by `mou-search run`
and by `mou-search eval`.

A space in a docno is written ``%20`` (TREC columns are split on white space), and so is
every other white-space, control or format character (``%0A`` for a newline in a file name). Scores are made
strictly decreasing in rank order, because trec_eval re-sorts by score and breaks ties by docno.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import quote

_PERCENT = re.compile(r"%([0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*)")


def _needs_escape(ch: str) -> bool:
    return ch == "%" or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def escape(docno: str) -> str:
    """A docno with no white space or control characters: those, and ``%``, percent-encoded."""
    return "".join(quote(ch.encode("utf-8", "surrogateescape"), safe="") if _needs_escape(ch) else ch
                   for ch in docno)


def unescape(docno: str) -> str:
    return _PERCENT.sub(lambda m: bytes.fromhex(m[1].replace("%", "")).decode("utf-8", "surrogateescape"),
                        docno)


def strictly_decreasing(scores: list[float], step: float = 1e-6) -> list[float]:
    """The scores with ties (and any rise) pushed down, so a tool that sorts by score (trec_eval
    breaks ties by docno) sees exactly our rank order."""
    out: list[float] = []
    for s in scores:
        s = round(float(s), 6)
        if out and s >= out[-1]:
            s = round(out[-1] - step, 6)
        out.append(s)
    return out


def run_lines(qid: str, ranked: Iterable[tuple[str, float]], tag: str) -> Iterator[str]:
    """The TREC run lines of one query's ranking, ``ranked`` = [(docno, score), ...] best first."""
    ranked = list(ranked)
    scores = strictly_decreasing([s for _, s in ranked])
    for rank, ((docno, _), score) in enumerate(zip(ranked, scores), 1):
        yield f"{qid} Q0 {escape(docno)} {rank} {score:.6f} {tag}\n"
