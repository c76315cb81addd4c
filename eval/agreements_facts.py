"""Agreement facts and links scored against hand judgements (eval/data/agreements/).

    python -m eval.agreements_facts [--data /work/shared/data/thaigov-mou] [--out eval/reports/agreements-facts]
    python -m eval.agreements_facts --split dev      # dev only: test is neither read nor printed

Facts: for every (document, fact type) a judgement covers, the judged values are taken as the
complete truth for that pair: a predicted value matching one is a true positive, any other
predicted value of that type in that document a false positive, a judged value not predicted a
miss. A judgement with ``"value": null`` says the document states no value of that type for its
agreement(s): every value predicted there is a false positive. Values match when equal (dates, durations, kinds, stages, countries), or, for names,
organisations, places, areas and signatories, when one normalised text contains the other.
Links: pairwise over the judged documents, a pair predicted linked when the two documents
share a record, scored against pairs judged same (positive) and distinct (negative).
Both are reported for dev (documents of 2020-2022, the rules were written on them) and test
(2023, held out); facts also per later round of dev judgements (``"batch": "dev2"``, ``"dev3"``,
``"dev4"``, ``"dev5"``, ``"dev6"``, ``"dev7"``, ``"dev8"``, ``"dev9"``, ``"dev10"``, ``"dev11"``, ``"dev12"``: 17-40 documents each drawn at random, judged before any rule was changed on them, so their first figures
estimate held-out performance; rules have been written on them since).
"""
from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

from eval.datasets.thaigov import find_corpus_dir
from indexer.agreements import EXTRACTION_VERSION, extract_mentions, link

DATA = Path(__file__).parent / "data" / "agreements"
DEFAULT_ARCHIVE = find_corpus_dir()
OUT = Path(__file__).parent / "reports" / "agreements-facts"
BATCHES = ("dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12")   # later rounds of dev judgements, each also reported on its own
SPLITS = ("dev", *BATCHES, "test")


def split_of(doc_id: str) -> str:
    return "test" if doc_id.startswith("2023") else "dev"


def read_archive(root: Path, only: set[str] | None = None) -> list[dict]:
    """The archive's documents as the index holds them (page-copy reader, sentences)."""
    from indexer.corpus import Source, list_corpus, read_source
    from indexer.sentences import split_sentences
    out = []
    for doc_id, path in list_corpus(root):
        if only is not None and doc_id not in only:
            continue
        d = read_source(Source(root.resolve(), path, 10 ** 8), doc_id)
        out.append({"doc_id": doc_id, "text": d.text, "date": d.date, "lang": d.lang,
                    "sentences": split_sentences(d.text)})
    return out


def _norm(v) -> str:
    # นิคหิต + สระอา is the same letters as สระอำ (the archive writes both: "สํานักงาน", "สำนักงาน")
    return re.sub(r"[\s.,()“”\"']+", "", str(v).lower()).replace("\u0e4d\u0e32", "\u0e33")


def matches(typ: str, predicted, judged) -> bool:
    if typ in ("duration", "extension"):
        keys = ("years", "months", "days", "open_ended")
        return all((predicted or {}).get(k, 0) == judged.get(k, 0) for k in keys)
    if typ == "signatory":
        a, b = _norm(predicted.get("name", "")), _norm(judged.get("name", ""))
        a, b = re.sub(r"^(?:mr|ms|mrs|dr|นาย|นางสาว|นาง)", "", a), re.sub(r"^(?:mr|ms|mrs|dr|นาย|นางสาว|นาง)", "", b)
        return bool(a and b) and (a in b or b in a)
    if typ in ("signed_date", "approved_date", "valid_until"):
        return str(predicted)[:len(str(judged))] == str(judged) and len(str(predicted)) >= len(str(judged))
    if typ in ("kind", "stage"):
        return predicted == judged
    a, b = _norm(predicted), _norm(judged)
    return bool(a and b) and (a in b or b in a)


def score_facts(judged: list[dict], mentions: list[dict]) -> dict:
    predicted: dict[tuple, list] = {}
    for m in mentions:
        for f in m["facts"]:
            if not f["computed"]:
                predicted.setdefault((m["doc_id"], f["type"]), []).append(f["value"])
    truth: dict[tuple, list] = {}
    batch_of = {j["doc_id"]: j["batch"] for j in judged if j.get("batch")}
    for j in judged:
        values = truth.setdefault((j["doc_id"], j["type"]), [])
        if j["value"] is not None:   # null: judged to state none
            values.append(j["value"])
    out: dict[str, dict] = {}
    for split in SPLITS:
        per: dict[str, dict] = {}
        for (doc, typ), values in truth.items():
            if (batch_of.get(doc) != split) if split in BATCHES else split_of(doc) != split:
                continue
            row = per.setdefault(typ, {"tp": 0, "fp": 0, "fn": 0})
            preds = predicted.get((doc, typ), [])
            row["tp_j"] = row.get("tp_j", 0)
            for v in values:
                if any(matches(typ, p, v) for p in preds):
                    row["tp_j"] += 1
                else:
                    row["fn"] += 1
            for p in preds:
                if any(matches(typ, p, v) for v in values):
                    row["tp"] += 1
                else:
                    row["fp"] += 1
        total = {"tp": 0, "fp": 0, "fn": 0, "tp_j": 0}
        for typ, row in per.items():
            for k in total:
                total[k] += row.get(k, 0)
        per["all"] = total
        for row in per.values():
            row["precision"] = round(row["tp"] / (row["tp"] + row["fp"]), 3) if row["tp"] + row["fp"] else None
            row["recall"] = round(row["tp_j"] / (row["tp_j"] + row["fn"]), 3) if row["tp_j"] + row["fn"] else None
            row["judged"] = row["tp_j"] + row["fn"]
        out[split] = dict(sorted(per.items()))
    return out


