"""Sentence-aware chunks sized for the encoder, with offsets back into the document."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from indexer.sentences import Span, split_sentences

CHUNKER_VERSION = 3  # bump whenever sentence splitting or chunking changes its output (3: English initials and titles end no sentence)
TARGET_TOKENS = 160
MAX_TOKENS = 256
OVERLAP_TOKENS = 48


@dataclass(frozen=True)
class ChunkSpan:
    start: int
    end: int
    sentences: tuple[Span, ...]  # offsets into the document, in order


def chunk_text(text: str, count_tokens: Callable[[str], int], *, target: int = TARGET_TOKENS,
               maximum: int = MAX_TOKENS, overlap: int = OVERLAP_TOKENS) -> list[ChunkSpan]:
    """Group whole sentences into chunks of about ``target`` encoder tokens.

    A chunk closes before it would pass ``maximum``; the next one starts with the closing
    sentences of the previous one, up to ``overlap`` tokens, so an answer that straddles a
    boundary is whole in at least one chunk. A single sentence longer than ``maximum`` is a
    chunk of its own (the encoder embeds its first 512 tokens).
    """
    sentences = split_sentences(text)
    sizes = [count_tokens(text[a:b]) for a, b in sentences]
    chunks: list[ChunkSpan] = []
    first = 0
    while first < len(sentences):
        last, total = first, sizes[first]
        while last + 1 < len(sentences) and total < target and total + sizes[last + 1] <= maximum:
            last += 1
            total += sizes[last]
        members = tuple(sentences[first:last + 1])
        chunks.append(ChunkSpan(members[0][0], members[-1][1], members))
        if last + 1 >= len(sentences):
            break
        # step back over trailing sentences that fit in the overlap, but always move forward
        nxt, carried = last + 1, 0
        while nxt - 1 > first and carried + sizes[nxt - 1] <= overlap:
            nxt -= 1
            carried += sizes[nxt]
        first = nxt
    return chunks
