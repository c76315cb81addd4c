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

from eval.datasets import shared_data_candidates

ROOT = Path(__file__).resolve().parents[2]
ENV_VAR = "MOU_SEARCH_IAPP_DIR"
ENGLISH_DIR = ROOT / "eval" / "data"


def data_dir_candidates() -> list[Path]:
    """Where the iApp splits are looked for (``shared_data_candidates``)."""
    return shared_data_candidates(ENV_VAR, "iapp-wiki-qa")


def find_data_dir() -> Path:
    """The first candidate folder that holds a split; the last candidate if none does."""
    candidates = data_dir_candidates()
    for folder in candidates:
        if (folder / "test.jsonl").exists() or (folder / "valid.jsonl").exists():
            return folder
    return candidates[-1]


DATA_DIR = find_data_dir()


@dataclass
class Question:
    qid: str
    text: str
    lang: str
    doc_id: str
    answers: list[str] = field(default_factory=list)
    answer_starts: list[int] = field(default_factory=list)  # offsets of the answers in the context


def doc_id_of(context: str) -> str:
    return "iapp/" + hashlib.sha1(context.encode("utf-8")).hexdigest()[:12] + ".txt"


def load(split: str = "test", data_dir: Path | None = None):
    """(documents: doc_id -> {"title", "text"}, Thai questions, English questions)."""
    path = Path(data_dir or find_data_dir()) / f"{split}.jsonl"
    if not path.exists():
        tried = ", ".join(str(p) for p in data_dir_candidates())
        raise FileNotFoundError(f"{path} not found: put the iApp splits in one of {tried} "
                                f"or set {ENV_VAR} to their folder")
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
            starts = row.get("answers", {}).get("answer_start", [])
            q = Question(row["question_id"], row["question"], "th", doc_id, list(answers), list(starts))
            thai.append(q)
            by_id[q.qid] = q
    english: list[Question] = []
    en_path = ENGLISH_DIR / f"iapp_en_{split}.tsv"
    if en_path.exists():
        with open(en_path, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                src = by_id[row["question_id"]]
                english.append(Question(src.qid + "-en", row["question_en"], "en", src.doc_id,
                                        src.answers, src.answer_starts))
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


def load_dataset(split: str, corpus_dir: Path, data_dir: Path | None = None):
    """The split as an evaluation :class:`~eval.datasets.Dataset`; the corpus is written to
    ``corpus_dir`` (unchanged files are rewritten byte for byte, so the index stays valid).

    Passage-level judgements are the answer spans (grade 2); the gold context is the relevant
    document (grade 2). Answer accuracy checks the gold answer strings.
    """
    from eval.datasets import Dataset, Judgement, Query

    docs, thai, english = load(split, data_dir)
    write_corpus(docs, corpus_dir)
    queries = []
    for q in thai + english:
        judgements = [Judgement(q.doc_id, 2, text, start)
                      for text, start in zip(q.answers, q.answer_starts or [None] * len(q.answers))
                      if text.strip()]
        if not judgements:
            judgements = [Judgement(q.doc_id, 2)]
        queries.append(Query(q.qid, q.text, q.lang, f"{q.lang}->th", judgements, list(q.answers),
                             kind="factual"))
    return Dataset(name=f"iapp-{split}", corpus_dir=Path(corpus_dir), queries=queries,
                   answer_rule="string",
                   description=f"iApp Wikipedia QA, {split} split: {len(docs)} Thai contexts, "
                               f"{len(thai)} Thai questions and {len(english)} English translations")
