"""BEIR folders in and out: ``corpus.jsonl``, ``queries.jsonl``, ``qrels/<split>.tsv``.

Reading: every corpus entry ``{"_id", "title", "text", "metadata"?}`` becomes a text file with
front matter in a corpus folder that ``build_index`` reads; ``qrels/<split>.tsv``
(``query-id  corpus-id  score``, with a header line) gives document-level judgements. A query's
``metadata`` may carry our extensions: ``lang``, ``pair``, ``kind``, ``answers`` (gold answer
strings) and ``judgements`` (``[{"doc_id", "quote", "grade", "hint"?}]``, passage-level spans);
without them a public benchmark is scored at document level only.

Writing (:func:`export_beir`) puts any dataset, the bundled agreements included, in that shape,
so ``mou-search eval --dataset FOLDER`` reproduces the original evaluation and other tools can
read the same files.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

from eval.datasets import Dataset, Judgement, Query

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_SAFE = re.compile(r"[\w.-]+(?:/[\w.-]+)*")


def file_name(doc_id: str) -> str:
    """A safe relative path for a corpus id; the id itself when it already is one."""
    parts = doc_id.split("/")
    if (_SAFE.fullmatch(doc_id) and not any(p.startswith(".") for p in parts)
            and Path(doc_id).suffix.lower() in TEXT_SUFFIXES):
        return doc_id
    stem = re.sub(r"[^\w.-]+", "_", doc_id).strip("._")[:80] or "doc"
    return f"{stem}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:10]}.txt"


def _front_matter(meta: dict) -> str:
    lines = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()
             if v not in (None, "", []) and re.fullmatch(r"[a-z_]+", k)]
    return "---\n" + "\n".join(lines) + "\n---\n" if lines else ""


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_beir(folder: Path, split: str = "test", corpus_dir: Path | None = None) -> Dataset:
    folder = Path(folder)
    for need in ("corpus.jsonl", "queries.jsonl", f"qrels/{split}.tsv"):
        if not (folder / need).exists():
            raise FileNotFoundError(f"{folder / need} not found: a BEIR folder holds corpus.jsonl, "
                                    f"queries.jsonl and qrels/{split}.tsv")
    corpus_dir = Path(corpus_dir or folder / ".mou-search-corpus")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    index_ids = {}
    for row in _read_jsonl(folder / "corpus.jsonl"):
        doc_id = str(row["_id"])
        name = file_name(doc_id)
        if name != doc_id:
            index_ids[doc_id] = name
        meta = {"title": row.get("title") or None, **(row.get("metadata") or {})}
        content = _front_matter(meta) + row.get("text", "")
        path = corpus_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    qrels: dict[str, dict[str, int]] = {}
    with open(folder / "qrels" / f"{split}.tsv", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) < 3 or row[0] == "query-id":
                continue
            qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    queries = []
    for row in _read_jsonl(folder / "queries.jsonl"):
        qid = str(row["_id"])
        if qid not in qrels:
            continue  # BEIR queries.jsonl covers every split; score only this split's queries
        meta = row.get("metadata") or {}
        spans = [Judgement(j["doc_id"], int(j["grade"]), j.get("quote"), j.get("hint"))
                 for j in meta.get("judgements", [])]
        spanned = {j.doc_id for j in spans}
        whole = [Judgement(d, g) for d, g in qrels[qid].items() if g > 0 and d not in spanned]
        queries.append(Query(qid, row["text"], meta.get("lang", ""), meta.get("pair", ""),
                             spans + whole, list(meta.get("answers", [])), meta.get("kind", "")))
    missing = set(qrels) - {q.qid for q in queries}
    if missing:
        raise ValueError(f"{folder}: qrels/{split}.tsv judges queries missing from queries.jsonl: "
                         f"{', '.join(sorted(missing)[:5])}")
    rule = "span" if any(j.quote for q in queries for j in q.judgements) else \
        "string" if any(q.answers for q in queries) else None
    return Dataset(name=f"beir-{folder.resolve().name}", corpus_dir=corpus_dir, queries=queries,
                   answer_rule=rule, index_ids=index_ids,
                   description=f"BEIR folder {folder} ({split} split)")


def export_beir(dataset: Dataset, folder: Path, split: str = "test") -> Path:
    """Write ``dataset`` as a BEIR folder; documents are read as the indexer reads them."""
    from indexer.corpus import list_corpus, read_document

    folder = Path(folder)
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    to_dataset = dataset.dataset_ids()
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as f:
        for index_id, path in list_corpus(dataset.corpus_dir):
            doc = read_document(path, index_id, path.read_bytes())
            meta = {k: v for k, v in (("lang", doc.lang), ("date", doc.date), ("source", doc.source),
                                      ("parties", doc.parties)) if v}
            f.write(json.dumps({"_id": to_dataset.get(index_id, index_id), "title": doc.title,
                                "text": doc.text, "metadata": meta}, ensure_ascii=False) + "\n")
    with open(folder / "queries.jsonl", "w", encoding="utf-8") as f:
        for q in dataset.queries:
            meta = {"lang": q.lang, "pair": q.pair, "kind": q.kind, "answers": q.answers,
                    "judgements": [j.as_dict() for j in q.judgements if j.quote is not None]}
            meta = {k: v for k, v in meta.items() if v}
            f.write(json.dumps({"_id": q.qid, "text": q.text, "metadata": meta}, ensure_ascii=False) + "\n")
    with open(folder / "qrels" / f"{split}.tsv", "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for q in dataset.queries:
            grades: dict[str, int] = {}
            for j in q.judgements:
                grades[j.doc_id] = max(grades.get(j.doc_id, 0), j.grade)
            for doc_id, grade in grades.items():
                f.write(f"{q.qid}\t{doc_id}\t{grade}\n")
    return folder
