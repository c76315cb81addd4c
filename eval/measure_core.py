"""The core figures: retrieval quality per mode and language, indexing throughput, query latency.

    python -m eval.measure_core [--split test] [--skip-throughput]

- iApp (``--split``, default test): each distinct context is a document; Recall@1 and MRR@10 at
  document level (ir-measures) for dense, lexical and hybrid, for the Thai questions and for
  the English questions written for them (eval/data/iapp_en_<split>.tsv).
- Agreement questions whose answer is only in Thai (pair en->th in
  eval/data/agreements/questions.jsonl): the same, at document level, gold = grade-2 documents.
- Indexing throughput: encoder tokens per second of a from-scratch build of the iApp split,
  end to end, against the encoder alone embedding the very same texts.
- Query latency once the index is loaded, per mode, over the iApp questions (p50, p99).
Prints everything and writes eval/reports/core.md and core.json.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
from pathlib import Path

import ir_measures
from ir_measures import RR, R

from eval.bench_speed import step_throughput, time_queries
from eval.report import machine
from search_api.searcher import MODES, Searcher

MEASURES = [R @ 1, RR @ 10]
REPORTS = Path(__file__).resolve().parent / "reports"


def retrieval(searcher: Searcher, questions: list[tuple[str, str, set[str]]]) -> dict:
    """{mode: {"R@1", "RR@10"}} at document level for (qid, text, gold doc ids) questions."""
    qrels = {qid: {d: 1 for d in gold} for qid, _, gold in questions}
    out = {}
    for mode in MODES:
        run = {}
        for qid, text, _ in questions:
            hits = searcher.search(text, k=10, mode=mode, unique_documents=True).results
            run[qid] = {h.doc_id: float(10 - i) for i, h in enumerate(hits)}
        out[mode] = {str(m): round(v, 4) for m, v in ir_measures.calc_aggregate(MEASURES, qrels, run).items()}
    return out


def throughput(docs: dict) -> dict:
    """Encoder tokens/s of a fresh build of ``docs`` against the encoder alone on its texts."""
    work = Path(tempfile.mkdtemp(prefix="mou-throughput-"))
    try:
        t = step_throughput(list(docs.items()), str(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"texts_embedded": t["embedded_texts"], "tokens": t["embedded_tokens"],
            "build_seconds": round(t["build_seconds"], 2),
            "end_to_end_tokens_per_s": round(t["embedded_tokens"] / t["build_seconds"], 1),
            "encoder_alone_seconds": round(t["encoder_alone_seconds"], 2), "encoder_alone_tokens": t["tokens"],
            "encoder_alone_tokens_per_s": round(t["tokens"] / t["encoder_alone_seconds"], 1)}


def agreement_en_th() -> list[tuple[str, str, set[str]]]:
    path = Path(__file__).resolve().parent / "data" / "agreements" / "questions.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q["pair"] == "en->th":
            out.append((q["qid"], q["query"], {j["doc_id"] for j in q["judgements"] if j["grade"] == 2}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--work", default="/tmp/mou-iapp", help="where the iApp corpus and index are kept")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    from eval.datasets.iapp import load, write_corpus
    from indexer.build import build_index

    docs, thai, english = load(args.split)
    work = Path(args.work)
    corpus = work / f"{args.split}-corpus"
    if not corpus.exists():
        write_corpus(docs, corpus)
    build_index(corpus, work / f"{args.split}-index")
    searcher = Searcher(work / f"{args.split}-index")
    result = {"machine": machine(), "split": args.split,
              "iapp_th": {"questions": len(thai), **retrieval(searcher, [(q.qid, q.text, {q.doc_id}) for q in thai])},
              "iapp_en": {"questions": len(english), **retrieval(searcher, [(q.qid, q.text, {q.doc_id}) for q in english])}}
    agreements = Searcher(_agreement_index(build_index))
    en_th = agreement_en_th()
    result["agreements_en_th"] = {"questions": len(en_th), **retrieval(agreements, en_th)}
    result["latency_iapp"] = time_queries(searcher, [q.text for q in thai[:300]])
    if not args.skip_throughput:
        result["throughput"] = throughput(docs)
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=2, ensure_ascii=False))
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "core.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (REPORTS / "core.md").write_text(render(result), encoding="utf-8")


def _agreement_index(build_index) -> Path:
    index = Path(tempfile.gettempdir()) / "mou-core-agreements-index"
    build_index(Path(__file__).resolve().parents[1] / "corpus", index)
    return index


def render(r: dict) -> str:
    lines = [f"# Core figures (iApp `{r['split']}` split, bundled model e5-small-q4)", "",
             "Regenerate: `python -m eval.measure_core`. Machine: "
             f"{r['machine']['cores']} cores, {r['machine']['cpu']}, load average {r['machine']['load_average']} "
             f"at the start, {r['machine'].get('load_average_end')} at the end (other work shares the CPU).",
             "", "## Document retrieval", "",
             "| question set | n | dense R@1 | dense MRR@10 | lexical R@1 | lexical MRR@10 | hybrid R@1 | hybrid MRR@10 |",
             "|---|---|---|---|---|---|---|---|"]
    for key, label in (("iapp_th", "iApp Thai -> Thai"), ("iapp_en", "iApp English -> Thai"),
                       ("agreements_en_th", "agreements English -> Thai")):
        x = r[key]
        cells = " | ".join(f"{x[m]['R@1']:.3f} | {x[m]['RR@10']:.3f}" for m in MODES[1:] + MODES[:1])
        lines.append(f"| {label} | {x['questions']} | {cells} |")
    lines += ["", "## Query latency (index loaded, k=10, one query at a time, default threads; "
              "each embeds its question)", "", "| mode | p50 ms | p99 ms | queries |",
              "|---|---|---|---|"]
    for mode, x in r["latency_iapp"].items():
        lines.append(f"| {mode} | {x['p50_ms']:.1f} | {x['p99_ms']:.1f} | {x['n']} |")
    if "throughput" in r:
        t = r["throughput"]
        lines += ["", "## Indexing throughput", "",
                  f"- end to end (read, split, chunk, analyse, embed, write): {t['end_to_end_tokens_per_s']} "
                  f"encoder tokens/s ({t['tokens']} tokens, {t['build_seconds']} s)",
                  f"- encoder alone on the same texts: {t['encoder_alone_tokens_per_s']} tokens/s "
                  f"({t['encoder_alone_tokens']} tokens, {t['encoder_alone_seconds']} s)"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
