"""Lines of a text by offset: extraction and answer spans read a sentence's whole line (lists and
venues run past the sentence cutter's boundary, never past the line)."""
from __future__ import annotations


def line_end(text: str, at: int) -> int:
    """The offset of the first line break at or after ``at``, or the end of ``text``."""
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def start_of_line(text: str, at: int) -> int:
    """The offset just after the last line break before ``at``, or 0 (``line_end``'s twin)."""
    return text.rfind("\n", 0, at) + 1
