"""Corruption campaign: damage every file of an index version, CURRENT and the manifest, and
check what a user gets.

    MOU_SEARCH_TEST_ENCODERS=1 flock /tmp/mou-bench.lock python -m eval.corruption_campaign

For each case (byte flips, truncations, deletion, junk, appended bytes, other encodings, a
directory in place of the file, odd CURRENT names) one file of a pristine index of `corpus/`
(test encoder `test-trigram-32`) is damaged, then:

- `mou-search search --json` (in-process, through `search_api.cli.main`) must print exactly the
  undamaged results (exit 0) or exit 3 with one line on standard error;
- the API (`GET /api/search`) must answer 200 with the undamaged hits or 503 with a one-line
  `message`;
- for every `--repair-every`-th case, `mou-search index` over the damaged index must exit 0 and
  leave an index that answers exactly as the undamaged one.

Any exception that escapes is a traceback; any other answer is a wrong result. Files are those
the manifest lists (format 2: the store files, float16 `chunks.faiss`, `chunks_ann.faiss`, which
the pristine index holds because `MOU_SEARCH_ANN_MIN_CHUNKS=1`, sentence vectors, BM25 arrays,
the builder's JSON lines), plus `manifest.json`, `manifest.sha256` and `CURRENT`. Writes `eval/reports/corruption.md` and `.json`.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ("Laos digital MoU", "ความร่วมมือ ลาว กี่ปี")
ENCODER = "test-trigram-32"
TEXT_FILES_SUFFIXES = (".json", ".jsonl", ".sha256", "")


@dataclass(frozen=True)
class Case:
    target: str        # a file of the version, or "CURRENT"
    kind: str
    param: int | str = 0

    def label(self) -> str:
        return f"{self.target}:{self.kind}:{self.param}"


def _flip(data: bytes, pos: int, bit: int) -> bytes:
    if not data:
        return b"\x01"
    b = bytearray(data)
    b[pos % len(b)] ^= 1 << (bit % 8)
    return bytes(b)


def damage(path: Path, case: Case, data: bytes) -> None:
    """Apply ``case`` to ``path`` (whose undamaged bytes are ``data``)."""
    rng = random.Random(repr(case.label()))
    kind, p = case.kind, case.param
    if kind == "delete":
        path.unlink()
    elif kind == "directory":
        path.unlink()
        path.mkdir()
    elif kind == "flip":
        path.write_bytes(_flip(data, int(p), rng.randrange(8)))
    elif kind == "truncate":
        path.write_bytes(data[:int(p) % max(1, len(data))])
    elif kind == "truncate_tail":
        path.write_bytes(data[:-int(p)] if int(p) < len(data) else b"")
    elif kind == "junk":
        path.write_bytes(bytes(rng.randrange(256) for _ in range(int(p))))
    elif kind == "junk_same_size":
        path.write_bytes(bytes(rng.randrange(256) for _ in range(len(data))))
    elif kind == "append":
        path.write_bytes(data + bytes(rng.randrange(256) for _ in range(int(p))))
    elif kind == "zero_block":
        b = bytearray(data)
        start = int(p) % max(1, len(b))
        b[start:start + 64] = bytes(len(b[start:start + 64]))
        path.write_bytes(bytes(b))
    elif kind == "encoding":
        text = data.decode("utf-8", "replace")
        path.write_bytes(text.encode(str(p), "replace"))
    elif kind == "name":  # CURRENT only: what it holds instead of the live version's name
        path.write_bytes(str(p).encode("utf-8", "surrogateescape"))
    elif kind == "raw":
        path.write_bytes(bytes.fromhex(str(p)))
    else:
        raise ValueError(kind)


def cases_for(index_dir: Path, per_file: int = 150, seed: int = 8) -> list[Case]:
    """Every kind of damage for every file of the live version, CURRENT and the manifest."""
    from indexer import index_files

    version = index_files.current_version(index_dir)
    manifest = index_files.read_manifest(version)
    targets = sorted(manifest["files"]) + [index_files.MANIFEST, index_files.MANIFEST_DIGEST]
    rng = random.Random(seed)
    out: list[Case] = []
    for name in targets + [index_files.CURRENT]:
        path = index_dir / index_files.CURRENT if name == index_files.CURRENT else version / name
        size = path.stat().st_size
        fixed = [Case(name, "delete"), Case(name, "directory"), Case(name, "junk", 0),
                 Case(name, "junk", 7), Case(name, "junk", 4096), Case(name, "junk_same_size"),
                 Case(name, "truncate", 0), Case(name, "truncate", 1), Case(name, "truncate", size // 2),
                 Case(name, "truncate_tail", 1), Case(name, "truncate_tail", 8), Case(name, "append", 1),
                 Case(name, "append", 100)]
        for enc in ("utf-16", "utf-16-be", "utf-32", "latin-1", "cp874"):
            fixed.append(Case(name, "encoding", enc))
        if name == index_files.CURRENT:
            live = version.name
            other = [index_files.MANIFEST, "x" * 300, "..", ".", "/etc", "../" + live, live + "/x",
                     " " + live + " ", live.upper(), live + "\0", "\udcff\udcfe", "versions",
                     live + "\n" + live, "ไทย", "", "\n", live[:-1]]
            fixed += [Case(name, "name", o) for o in other]
            fixed += [Case(name, "raw", "fffe0a"), Case(name, "raw", "efbbbf" + live.encode().hex())]
        n_random = max(0, per_file - len(fixed))
        randoms = []
        for _ in range(n_random):
            kind = rng.choice(("flip", "flip", "flip", "truncate", "zero_block", "append"))
            param = rng.randrange(max(1, size)) if kind != "append" else rng.randrange(1, 5000)
            randoms.append(Case(name, kind, param))
        out += fixed + randoms
    return out


def _target_path(index_dir: Path, version: Path, case: Case) -> Path:
    return index_dir / "CURRENT" if case.target == "CURRENT" else version / case.target


def _cli(argv: list[str]) -> tuple[int | str, str, str]:
    from search_api.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException as exc:  # noqa: BLE001 - the campaign counts them
            code = f"traceback: {type(exc).__name__}: {str(exc)[:200]}"
    return code, out.getvalue(), err.getvalue()


def search_outputs(index_dir: Path) -> tuple[list, str | None]:
    """(outputs of the CLI for QUERIES, first problem) - one run of `mou-search search --json`."""
    results = []
    for q in QUERIES:
        code, out, err = _cli(["search", q, "--index", str(index_dir), "--json", "-k", "5"])
        results.append((code, out, err))
    return results, None


def classify_cli(results, baseline) -> str:
    codes = [r[0] for r in results]
    if any(isinstance(c, str) for c in codes):
        return "traceback"
    if all(c == 0 for c in codes) and [r[1] for r in results] == [b[1] for b in baseline]:
        return "served"
    if all(c == 3 for c in codes) and all(r[1] == "" and r[2].count("\n") == 1
                                          and r[2].startswith("mou-search: ") for r in results):
        return "refused"
    return "wrong"


def api_outcome(index_dir: Path, baseline_hits) -> str:
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.service import SearchService
    from search_api.settings import Settings

    try:
        service = SearchService(index_dir)
        service.reload()
        client = TestClient(create_app(Settings(index_dir=index_dir), service), raise_server_exceptions=True)
        hits = []
        for q in QUERIES:
            r = client.get("/api/search", params={"q": q, "k": 5})
            if r.status_code == 503:
                message = r.json().get("message", "")
                if not message or "\n" in message:
                    return "wrong"
                hits.append(None)
            elif r.status_code == 200:
                hits.append([(h["chunk_id"], round(h["score"], 6)) for h in r.json()["hits"]])
            else:
                return "wrong"
    except BaseException:  # noqa: BLE001
        return "traceback"
    if all(h is None for h in hits):
        return "refused"
    return "served" if hits == baseline_hits else "wrong"


def api_hits(index_dir: Path):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.service import SearchService
    from search_api.settings import Settings

    service = SearchService(index_dir)
    service.reload()
    client = TestClient(create_app(Settings(index_dir=index_dir), service))
    return [[(h["chunk_id"], round(h["score"], 6)) for h in client.get("/api/search", params={"q": q, "k": 5}).json()["hits"]]
            for q in QUERIES]


def repair_outcome(index_dir: Path, corpus: Path, baseline) -> str:
    code, out, err = _cli(["index", "--corpus", str(corpus), "--index", str(index_dir),
                           "--encoder", ENCODER, "--quiet"])
    if isinstance(code, str):
        return "traceback"
    if code != 0:
        return "not repaired"
    results, _ = search_outputs(index_dir)
    return "repaired" if classify_cli(results, baseline) == "served" else "wrong after repair"


def build_pristine(work: Path, corpus: Path) -> Path:
    from indexer.build import build_index
    from indexer.encoders import get_encoder

    index = work / "pristine"
    build_index(corpus, index, get_encoder(ENCODER))
    return index


class Campaign:
    def __init__(self, work: Path, corpus: Path = ROOT / "corpus") -> None:
        os.environ["MOU_SEARCH_TEST_ENCODERS"] = "1"
        # An approximate index too (chunks_ann.faiss), so every file a format-2 version can
        # hold is damaged; repairs run in child processes and inherit it.
        os.environ["MOU_SEARCH_ANN_MIN_CHUNKS"] = "1"
        logging.getLogger("mou_search").setLevel(logging.CRITICAL)  # failed loads are expected
        self.work, self.corpus = work, corpus
        self.pristine = build_pristine(work, corpus)
        self.index = work / "index"
        shutil.copytree(self.pristine, self.index)
        self.baseline, _ = search_outputs(self.index)
        assert all(r[0] == 0 for r in self.baseline), self.baseline
        self.baseline_hits = api_hits(self.index)

    def run(self, case: Case, api: bool = True, repair: bool = False) -> dict:
        from indexer import index_files

        version = index_files.current_version(self.index)
        path = _target_path(self.index, version, case)
        original = path.read_bytes()
        damage(path, case, original)
        try:
            results, _ = search_outputs(self.index)
            row = {"case": case.label(), "cli": classify_cli(results, self.baseline),
                   "reason": next((r[2].strip() for r in results if r[0] == 3), "")}
            if api:
                row["api"] = api_outcome(self.index, self.baseline_hits)
            if repair:
                row["repair"] = repair_outcome(self.index, self.corpus, self.baseline)
        finally:
            if repair:
                shutil.rmtree(self.index)
                shutil.copytree(self.pristine, self.index)
            else:
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                path.write_bytes(original)
        return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-file", type=int, default=120, help="cases per file (default: 120)")
    ap.add_argument("--repair-every", type=int, default=10, help="run `mou-search index` on every Nth case")
    ap.add_argument("--output", default=str(ROOT / "eval" / "reports" / "corruption"))
    args = ap.parse_args(argv)
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    load_start = os.getloadavg()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mou-corruption-") as tmp:
        campaign = Campaign(Path(tmp))
        cases = cases_for(campaign.index, args.per_file)
        rows = []
        for i, case in enumerate(cases):
            rows.append(campaign.run(case, api=True, repair=i % args.repair_every == 0))
            if i % 200 == 0:
                print(f"{i}/{len(cases)} {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - started
    load_end = os.getloadavg()
    write_report(rows, Path(args.output), seconds, load_start, load_end, args)
    bad = [r for r in rows if r["cli"] in ("traceback", "wrong") or r.get("api") in ("traceback", "wrong")
           or r.get("repair") in ("traceback", "wrong after repair", "not repaired")]
    for r in bad[:20]:
        print("BAD", r, file=sys.stderr)
    return 1 if bad else 0


def _short_reason(reason: str) -> str:
    """A refusal's reason without the temporary folder's path, for counting alike ones."""
    reason = reason.split(": ", 1)[-1]
    reason = re.sub(r"\S*/versions/[^/\s]+/", "", reason)
    reason = re.sub(r"/\S*/index/", "", reason)
    return reason.split(" (")[0][:90]


def write_report(rows, output: Path, seconds, load_start, load_end, args) -> None:
    by_target: dict[str, Counter] = {}
    totals = {"cli": Counter(), "api": Counter(), "repair": Counter()}
    for r in rows:
        target = r["case"].split(":", 1)[0]
        by_target.setdefault(target, Counter())[r["cli"]] += 1
        for k in totals:
            if k in r:
                totals[k][r[k]] += 1
    command = (f"MOU_SEARCH_TEST_ENCODERS=1 flock /tmp/mou-bench.lock python -m eval.corruption_campaign "
               f"--per-file {args.per_file} --repair-every {args.repair_every}")
    reasons = Counter(_short_reason(r["reason"]) for r in rows if r["reason"])
    lines = [f"# Corruption campaign", "", f"Regenerate: `{command}`", "",
             f"{len(rows)} cases over {len(by_target)} targets in {seconds:.0f} s; load average "
             f"{load_start[0]:.2f} at start, {load_end[0]:.2f} at end.", "",
             "A case *served* when every answer equals the undamaged index's, *refused* when "
             "`mou-search search` exits 3 with one line on standard error (the API: 503 with a one-line "
             "message). *repaired*: `mou-search index` over the damaged index exited 0 and the index then "
             "answered as the undamaged one.", "",
             "| | " + " | ".join(sorted({k for c in totals.values() for k in c})) + " |"]
    keys = sorted({k for c in totals.values() for k in c})
    lines[-1] = "| check | " + " | ".join(keys) + " |"
    lines.append("| --- |" + " --- |" * len(keys))
    for name, counter in totals.items():
        lines.append(f"| {name} | " + " | ".join(str(counter.get(k, 0)) for k in keys) + " |")
    lines += ["", "| target | cases | served | refused | traceback | wrong |", "| --- | --- | --- | --- | --- | --- |"]
    for target, c in sorted(by_target.items()):
        lines.append(f"| `{target}` | {sum(c.values())} | {c['served']} | {c['refused']} | "
                     f"{c['traceback']} | {c['wrong']} |")
    lines += ["", "Most frequent reasons given (exit 3):", ""]
    lines += [f"- {n} x {reason}" for reason, n in reasons.most_common(12)]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    output.with_suffix(".json").write_text(json.dumps(
        {"command": command, "seconds": seconds, "load_start": load_start, "load_end": load_end,
         "totals": {k: dict(v) for k, v in totals.items()},
         "by_target": {k: dict(v) for k, v in by_target.items()}, "cases": rows},
        indent=1), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
