"""Reports of an evaluation: TREC runs and qrels, a markdown table, a JSON file, a PNG chart.

Everything for a dataset goes to ``<reports>/<dataset>/``:

    report.md  report.json  chart.png
    qrels/<index key>.passage.txt  qrels/<index key>.document.txt  (TREC qrels)
    runs/<config>.passage.trec     runs/<config>.document.trec      (TREC runs)
"""
from __future__ import annotations

import json
import math
import os
import platform
import time
from pathlib import Path

from eval import metrics as M
from eval.experiment import ANSWER_DEFINITIONS, ANSWER_METRICS, Evaluation
from eval.significance import ALPHA, compare
from eval.trec import write_qrels, write_run

SHORT = {"ndcg@10": "nDCG@10", "mrr@10": "MRR@10", "recall@1": "R@1", "hit@1": "hit@1",
         "recall@5": "R@5",
         "recall@10": "R@10"}
HEADLINE = [("passage", "ndcg@10"), ("passage", "mrr@10"), ("document", "ndcg@10"),
            ("answer", "answer@1")]


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {"cores": os.cpu_count(), "cpu": model or platform.processor(),
            "load_average": [round(x, 2) for x in load], "python": platform.python_version(),
            "platform": platform.platform()}


def columns(evaluation: Evaluation) -> list[tuple[str, str]]:
    cols = [(lvl, m) for lvl in ("passage", "document") for m in evaluation.metrics]
    if evaluation.dataset.answer_rule is not None:
        cols += [("answer", m) for m in ANSWER_METRICS]
    return cols


