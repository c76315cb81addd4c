"""Datasets as plain documents + questions with their judgements.

Every dataset the evaluator runs (the bundled agreements, iApp, any BEIR folder) becomes one
:class:`Dataset`: a corpus folder that ``build_index`` can read, and queries whose judgements
live in document coordinates (doc id + quote), never in chunk ids, so they survive re-chunking.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def shared_data_candidates(env_var: str, name: str) -> list[Path]:
    """Where the shared data folder ``name`` is looked for, in order: ``$env_var``, the shared
    data folder of this machine, then ``../shared/data/<name>`` beside the checkout."""
    found = [Path(os.environ[env_var])] if os.environ.get(env_var) else []
    return found + [Path("/work/shared/data") / name, ROOT.parent / "shared" / "data" / name]


@dataclass
class Judgement:
    """``doc_id`` is relevant with ``grade``; ``quote`` (if given) is the exact passage that is.

    ``hint`` is where the quote is expected in the document (iApp's ``answer_start``); when the
    quote occurs more than once the occurrence nearest the hint is taken. A judgement without a
    quote judges the whole document and gives no passage-level qrels.
    """

    doc_id: str
    grade: int
    quote: str | None = None
    hint: int | None = None

    def as_dict(self) -> dict:
        out = {"doc_id": self.doc_id, "grade": self.grade}
        if self.quote is not None:
            out["quote"] = self.quote
        if self.hint is not None:
            out["hint"] = self.hint
        return out


@dataclass
class Query:
    qid: str
    text: str
    lang: str = ""
    pair: str = ""                    # "query language->document language", e.g. "en->th"
    judgements: list[Judgement] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)   # gold answer strings (iApp)
    kind: str = ""


@dataclass
class Dataset:
    """A corpus folder plus judged queries.

    ``answer_rule`` says how answer-sentence accuracy is judged: ``"span"`` (the answer sentence
    overlaps a grade-2 quote), ``"string"`` (it contains a gold answer string) or ``None``.
    ``index_ids`` maps the dataset's document ids to the ids the index gives the files (the path
    in the corpus folder) where they differ (BEIR ids without a file extension).
    """

    name: str
    corpus_dir: Path
    queries: list[Query]
    answer_rule: str | None = None
    index_ids: dict[str, str] = field(default_factory=dict)
    description: str = ""
    cache_name: str = ""   # index cache folder when splits share one corpus (default: name)

    def index_id(self, doc_id: str) -> str:
        return self.index_ids.get(doc_id, doc_id)

    def dataset_ids(self) -> dict[str, str]:
        """Index doc id -> dataset doc id (the inverse of ``index_ids``)."""
        return {v: k for k, v in self.index_ids.items()}

    def pairs(self) -> list[str]:
        order = ["th->th", "en->th", "th->en", "en->en"]
        found = {q.pair for q in self.queries if q.pair}
        return [p for p in order if p in found] + sorted(found - set(order))


def load_dataset(name: str, split: str = "test", work_dir: Path | None = None) -> Dataset:
    """``agreements``, ``iapp`` (``split`` test|valid), ``thaigov`` (``split`` dev|test|all) or
    the path of a BEIR folder.

    ``work_dir`` is where corpora that are not already folders of files are written.
    """
    work_dir = Path(work_dir or ".cache/mou-search-eval")
    if name == "agreements":
        from eval.datasets.agreements import load_agreements

        return load_agreements()
    if name == "thaigov":
        from eval.datasets.thaigov import load_thaigov

        return load_thaigov(split)
    if name == "iapp":
        from eval.datasets.iapp import load_dataset as load_iapp

        return load_iapp(split, work_dir / f"iapp-{split}" / "corpus")
    path = Path(name)
    if path.is_dir():
        from eval.datasets.beir import load_beir

        return load_beir(path, split, work_dir / f"beir-{path.resolve().name}" / "corpus")
    raise ValueError(f"unknown dataset {name!r}: use 'agreements', 'iapp', 'thaigov' or the path of a BEIR "
                     f"folder (corpus.jsonl, queries.jsonl, qrels/{split}.tsv)")
