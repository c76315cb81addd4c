"""The iApp Thai Wikipedia QA splits as a document-retrieval task.

Each distinct context is a document (id ``iapp/<sha1 of the context, 12 hex>.txt``); a question's
gold document is its own context, and its gold answers are the ``answers.text`` strings.
English questions written for a sample of the Thai ones (``eval/data/iapp_en_<split>.tsv``)
share the Thai question's id with the suffix ``-en``.
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT.parent / "shared" / "data" / "iapp-wiki-qa"
ENGLISH_DIR = ROOT / "eval" / "data"


@dataclass
class Question:
    qid: str
    text: str
    lang: str
    doc_id: str
    answers: list[str] = field(default_factory=list)


def doc_id_of(context: str) -> str:
    return "iapp/" + hashlib.sha1(context.encode("utf-8")).hexdigest()[:12] + ".txt"


def load(split: str = "test", data_dir: Path = DATA_DIR):
    """(documents: doc_id -> {"title", "text"}, Thai questions, English questions)."""
    path = Path(data_dir) / f"{split}.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: the iApp data lives in ../shared/data/iapp-wiki-qa/")
    docs: dict[str, dict] = {}
    thai: list[Question] = []
    by_id: dict[str, Question] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            doc_id = doc_id_of(row["context"])
            docs.setdefault(doc_id, {"title": row.get("title", ""), "text": row["context"]})
            answers = row.get("answers", {}).get("text", [])
            q = Question(row["question_id"], row["question"], "th", doc_id, list(answers))
            thai.append(q)
            by_id[q.qid] = q
    english: list[Question] = []
    en_path = ENGLISH_DIR / f"iapp_en_{split}.tsv"
    if en_path.exists():
        with open(en_path, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                src = by_id[row["question_id"]]
                english.append(Question(src.qid + "-en", row["question_en"], "en", src.doc_id, src.answers))
    return docs, thai, english


def write_corpus(docs: dict[str, dict], folder: Path) -> Path:
    """Write the documents as text files with front matter, ready for ``mou-search index``."""
    folder = Path(folder)
    for doc_id, doc in docs.items():
        path = folder / doc_id
        path.parent.mkdir(parents=True, exist_ok=True)
        front = f"---\ntitle: {json.dumps(doc['title'], ensure_ascii=False)}\nlang: \"th\"\n---\n"
        path.write_text(front + doc["text"], encoding="utf-8")
    return folder
