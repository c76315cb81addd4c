"""Every setting of the search service in one object, read from ``MOU_SEARCH_*`` variables."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-]+(:\d{1,5})?")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MOU_SEARCH_", env_file=None, extra="ignore")

    index_dir: Path = Field(Path("index"), description="index folder (holds CURRENT)")
    corpus_dir: Path = Field(Path("corpus"), description="corpus built into index_dir when it has no index")
    # Origins (scheme://host[:port]) that may call the API from a browser and frame the page.
    # Empty: no CORS headers at all, and the page may be framed only by itself.
    # MOU_SEARCH_CORS_ORIGINS="https://intranet.example.go.th,http://localhost:3000"
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_query_chars: int = Field(1000, ge=1)
    max_k: int = Field(100, ge=1)
    max_offset: int = Field(1000, ge=0)
    max_body_bytes: int = Field(16_384, ge=1024)
    # X-API-Key for /api/admin/*; unset: the admin routes answer 404.
    admin_api_key: str | None = None
    # Seconds between checks of index/CURRENT for a new build (one read of a small file);
    # 0 turns the watcher off.
    reload_poll_seconds: float = Field(2.0, ge=0)
    # Searches computed at once (threads); more wait in a queue of at most max_queue; beyond
    # that a search is refused at once with 503 and Retry-After.
    max_concurrent: int = Field(default_factory=lambda: max(1, os.cpu_count() or 1), ge=1, le=64)
    max_queue: int = Field(16, ge=0, le=10_000)
    # Deadline of every search, queueing included: past it the answer is 503 (a queued search
    # is then never computed).
    search_timeout_ms: int = Field(5000, ge=10, le=600_000)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split(cls, value):
        if isinstance(value, str):
            value = [v for v in re.split(r"[\s,]+", value) if v]
        return value

    @field_validator("cors_origins")
    @classmethod
    def _explicit(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if not _ORIGIN.fullmatch(origin):
                raise ValueError(f"{origin!r} is not an origin: write scheme://host[:port], "
                                 "no path, no wildcard (origins are an explicit allow-list)")
        return [o.rstrip("/") for o in origins]
