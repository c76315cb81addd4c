"""Parse an untrusted file in a child process with a time limit and a memory limit.

pypdf has had infinite loops on crafted PDFs and nested-stream bombs; a Word file can expand
to gigabytes. The child is a fresh interpreter (``python -I``, so no current-directory
imports) running ``_worker.py`` on the bytes given on standard input, under
``RLIMIT_AS`` (address space) and ``RLIMIT_CPU``, with a wall-clock timeout on top. Whatever
the file does, the indexer gets a result or a ``DocumentError`` naming the limit it hit.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from indexer.documents import DocumentError

WORKER = Path(__file__).with_name("_worker.py")
TIME_LIMIT_S = float(os.environ.get("MOU_SEARCH_PARSE_SECONDS", 60))
MEMORY_LIMIT_MB = int(os.environ.get("MOU_SEARCH_PARSE_MEMORY_MB", 768))
EXIT_MEMORY = 3  # the worker's exit status after a MemoryError


def _limits(seconds: float, memory_mb: int):
    def apply() -> None:
        cpu = max(1, int(seconds) + 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def run_worker(kind: str, data: bytes, label: str, seconds: float | None = None,
               memory_mb: int | None = None) -> dict:
    """The worker's JSON answer for ``kind`` ("pdf", "docx" or "html"), or ``DocumentError``."""
    seconds = TIME_LIMIT_S if seconds is None else seconds
    memory_mb = MEMORY_LIMIT_MB if memory_mb is None else memory_mb
    env = {"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    try:
        proc = subprocess.run([sys.executable, "-I", str(WORKER), kind], input=data,
                              capture_output=True, timeout=seconds, env=env,
                              preexec_fn=_limits(seconds, memory_mb))
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"{label} parsing took longer than {seconds:g} s and was stopped "
                            "(a damaged or hostile file?)") from exc
    if proc.returncode == EXIT_MEMORY:
        raise DocumentError(f"{label} parsing needed more than {memory_mb} MB and was stopped "
                            "(a compression bomb?)")
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise DocumentError(f"{label} parsing took longer than {seconds:g} s of CPU and was stopped "
                            "(a damaged or hostile file?)")
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise DocumentError(f"{label} parser failed (exit status {proc.returncode}) {tail[0][:200]}".rstrip())
    try:
        answer = json.loads(proc.stdout.decode("utf-8"))
    except ValueError as exc:
        raise DocumentError(f"{label} parser gave no readable answer") from exc
    if answer.get("error"):
        raise DocumentError(answer["error"])
    return answer