def _finite(value):
    """JSON has no NaN: means over no queries are written as null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def summary(evaluation: Evaluation, baseline: str) -> dict:
    """Means per configuration, overall and by pair, with paired tests against the baseline."""
    base = next(r for r in evaluation.results if r.config.name == baseline)
    groups = [None] + evaluation.dataset.pairs()
    out = {}
    for r in evaluation.results:
        per = {}
        for pair in groups:
            cells = {}
            for level, metric in columns(evaluation):
                values = r.scores[level][metric]
                wanted = {q.qid for q in evaluation.dataset.queries if pair is None or q.pair == pair}
                qids = [q for q in values if q in wanted]
                cell = {"mean": M.mean(values, qids), "n": len(qids)}
                if r is not base:
                    cell["vs_baseline"] = compare(base.scores[level][metric], values, qids)
                cells[f"{level}/{metric}"] = cell
            per[pair or "all"] = cells
        out[r.config.name] = per
    return out


def _fmt(cell: dict) -> str:
    mean = cell["mean"]
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        return "–"
    text = f"{mean:.0f}" if mean > 1.5 else f"{mean:.3f}"   # lengths in characters, or shares
    test = cell.get("vs_baseline")
    if test and test["significant"]:
        text += "▲" if test["diff"] > 0 else "▼"
    return text


def _header(level: str, metric: str) -> str:
    prefix = {"passage": "P ", "document": "D ", "answer": ""}[level]
    return prefix + SHORT.get(metric, metric)


def markdown(evaluation: Evaluation, table: dict, baseline: str, command: str, info: dict) -> str:
    ds = evaluation.dataset
    cols = columns(evaluation)
    lines = [f"# Retrieval evaluation: {ds.name}", "",
             f"Regenerate with `{command}` (from the repository root).", "",
             f"- Dataset: {ds.description or ds.name}; {len(ds.queries)} queries.",
             f"- Generated {info['generated']} on {info['machine']['cores']} cores "
             f"({info['machine']['cpu']}), load average {info['machine']['load_average']}.",
             f"- Depth {evaluation.depth}; metrics by ir-measures {info['ir_measures']}.", ""]
    for key, resolved in evaluation.qrels.items():
        lines.append(f"- Index `{key}`: {len(resolved.passage)} queries with passage qrels, "
                     f"{len(resolved.document)} with document qrels"
                     + (f"; **{len(resolved.problems)} judgements could not be resolved** "
                        f"(listed in report.json)" if resolved.problems else "") + ".")
    lines += ["", "## How to read this", "",
              "- **P** = passage level: a retrieved chunk is relevant with the highest grade of the "
              "judged quotes its character span overlaps (quotes are resolved in the indexed "
              "document text at evaluation time, so the same judgements serve any chunk size). "
              "**D** = document level: best chunk per document, grade = highest judgement in it.",
              "- nDCG@10 uses the grades (2, 1) as gains; MRR@10 (RR@10) and recall count grade ≥ 1 "
              "as relevant. A judged query with no result scores 0.",
              ]
    if ds.answer_rule:
        lines.append("- " + ANSWER_DEFINITIONS[ds.answer_rule])
    lines += [f"- ▲/▼: differs from the baseline **{baseline}** with p < {ALPHA} in a paired, "
              "two-sided randomization test (sign flips over per-query scores; exact for n ≤ 16, "
              "else 10,000 samples) on the same queries. Unmarked differences are not evidence of "
              "progress. Paired t-test and Wilcoxon p-values are in the significance table and "
              "report.json. No correction for multiple comparisons is applied.", ""]
    groups = ["all"] + ds.pairs()
    for group in groups:
        n = len([q for q in ds.queries if group == "all" or q.pair == group])
        lines += [f"## {'All queries' if group == 'all' else group} (n = {n})", "",
                  "| configuration | mode | " + " | ".join(_header(l, m) for l, m in cols) + " |",
                  "| --- | --- | " + " | ".join("---:" for _ in cols) + " |"]
        for r in evaluation.results:
            cells = table[r.config.name][group]
            lines.append(f"| {r.config.name} | {r.config.mode} | "
                         + " | ".join(_fmt(cells[f"{l}/{m}"]) for l, m in cols) + " |")
        lines.append("")
    others = [r for r in evaluation.results if r.config.name != baseline]
    if others:
        lines += [f"## Significance against {baseline} (all queries)", "",
                  "| configuration | measure | Δ mean | wins/losses/ties | p randomization | p t-test | p Wilcoxon |",
                  "| --- | --- | ---: | --- | ---: | ---: | ---: |"]
        for r in others:
            for level, metric in cols:
                t = table[r.config.name]["all"][f"{level}/{metric}"].get("vs_baseline")
                if not t:
                    continue
                mark = " ▲" if t["significant"] and t["diff"] > 0 else " ▼" if t["significant"] else ""
                lines.append(f"| {r.config.name} | {_header(level, metric)} | {t['diff']:+.3f}{mark} | "
                             f"{t['wins']}/{t['losses']}/{t['ties']} | {t['p_randomization']:.4f} | "
                             f"{t['p_ttest']:.4f} | {t['p_wilcoxon']:.4f} |")
        lines.append("")
    lines += calibration_lines(evaluation)
    lines += ["## Configurations", "", "| configuration | settings | index | search time |",
              "| --- | --- | --- | ---: |"]
    for r in evaluation.results:
        s = r.config.settings()
        settings = ", ".join(f"{k}={v}" for k, v in s.items() if k != "name")
        lines.append(f"| {r.config.name} | {settings} | `{r.index_key}` ({r.build['chunks']} chunks) | "
                     f"{r.seconds:.1f} s |")
    lines += ["", "Search time covers both levels for every query; the first configuration on an "
              "index also pays for embedding the queries (cached for the next ones).", "",
              "Files: `runs/<configuration>.{passage,document}.trec`, "
              "`qrels/<index>.{passage,document}.txt` (TREC formats), `report.json`, `chart.png`.", ""]
    return "\n".join(lines)


def calibration(evaluation: Evaluation, field: str = "calibration") -> dict:
    """Per configuration with confidences: ECE and reliability of the rank-1 answer probability
    against span@1 (``field`` "passage_calibration": of every top-10 hit's confidence against its
    passage being judged relevant), over all queries and by language pair."""
    pair_of = {q.qid: q.pair for q in evaluation.dataset.queries}
    out = {}
    for r in evaluation.results:
        rows_of = getattr(r, field)
        if not rows_of:
            continue
        out[r.config.name] = {}
        for pair in ["all"] + evaluation.dataset.pairs():
            rows = [(p, y) for qid, p, y in rows_of if pair == "all" or pair_of.get(qid) == pair]
            if rows:
                ece, table = M.reliability([p for p, _ in rows], [y for _, y in rows])
                out[r.config.name][pair] = {"n": len(rows), "ece": round(ece, 4), "reliability": table}
    return out


def calibration_lines(evaluation: Evaluation) -> list[str]:
    cal = calibration(evaluation)
    lines = []
    for name, groups in cal.items():
        lines += [f"## Answer confidence of {name}: reliability (rank-1 answer probability vs span@1)", "",
                  "ECE " + ", ".join(f"{g} {v['ece']:.3f} (n = {v['n']})" for g, v in groups.items()) + ".", "",
                  "| bin | n | mean predicted | observed span@1 |", "| --- | ---: | ---: | ---: |"]
        lines += [f"| {row['bin']} | {row['n']} | {row['predicted']:.3f} | {row['observed']:.3f} |"
                  for row in groups["all"]["reliability"]]
        lines.append("")
    for name, groups in calibration(evaluation, "passage_calibration").items():
        lines += [f"## Passage confidence of {name}: reliability (each top-10 hit's confidence vs its "
                  "passage judged relevant)", "",
                  "ECE " + ", ".join(f"{g} {v['ece']:.3f} (n = {v['n']}, mean {mean_predicted(v):.3f} "
                                     f"vs {mean_observed(v):.3f})" for g, v in groups.items()) + ".", ""]
    return lines


def mean_predicted(group: dict) -> float:
    return sum(r["predicted"] * r["n"] for r in group["reliability"]) / max(group["n"], 1)


def mean_observed(group: dict) -> float:
    return sum(r["observed"] * r["n"] for r in group["reliability"]) / max(group["n"], 1)


def chart(evaluation: Evaluation, table: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = [r.config.name for r in evaluation.results]
    heads = [(l, m) for l, m in HEADLINE if l != "answer" or evaluation.dataset.answer_rule]
    pairs = evaluation.dataset.pairs()
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), gridspec_kw={"width_ratios": [len(heads), max(1, len(pairs))]})
    width = 0.8 / max(1, len(names))
    for ax, groups, title in ((axes[0], heads, "all queries"),
                              (axes[1], [("pair", p) for p in pairs], "passage nDCG@10 by language pair")):
        x = np.arange(len(groups))
        for i, name in enumerate(names):
            if title == "all queries":
                vals = [table[name]["all"][f"{l}/{m}"]["mean"] for l, m in groups]
            else:
                vals = [table[name][p]["passage/ndcg@10"]["mean"] for _, p in groups]
            ax.bar(x + (i - (len(names) - 1) / 2) * width, vals, width, label=name)
        ax.set_xticks(x)
        ax.set_xticklabels([_header(l, m) if l != "pair" else m for l, m in groups])
        ax.set_ylim(0, 1)
        ax.set_title(title)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(loc="lower left", fontsize=8)
    fig.suptitle(f"mou-search evaluation: {evaluation.dataset.name}")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(evaluation: Evaluation, out_dir: Path, baseline: str | None, command: str,
          with_chart: bool = True) -> dict:
    """Write everything for ``evaluation`` under ``out_dir``; return the JSON report."""
    from importlib.metadata import version

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    baseline = baseline or evaluation.results[0].config.name
    if baseline not in {r.config.name for r in evaluation.results}:
        raise ValueError(f"baseline {baseline!r} is not one of the configurations")
    for key, resolved in evaluation.qrels.items():
        write_qrels(out_dir / "qrels" / f"{key}.passage.txt", resolved.passage)
        to_ds = evaluation.dataset.dataset_ids()
        write_qrels(out_dir / "qrels" / f"{key}.document.txt",
                    {q: {to_ds.get(d, d): g for d, g in docs.items()} for q, docs in resolved.document.items()})
    for r in evaluation.results:
        for level, run in r.runs.items():
            write_run(out_dir / "runs" / f"{r.config.name}.{level}.trec", run, f"mou-search-{r.config.name}")
    table = summary(evaluation, baseline)
    info = {"generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(),
            "ir_measures": version("ir-measures")}
    report = {
        "dataset": evaluation.dataset.name, "description": evaluation.dataset.description,
        "command": command, **info, "depth": evaluation.depth, "baseline": baseline,
        "answer_definition": ANSWER_DEFINITIONS.get(evaluation.dataset.answer_rule or "", None),
        "configurations": [{**r.config.settings(), "index": r.index_key, "index_version": r.index_version,
                            "index_build": r.build, "search_seconds": round(r.seconds, 2)}
                           for r in evaluation.results],
        "qrels": {k: {"passage_queries": len(v.passage), "document_queries": len(v.document),
                      "problems": v.problems} for k, v in evaluation.qrels.items()},
        "results": table,
        "calibration": calibration(evaluation),
        "passage_calibration": calibration(evaluation, "passage_calibration"),
        "per_query": {r.config.name: r.scores for r in evaluation.results},
        "queries": {q.qid: {"pair": q.pair, "lang": q.lang, "kind": q.kind} for q in evaluation.dataset.queries},
    }
    report = _finite(report)
    (out_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1,
                                                    allow_nan=False) + "\n", encoding="utf-8")
    (out_dir / "report.md").write_text(markdown(evaluation, table, baseline, command, info), encoding="utf-8")
    if with_chart:
        chart(evaluation, table, out_dir / "chart.png")
    return report
