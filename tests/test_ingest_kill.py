"""Kill a real ``mou-search index`` process at each step of a build.

The build runs as a subprocess (``python -m search_api.cli index``) with the test-only
``test-trigram-32`` encoder (enabled by MOU_SEARCH_TEST_ENCODERS=1) and stops at a named step
(MOU_SEARCH_TEST_PAUSE=<step>, see ``indexer.index_files.pause_point``), where the test kills
it with SIGKILL or SIGINT. Afterwards the previous version must load and answer, and the next
build must succeed without any manual clean-up.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer import index_files
from indexer.build import build_index
from indexer.encoders.testing import TrigramTestEncoder
from search_api.searcher import Searcher

ROOT = Path(__file__).resolve().parent.parent
NEW_DOC = "Thailand and Vietnam signed a Memorandum of Understanding on 5G networks in Hanoi."


def cli_env(**extra) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHAINLP_OFFLINE="1",
               MOU_SEARCH_TEST_ENCODERS="1")
    env.pop("MOU_SEARCH_TEST_PAUSE", None)
    env.update(extra)
    return env


def index_cmd(corpus: Path, index: Path) -> list[str]:
    return [sys.executable, "-m", "search_api.cli", "index", "--corpus", str(corpus),
            "--index", str(index), "--encoder", "test-trigram-32", "--quiet"]


def default_signals() -> None:
    """In the child before exec: SIGINT back to its default. Under ``nohup`` (or a CI runner
    that ignores SIGINT) the child would inherit SIG_IGN, Python would install no
    KeyboardInterrupt handler, and Ctrl-C would do nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


_started: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def reap_builds():
    """Every build a test starts is killed (if still running) and waited for, pass or fail."""
    yield
    while _started:
        proc = _started.pop()
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


def start_paused(corpus: Path, index: Path, step: str, marker: Path) -> subprocess.Popen:
    proc = subprocess.Popen(index_cmd(corpus, index), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=default_signals,
                            env=cli_env(MOU_SEARCH_TEST_PAUSE=step,
                                        MOU_SEARCH_TEST_PAUSE_FILE=str(marker)))
    _started.append(proc)
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"build ended before {step}: {proc.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"build never reached {step}")
        time.sleep(0.05)
    return proc


def run_index(corpus: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(index_cmd(corpus, index), cwd=ROOT, capture_output=True, text=True,
                          env=cli_env(), timeout=300)


@pytest.fixture
def setup(corpus_copy, tmp_path, monkeypatch):
    """An index of the bundled corpus, and a new document waiting to be indexed."""
    monkeypatch.setenv("MOU_SEARCH_TEST_ENCODERS", "1")
    index = tmp_path / "index"
    build_index(corpus_copy, index, TrigramTestEncoder())
    (corpus_copy / "new.txt").write_text(NEW_DOC, encoding="utf-8")
    return corpus_copy, index, index_files.current_version(index)


def assert_serves(index: Path, version: Path, has_new: bool) -> None:
    assert index_files.current_version(index) == version
    searcher = Searcher(index)  # encoder from the manifest, checksums verified
    assert ("new.txt" in searcher.index.documents) == has_new
    hits = searcher.search("Laos digital MoU", k=3).results
    assert hits and all(h.doc_id in searcher.index.documents for h in hits)


def assert_clean(index: Path) -> None:
    versions = index / "versions"
    assert not [p for p in versions.iterdir() if p.name.startswith(".tmp-")]
    assert not list(index.glob(".CURRENT.*.tmp"))


STEPS_BEFORE_SWAP = ["embedding", "writing", "renaming", "swapping", "current-tmp"]


@pytest.mark.parametrize("step", STEPS_BEFORE_SWAP)
def test_kill_9_before_the_swap_leaves_the_previous_index(setup, tmp_path, step):
    corpus, index, live = setup
    proc = start_paused(corpus, index, step, tmp_path / "paused")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert_serves(index, live, has_new=False)
    done = run_index(corpus, index)  # no manual clean-up, and the dead build's lock is gone
    assert done.returncode == 0, done.stderr
    assert "1 added, 0 updated, 0 removed, 5 unchanged, 0 failed" in done.stdout
    assert_serves(index, index_files.current_version(index), has_new=True)
    assert_clean(index)


def test_kill_9_after_the_swap_serves_the_new_index(setup, tmp_path):
    corpus, index, live = setup
    proc = start_paused(corpus, index, "pruning", tmp_path / "paused")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    new = index_files.current_version(index)
    assert new != live
    assert_serves(index, new, has_new=True)
    again = run_index(corpus, index)
    assert again.returncode == 0 and "index already up to date" in again.stdout


@pytest.mark.parametrize("step", ["embedding", "writing", "swapping"])
def test_ctrl_c_cleans_up_at_once(setup, tmp_path, step):
    corpus, index, live = setup
    proc = start_paused(corpus, index, step, tmp_path / "paused")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert b"interrupted; the current index is unchanged" in err
    assert_clean(index)
    assert len([p for p in (index / "versions").iterdir()]) == 1  # nothing half-made remains
    assert_serves(index, live, has_new=False)


def test_the_build_lock_dies_with_the_process(setup, tmp_path):
    corpus, index, live = setup
    proc = start_paused(corpus, index, "embedding", tmp_path / "paused")
    try:
        second = run_index(corpus, index)
        assert second.returncode == 3 and "another build" in second.stderr
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert run_index(corpus, index).returncode == 0


def test_progress_bar_shows_on_a_terminal(setup, tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    corpus, index, _ = setup
    master, slave = pty.openpty()
    # a terminal of 100 x 30: tqdm draws nothing on a terminal of width 0
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    cmd = [c for c in index_cmd(corpus, index) if c != "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=slave, env=cli_env(),
                            preexec_fn=default_signals)
    _started.append(proc)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    assert proc.returncode == 0
    assert b"embedding" in b"".join(chunks)


NESTED = "MOU_SEARCH_TEST_NESTED_PYTEST"


@pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="already the nested run")
def test_ctrl_c_tests_pass_when_pytest_itself_ignores_sigint(tmp_path):
    """Under ``nohup`` or a CI runner pytest starts with SIGINT ignored; the Ctrl-C test must
    still pass (its child gets SIGINT back) and leave no paused build behind."""
    def ignore_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    env = dict(cli_env(), **{NESTED: "1"})
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           f"{Path(__file__)}::test_ctrl_c_cleans_up_at_once[embedding]",
                           "--basetemp", str(tmp_path / "nested")],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
                          preexec_fn=ignore_sigint)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "1 passed" in done.stdout
    leftover = subprocess.run(["pgrep", "-f", str(tmp_path / "nested")], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", f"builds left running: {leftover.stdout}"
