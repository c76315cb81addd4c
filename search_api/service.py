"""The live Searcher behind the API, and hot reloads of new index versions.

A request takes ``service.searcher`` once and uses that object to the end, so a reload never
changes the index under a running query: the new Searcher is loaded completely, then the one
reference is replaced (an atomic assignment), and the old one is freed when its last query
finishes. A load that fails (missing files, bad checksums, wrong encoder) leaves the old one
serving and is kept in ``last_error`` (one line) with ``last_error_at``.

The watcher thread reads ``CURRENT`` every few seconds and loads the version it names. Nothing
it meets may end it: a ``CURRENT`` that is not UTF-8, is a directory, names nothing, or a load
that raises anything at all is reported the same way and the watcher keeps watching, so a
later valid ``CURRENT`` is loaded.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from indexer import index_files
from search_api.searcher import Searcher

log = logging.getLogger("mou_search.service")


@dataclass
class ReloadResult:
    reloaded: bool
    version: str | None
    previous_version: str | None
    message: str
    error: bool = False


class SearchService:
    def __init__(self, index_dir: Path, searcher_factory: Callable[[Path], Searcher] = Searcher) -> None:
        self.index_dir = Path(index_dir)
        self._factory = searcher_factory
        self.searcher: Searcher | None = None
        self.loaded_at: dt.datetime | None = None
        self.last_error: str | None = None
        self.last_error_at: dt.datetime | None = None
        self.last_check_at: dt.datetime | None = None   # the watcher's last look at CURRENT
        self.poll_seconds: float = 0.0
        self._failed_name: str | None = None              # a version that failed to load
        self._reload_lock = threading.Lock()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    @property
    def version(self) -> str | None:
        searcher = self.searcher
        return searcher.index.version if searcher is not None else None

    def _current_name(self) -> str | None:
        version = index_files.current_version(self.index_dir)
        return version.name if version is not None else None

    def reload(self, force: bool = False) -> ReloadResult:
        """Load the version CURRENT names, unless it is the one already serving."""
        with self._reload_lock:
            previous = self.version
            try:
                name = self._current_name()
                if name is None:
                    raise index_files.IndexMissing(
                        f"no index at {self.index_dir}: run `mou-search index` first")
                if name == previous and not force:
                    return ReloadResult(False, previous, previous, f"version {name} is already serving")
                searcher = self._factory(self.index_dir)
                _warm_up(searcher)
            except Exception as exc:  # noqa: BLE001 - any failed load keeps the old index serving
                self._note_error(one_line(exc))
                keep = f"; still serving {previous}" if previous else ""
                return ReloadResult(False, previous, previous, self.last_error + keep, error=True)
            self.searcher = searcher            # the swap: one reference assignment
            self.loaded_at = dt.datetime.now(dt.timezone.utc)
            self._clear_error()
            log.info("serving index version %s (was %s)", searcher.index.version, previous)
            return ReloadResult(True, searcher.index.version, previous,
                                f"now serving {searcher.index.version}")

    def _note_error(self, message: str) -> None:
        if len(message) > MAX_REASON_CHARS:  # one line of at most MAX_REASON_CHARS, prefix included
            message = message[:MAX_REASON_CHARS - 1] + "…"
        if message != self.last_error:
            log.error("index reload: %s", message)
        self.last_error = message
        self.last_error_at = dt.datetime.now(dt.timezone.utc)

    def _clear_error(self) -> None:
        self.last_error = None
        self.last_error_at = None

    # -- background watcher ---------------------------------------------------------------
    def start_watcher(self, every: float) -> None:
        if every <= 0 or self._watcher is not None:
            return
        self.poll_seconds = every
        self._stop.clear()
        self._watcher = threading.Thread(target=self._watch, args=(every,), daemon=True,
                                         name="mou-search-index-watcher")
        self._watcher.start()

    def stop_watcher(self) -> None:
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
            self._watcher = None

    @property
    def watching(self) -> bool:
        return self._watcher is not None and self._watcher.is_alive()

    def _watch(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                self.poll()
            except Exception as exc:  # noqa: BLE001 - poll reports its own; this is the last net
                self._note_error(one_line(exc))

    def poll(self) -> None:
        """One look at CURRENT: load the version it names if it is new (the watcher's step)."""
        self.last_check_at = dt.datetime.now(dt.timezone.utc)
        try:
            name = self._current_name()
        except Exception as exc:  # noqa: BLE001 - not UTF-8, a directory, unreadable, ...
            self._note_error(f"cannot read {self.index_dir / index_files.CURRENT}: {one_line(exc)}")
            return
        if name is None:
            return
        if name == self.version:
            self._failed_name = None
            if self.last_error:          # CURRENT is readable again and names what serves
                self._clear_error()
            return
        if name == self._failed_name:    # not retried until CURRENT names another version
            return
        result = self.reload()
        self._failed_name = name if result.error else None


MAX_REASON_CHARS = 300


def one_line(exc: BaseException) -> str:
    """``Type: message`` on one line, at most MAX_REASON_CHARS characters."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())
    return text if len(text) <= MAX_REASON_CHARS else text[:MAX_REASON_CHARS - 1] + "…"


def _warm_up(searcher: Searcher) -> None:
    """Run one query so that the first user does not pay for loading the model and dictionaries."""
    from search_api.highlight import highlights

    response = searcher.search("MoU ความร่วมมือ cooperation", k=1)
    for hit in response.results:
        highlights(hit.text, {"mou"})