def score_links(judged: list[dict], records: dict) -> dict:
    together = set()
    for r in records["records"]:
        docs = r["documents"]
        together |= {(a, b) for a in docs for b in docs if a < b}
    out = {}
    for split in ("dev", "test"):
        tp = fp = fn = tn = 0
        for j in judged:
            if j["split"] != split:
                continue
            docs = sorted(j["documents"])
            pairs = [(a, b) for i, a in enumerate(docs) for b in docs[i + 1:]]
            for p in pairs:
                linked = p in together
                if j["same"]:
                    tp, fn = tp + linked, fn + (not linked)
                else:
                    fp, tn = fp + linked, tn + (not linked)
        out[split] = {"pairs_same": tp + fn, "pairs_distinct": fp + tn, "tp": tp, "fp": fp, "fn": fn,
                      "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                      "recall": round(tp / (tp + fn), 3) if tp + fn else None}
    return out


def run(archive: Path, out: Path | None, split: str | None = None) -> dict:
    """Score every split, or with ``split="dev"`` only the dev documents (test is neither read nor
    scored); ``out`` None writes no report files."""
    facts = [json.loads(l) for l in (DATA / "facts.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    links = [json.loads(l) for l in (DATA / "links.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    if split == "dev":
        facts = [j for j in facts if split_of(j["doc_id"]) == "dev"]
        links = [j for j in links if j["split"] == "dev"]
    started = time.perf_counter()
    only = None
    if split:
        from indexer.corpus import list_corpus
        only = {doc_id for doc_id, _ in list_corpus(archive) if split_of(doc_id) == split}
    docs = read_archive(archive, only)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    mentions = [m for d in docs for m in extract_mentions(d["doc_id"], d["text"], d["date"], d["lang"], d["sentences"])]
    extract_s = time.perf_counter() - started
    records = link(mentions)
    report = {
        "command": "python -m eval.agreements_facts" + (f" --split {split}" if split else ""),
        "extraction_version": EXTRACTION_VERSION,
        "documents": len(docs), "mentions": len(mentions), "records": len(records["records"]),
        "judged_facts": len(facts), "judged_links": len(links),
        "facts": score_facts(facts, mentions), "links": score_links(links, records),
        "seconds": {"read_and_split": round(read_s, 1), "extract": round(extract_s, 1)},
    }
    if split:
        report["facts"] = {k: v for k, v in report["facts"].items() if k != "test"}
        report["links"] = {k: v for k, v in report["links"].items() if k != "test"}
    if out is None:
        return report
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(report), encoding="utf-8")
    return report


def markdown(r: dict) -> str:
    lines = ["# Agreement facts and links", "", f"Regenerate: `{r['command']}` (extraction version "
             f"{r['extraction_version']}; {r['documents']} documents, {r['mentions']} mentions, "
             f"{r['records']} records; {r['judged_facts']} judged facts, {r['judged_links']} judged links).",
             "", "Dev = documents of 2020-2022 (rules written on them), test = 2023 (held out).", ""]
    rounds = {"dev2": "second", "dev3": "third", "dev4": "fourth", "dev5": "fifth", "dev6": "sixth", "dev7": "seventh", "dev8": "eighth", "dev9": "ninth", "dev10": "tenth", "dev11": "eleventh", "dev12": "twelfth"}
    for split in (s for s in SPLITS if s in r["facts"]):
        lines += [f"## Facts, {split}" + (f" (subset of dev: the {rounds[split]} round of judged documents)" if split in rounds else ""), "", "| type | judged | precision | recall | tp | fp | fn |",
                  "|---|---|---|---|---|---|---|"]
        for typ, row in r["facts"][split].items():
            lines.append(f"| {typ} | {row['judged']} | {row['precision']} | {row['recall']} | {row['tp']} | {row['fp']} | {row['fn']} |")
        lines.append("")
    lines += ["## Links (pairwise)", "", "| split | same pairs | distinct pairs | precision | recall |", "|---|---|---|---|---|"]
    for split, row in r["links"].items():
        lines.append(f"| {split} | {row['pairs_same']} | {row['pairs_distinct']} | {row['precision']} | {row['recall']} |")
    lines += ["", f"Time: reading and sentence splitting {r['seconds']['read_and_split']} s, extraction "
              f"{r['seconds']['extract']} s.", ""]
    return "\n".join(lines)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_ARCHIVE)
    ap.add_argument("--out", type=Path, default=None,
                    help=f"report path without suffix (default {OUT}; with --split no report is written unless given)")
    ap.add_argument("--split", choices=["dev"], default=None,
                    help="read and score only this split (dev: test documents are not read, test is not printed)")
    args = ap.parse_args(argv)
    out = args.out if args.out is not None or args.split else OUT
    print(markdown(run(args.data, out, args.split)))


if __name__ == "__main__":
    main()
