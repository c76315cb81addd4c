"""API fuzzing campaign: schemathesis cases for every operation, valid and invalid, with the model.

    flock /tmp/mou-bench.lock python -m eval.fuzz_api [--examples 600] [--encoder real|fake]

The bundled corpus indexed with the bundled model (``--encoder fake``: the trigram test
encoder, for a quick run); the app is called in-process over ASGI (no network) with cases that
schemathesis generates from ``/openapi.json``, positive (the schema allows them) and negative
(it does not), ``--examples`` per operation and mode. Every answer goes through every
schemathesis check (no 5xx, status, content type, headers and body as documented, invalid data
refused) plus ``eval/fuzz_checks.py`` (valid data answered). Failures
are counted and the campaign goes on. Writes eval/reports/fuzz_api.md and .json.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from eval.bench_api import ROOT

REPORTS = ROOT / "eval" / "reports"


def make_schema(index: Path, encoder):
    import schemathesis

    from search_api.app import create_app
    from search_api.searcher import Searcher
    from search_api.service import SearchService
    from search_api.settings import Settings

    service = SearchService(index, searcher_factory=lambda d: Searcher(d, encoder=encoder))
    service.reload()      # ASGI calls run no lifespan
    app = create_app(Settings(index_dir=index, reload_poll_seconds=0, admin_api_key="fuzz-key"), service)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def campaign(schema, examples: int) -> dict:
    import schemathesis

    from eval.fuzz_checks import positive_data_answered

    cases: collections.Counter = collections.Counter()
    statuses: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    failures: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    examples_of: dict[str, str] = {}
    server_errors = 0
    skipped: dict[str, str] = {}
    excluded = [schemathesis.checks.positive_data_acceptance]
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in schemathesis.GenerationMode:
            label = operation.label

            @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                nonlocal server_errors
                cases[(label, mode.value)] += 1
                try:
                    response = case.call()
                    statuses[label][response.status_code] += 1
                    if response.status_code >= 500:
                        server_errors += 1
                    case.validate_response(response, excluded_checks=excluded,
                                           additional_checks=[positive_data_answered])
                except Exception as exc:  # noqa: BLE001 - count it and go on
                    name = type(exc).__name__
                    text = " ".join(str(exc).split())[:400]
                    failures[label][name] += 1
                    examples_of.setdefault(f"{label} {name}", text)

            try:
                run()
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - e.g. no invalid input exists for a route without parameters, or hypothesis replaying failures already counted
                skipped[f"{label} [{mode.value}]"] = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return {"skipped": skipped, "cases": {f"{op} [{mode}]": n for (op, mode), n in sorted(cases.items())},
            "statuses": {op: dict(sorted(c.items())) for op, c in statuses.items()},
            "failures": {op: dict(c) for op, c in failures.items()},
            "failure_examples": examples_of, "server_errors": server_errors}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=600, help="cases per operation and mode")
    ap.add_argument("--encoder", choices=("real", "fake"), default="real")
    args = ap.parse_args(argv)
    from indexer.build import build_index
    from indexer.encoders import get_encoder

    os.environ.setdefault("MOU_SEARCH_TEST_ENCODERS", "1")
    encoder = get_encoder("e5-small-q4" if args.encoder == "real" else "test-trigram-32")
    load_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="mou-fuzz-"))
    try:
        index = work / "index"
        build_index(ROOT / "corpus", index, encoder=encoder)
        started = time.perf_counter()
        result = campaign(make_schema(index, encoder), args.examples)
        result["seconds"] = round(time.perf_counter() - started, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    per_op: dict[str, int] = collections.Counter()
    for key, n in result["cases"].items():
        per_op[key.rsplit(" [", 1)[0]] += n
    result.update({
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": f"flock /tmp/mou-bench.lock python -m eval.fuzz_api --examples {args.examples} "
                   f"--encoder {args.encoder}",
        "encoder": encoder.name, "cases_per_operation": dict(per_op),
        "schema_violations": sum(sum(c.values()) for c in result["failures"].values()),
        "load_average": {"start": [round(x, 2) for x in load_start],
                         "end": [round(x, 2) for x in os.getloadavg()]}})
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "fuzz_api.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    text = report(result)
    (REPORTS / "fuzz_api.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if result["server_errors"] == 0 and result["schema_violations"] == 0 else 1


def report(r: dict) -> str:
    rows = []
    for op, n in sorted(r["cases_per_operation"].items()):
        pos, neg = r["cases"].get(f"{op} [positive]", 0), r["cases"].get(f"{op} [negative]", 0)
        statuses = ", ".join(f"{s}: {c:,}" for s, c in r["statuses"].get(op, {}).items())
        fails = sum(r["failures"].get(op, {}).values())
        rows.append(f"| `{op}` | {n:,} | {pos:,} / {neg:,} | {statuses} | {fails} |")
    return f"""# API fuzzing: schemathesis against the app, every operation

Regenerate: `{r['command']}` ({r['date']}; encoder {r['encoder']}; {r['seconds']:g} s; load
average {r['load_average']['start']} at the start, {r['load_average']['end']} at the end).

Cases generated from `/openapi.json` by schemathesis (positive: the schema allows them;
negative: it does not), sent to the app in-process over ASGI with an index of the bundled
corpus. Every answer is checked by schemathesis's checks (no 5xx; status code, content type,
headers and body as documented; negative data refused) and by `eval/fuzz_checks.py` (positive data answered: its one exception is an inverted
date range, which JSON Schema cannot express).

| operation | cases | positive / negative | statuses | failed checks |
| --- | ---: | ---: | --- | ---: |
{chr(10).join(rows)}

Server errors (5xx): **{r['server_errors']}**. Failed checks (schema violations and the rest):
**{r['schema_violations']}**. Examples: {r['failure_examples'] or 'none'}

Generated nothing (no invalid input exists for a route without parameters, or none that
schemathesis can express for a free-form path or an optional header):
{', '.join(f'`{k}`' for k in r['skipped']) or 'none'}. Document ids are free-form strings, so
generated ones are unknown (404): the document route is checked for its error answers here and
for its 200 answers in tests/test_api.py. `POST /api/admin/reload` is fuzzed without the key
(401).
"""


if __name__ == "__main__":
    raise SystemExit(main())
