"""Run configurations over a dataset with the same ``Searcher`` users get; score the runs.

For each configuration: the index for its encoder + chunking is built (or brought up to date,
incrementally) in the cache folder, every query is searched at passage level and at document
level (best chunk per document), and the runs are scored against qrels resolved for that very
index (:mod:`eval.qrels`), with ir-measures. Answer-sentence accuracy is scored per query too,
so every number can be compared between configurations query by query.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from eval import metrics as M
from eval.configs import EvalConfig
from eval.datasets import Dataset
from eval.qrels import Resolved, Span, overlaps, resolve
from eval.trec import Run, as_scored
from search_api.rerank import load_models

LEVELS = ("passage", "document")
ANSWER_METRICS = ("answer@1", "span@1", "answer@rel", "span@rel", "chars@1", "span_chars@1")
DEPTH = 10


@dataclass
class ConfigResult:
    config: EvalConfig
    index_key: str
    index_version: str
    runs: dict[str, Run]                                   # level -> run
    scores: dict[str, dict[str, dict[str, float]]]         # level -> metric -> qid -> value
    seconds: float = 0.0
    build: dict = field(default_factory=dict)
    calibration: list = field(default_factory=list)       # (qid, answer probability, span@1)
    # (qid, a hit's confidence, whether the passage is judged relevant) for every hit of the top
    # ``depth`` that has a confidence
    passage_calibration: list = field(default_factory=list)


@dataclass
class Evaluation:
    dataset: Dataset
    results: list[ConfigResult]
    qrels: dict[str, Resolved]                             # index key -> resolved qrels
    metrics: tuple[str, ...] = M.DEFAULT_METRICS
    depth: int = DEPTH

    def judged(self, level: str, index_key: str) -> list[str]:
        r = self.qrels[index_key]
        return [q.qid for q in self.dataset.queries if q.qid in (r.passage if level == "passage" else r.document)]


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def marked_span(hit):
    """The span a hit marks: its answer span, or its sentence when it has none."""
    return hit.answer_span if getattr(hit, "answer_span", None) is not None else hit.answer


def answer_correct(dataset: Dataset, query, spans: list[Span], hits, depth: int) -> dict[str, float]:
    """``ANSWER_METRICS`` of one query; see ``ANSWER_DEFINITIONS``."""
    if dataset.answer_rule is None:
        return {m: float("nan") for m in ANSWER_METRICS}
    grade2 = [s for s in spans if s.grade >= 2]
    gold_docs = {dataset.index_id(j.doc_id) for j in query.judgements if j.grade >= 2}
    if dataset.answer_rule == "span":
        def relevant(hit):
            return any(s.doc_id == hit.doc_id and overlaps(hit.start, hit.end, s.start, s.end) for s in grade2)

        def correct(hit, marked=lambda h: h.answer):
            a, b = hit.start + marked(hit).start, hit.start + marked(hit).end
            return any(s.doc_id == hit.doc_id and overlaps(a, b, s.start, s.end) for s in grade2)
    else:
        from indexer.textnorm import normalize_for_match

        answers = [normalize_for_match(a) for a in query.answers if a.strip()]

        def relevant(hit):
            return hit.doc_id in gold_docs

        def correct(hit, marked=lambda h: h.answer):
            sentence = normalize_for_match(marked(hit).text)
            return any(a and a in sentence for a in answers)
    top = hits[:depth]
    first = next((h for h in top if relevant(h)), None)
    return {
        "answer@1": float(bool(top) and relevant(top[0]) and correct(top[0])),
        "span@1": float(bool(top) and relevant(top[0]) and correct(top[0], marked_span)),
        "answer@rel": float(first is not None and correct(first)),
        "span@rel": float(first is not None and correct(first, marked_span)),
        "chars@1": float(len(top[0].answer.text)) if top else float("nan"),
        "span_chars@1": float(len(marked_span(top[0]).text)) if top else float("nan"),
    }


ANSWER_DEFINITIONS = {
    "span": ("**answer@1**: the rank-1 passage overlaps a grade-2 judged quote *and* its marked "
             "answer sentence (document offsets `hit.start + answer.start .. hit.start + answer.end`) "
             "overlaps a grade-2 quote. **answer@rel**: the same test on the first passage in the "
             "top 10 that overlaps a grade-2 quote (0 when none does): the sentence picker's accuracy "
             "when retrieval found an answering passage. **span@1** / **span@rel**: the same tests on "
             "the marked answer span (`answer_span`; the sentence when a configuration marks none). "
             "**chars@1** / **span_chars@1**: mean length in characters of the rank-1 marked sentence "
             "and span (a longer mark holds the answer more easily)."),
    "string": ("**answer@1**: the rank-1 passage is from the gold document and its marked answer "
               "sentence contains a gold answer string (both through "
               "`indexer.textnorm.normalize_for_match`). **answer@rel**: the same test on the "
               "top-ranked passage from the gold document within the top 10 (0 when none is). "
               "**span@1** / **span@rel**: the same tests on the marked answer span (`answer_span`; "
               "the sentence when a configuration marks none): *the span holds a gold answer*. "
               "**chars@1** / **span_chars@1**: mean length in characters of the rank-1 marked "
               "sentence and span (a longer mark holds the answer more easily)."),
}


def _index_for(config: EvalConfig, dataset: Dataset, cache_dir: Path, encoders: dict,
               index_dirs: dict, quiet: bool):
    from indexer.build import build_index
    from indexer.encoders import get_encoder

    key = config.index_key()
    index_dir = index_dirs.get(key) or Path(cache_dir) / (dataset.cache_name or dataset.name) / key
    if config.encoder_name not in encoders:
        encoders[config.encoder_name] = get_encoder(config.encoder_name)
    encoder = encoders[config.encoder_name]
    _log(f"index {key}: bringing {index_dir} up to date", quiet)
    summary = build_index(dataset.corpus_dir, index_dir, encoder, config=config.build_config(),
                          progress=not quiet)
    _log(f"  {summary.line()}", quiet)
    return index_dir, encoder, summary


def evaluate(dataset: Dataset, configs: list[EvalConfig], cache_dir: Path,
             index_dirs: dict[str, Path] | None = None, encoders: dict | None = None,
             metrics=M.DEFAULT_METRICS, depth: int = DEPTH, quiet: bool = False) -> Evaluation:
    """Score every configuration. ``index_dirs`` (index key -> folder) reuses given indexes (they
    are still brought up to date); ``encoders`` (name -> Encoder) supplies ready encoders."""
    from search_api.searcher import Searcher

    index_dirs = dict(index_dirs or {})
    encoders = dict(encoders or {})
    searchers: dict[str, Searcher] = {}
    builds: dict[str, dict] = {}
    qrels: dict[str, Resolved] = {}
    results = []
    for config in configs:
        key = config.index_key()
        if key not in searchers:
            index_dir, encoder, summary = _index_for(config, dataset, cache_dir, encoders,
                                                     index_dirs, quiet)
            searcher = Searcher(index_dir, encoder=encoder)
            searchers[key] = searcher
            builds[key] = {"index_dir": str(index_dir), "seconds": round(summary.seconds, 2),
                           "embedded_tokens": summary.embedded_tokens,
                           "documents": summary.documents or len(searcher.index.documents),
                           "chunks": len(searcher.index.chunks)}
            qrels[key] = resolve(dataset, searcher.index.documents, searcher.index.chunks)
            for problem in qrels[key].problems:
                _log(f"  warning: {problem}", quiet)
        searcher = searchers[key]
        searcher.params = config.fusion_params()
        searcher.models = load_models() if config.learned is not False else None
        searcher.embed_queries([q.text for q in dataset.queries])
        started = time.perf_counter()
        runs: dict[str, Run] = {"passage": {}, "document": {}}
        answers = {m: {} for m in ANSWER_METRICS}
        calibration = []   # (qid, rank-1 answer probability, span@1): reliability of confidence
        passage_calibration = []
        to_dataset_id = dataset.dataset_ids()
        bar = None
        if not quiet:
            from tqdm import tqdm

            bar = tqdm(total=len(dataset.queries), unit="query", desc=config.name, file=sys.stderr,
                       leave=False)
        for q in dataset.queries:
            if bar is not None:
                bar.update(1)
            # retrieval is scored over the unfloored ranking (the floor would only cut the tail)
            passage = searcher.search(q.text, k=depth, mode=config.mode, floor=False)
            runs["passage"][q.qid] = [(h.chunk_id, h.score) for h in passage.results]
            document = searcher.search(q.text, k=depth, mode=config.mode, unique_documents=True,
                                       floor=False)
            runs["document"][q.qid] = [(to_dataset_id.get(h.doc_id, h.doc_id), h.score)
                                       for h in document.results]
            scored = answer_correct(dataset, q, qrels[key].spans.get(q.qid, []), passage.results, depth)
            for m, v in scored.items():
                answers[m][q.qid] = v
            judged = qrels[key].passage.get(q.qid, {})
            passage_calibration += [(q.qid, h.confidence, float(judged.get(h.chunk_id, 0) >= 1))
                                    for h in passage.results if h.confidence is not None]
            if passage.results and passage.results[0].answer_probability is not None:
                calibration.append((q.qid, passage.results[0].answer_probability, scored["span@1"]))
        if bar is not None:
            bar.close()
        seconds = time.perf_counter() - started
        doc_qrels = {qid: {to_dataset_id.get(d, d): g for d, g in graded.items()}
                     for qid, graded in qrels[key].document.items()}
        scores = {
            "passage": M.per_query(qrels[key].passage, as_scored(runs["passage"]), metrics),
            "document": M.per_query(doc_qrels, as_scored(runs["document"]), metrics),
        }
        if dataset.answer_rule is not None:
            judged = set(qrels[key].passage)
            scores["answer"] = {m: {q: v for q, v in vals.items() if q in judged}
                                for m, vals in answers.items()}
        results.append(ConfigResult(config, key, searcher.index.version, runs, scores,
                                    seconds, builds[key], calibration, passage_calibration))
        overall = M.mean(scores["passage"][metrics[0]])
        _log(f"{config.name}: passage {metrics[0]} {overall:.3f} "
             f"({len(dataset.queries)} queries, {seconds:.1f} s)", quiet)
    return Evaluation(dataset, results, qrels, tuple(metrics), depth)
