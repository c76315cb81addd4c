"""Learn the passage reranking, the answer sentence, the answer span and the answer confidence.

From iApp *train* (a seeded sample of its contexts, ``eval/iapp_indexes.py``): logistic models
over the evidence the searcher already computes (features in ``search_api/rerank.py``,
``answer.py``, ``answer_span.py``), fitted with Newton's method and an L2 penalty. The penalty
is chosen on iApp *valid* (Thai questions and their English translations); valid also
calibrates the passage probability (Platt scaling) and fits the answer model (probability that
the marked span answers) with its reliability table. Test and the agreement questions are never
read. With ``--english yes`` the English questions written for the train sample
(``eval/data/iapp_en_train.tsv``, one per context) are learned from beside its Thai ones (their
evidence read as the searcher reads it: ``Searcher.answer_evidence``). Builds (or brings up to
date) the train and valid indexes first, so one command retrains from scratch; writes
``search_api/models/answers.json`` and ``eval/reports/train_rerank.{md,json}``::

    flock /tmp/mou-bench.lock python -m eval.train_rerank
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from eval.datasets import iapp
from eval.fit_trees import fit_trees
from eval.metrics import reliability
from eval.iapp_indexes import build, index_dir, train_sample, train_shards
from indexer.textnorm import normalize_for_match
from search_api import rerank
from search_api.answer import reads_crossed, sentence_feature_names, sentence_features
from search_api.answer_choice import span_tier
from search_api.answer_span import SPAN_FEATURES, candidates, clause, match_key, span_features
from search_api.rerank import ANSWER_FEATURES, PASSAGE_FEATURES, LinearModel, sigmoid

REPORT = Path("eval/reports/train_rerank")
PENALTIES = (0.1, 1.0, 10.0)
SENTENCE_CHUNKS = 3       # answer-holding chunks per question whose sentences are learned from
FLOOR_KEEP = 0.98         # the floor keeps this share of answer-holding passages of valid's top 10
LEVELS = (0.4, 0.7)       # answer probability for "medium" and "high"
MIN_UNIT_CHARS = 80       # answer units (Searcher.sentence_evidence): chosen on valid, see --min-unit-chars
# a span candidate is a positive when it holds a gold answer with at most this much around it:
# max(SPAN_SLACK_CHARS, SPAN_SLACK x the answer's length). A tighter label (6 chars, 0.3 x) taught
# the model spans that cut the annotators' answers ("วันที่ 2 ตุลาคม" for "2 ตุลาคม พ.ศ. 2557"):
# span@1 on valid 0.284 (th) against 0.489 with this one (eval/reports/train_rerank.md)
SPAN_SLACK_CHARS, SPAN_SLACK = 10, 1.0
# the span falls back to the whole unit below a span probability chosen on valid: the one that
# marks a gold answer most often (span@1, all valid questions) while the mean marked length stays
# at most SPAN_MAX_MEAN_CHARS (a short span is the point; the unit averages ~190)
SPAN_MAX_MEAN_CHARS = 60
# ... and since the clause tier (issue 10: "cut at clause level where that makes the span
# findable"), the run's limit is this share of the mean answer unit on valid (189 characters:
# 95): the mark stays at most half the sentence on average; the frontier in the report shows
# span@1 at every other length
SPAN_MAX_UNIT_SHARE = 0.5
# ... measured on the Thai questions alone (``bounded_rows``): English questions' spans are less
# sure and fall back to their unit more often (~140 characters marked against ~91), so once valid
# held 360 of them (against 742 Thai) a bound over all questions tightened the tiers and cost
# about 3 points of th->th span@1; span@1, the objective, is still counted over every question
SPAN_BOUND_PAIR = "th->th"
FALLBACKS = tuple(round(0.005 * i, 3) for i in range(0, 101))
# span widening (``answer_span.best_span``): logit margins tried, each with every fallback; the
# pair with the best span@1 within the length limit is kept
SPAN_WIDENS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5)
# between the two, the clause tier (``answer_span.clause``): the span grown to whole white-space
# pieces and then by neighbouring pieces to at least this many characters; each tried
CLAUSE_CHARS = (0, 20, 40, 60)
# the span model's edge-word table (``edge_word_table``): words seen at least EDGE_MIN_COUNT times
# in the units that hold an answer, scores shrunk towards 0 by EDGE_PRIOR pseudo-counts. Chosen on
# iApp valid and thaigov dev: 10 / 5 (2,269 words) gave valid span@1 0.616, thaigov dev 0.359;
# 30 / 20 (738 words, mostly function words) 0.613 and 0.379 (main: 0.589 and 0.369)
EDGE_MIN_COUNT, EDGE_PRIOR = 30, 20.0
# a feature is learned from only when at least this many rows show it away from its usual value
# (``standardise``)
MIN_VARYING_ROWS = 20


# -- fitting ------------------------------------------------------------------------------------
def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mean, scale, standardised x) of a feature matrix. A column that differs from its most
    common value in fewer than MIN_VARYING_ROWS rows is not learned from: its standardised
    column is 0, so its weight stays 0. Standardising such a column blows a rounding-sized
    spread up to unit size (one Thai train question of 5,761 whose passage read as another
    language gave ``cross_x_cos_gap`` a spread of 1e-5 and a weight of ~2,000 per unit, which
    then decided every English question's sentence: valid en->th sentence@1 0.74 -> 0.65)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    if len(x):
        for j in range(x.shape[1]):
            _, counts = np.unique(x[:, j], return_counts=True)
            if len(x) - counts.max() < MIN_VARYING_ROWS:
                scale[j], z[:, j] = 1.0, 0.0
    return mean, scale, z


def fit_logistic(x: np.ndarray, y: np.ndarray, features: tuple[str, ...], penalty: float = 1.0,
                 iterations: int = 30, weights: np.ndarray | None = None) -> LinearModel:
    """L2-penalised logistic regression on standardised features (Newton / IRLS); ``weights``:
    each row's weight in the loss (None: 1 each)."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    r = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    mean, scale, z = standardise(x)
    z = np.column_stack([z, np.ones(len(x))])
    w = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], penalty)
    reg[-1] = 1e-6
    for _ in range(iterations):
        p = sigmoid(z @ w)
        grad = z.T @ (r * (p - y)) + reg * w
        hess = (z * (r * p * (1 - p))[:, None]).T @ z + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return LinearModel(tuple(features), mean, scale, w[:-1], float(w[-1]))


def fit_listwise(x: np.ndarray, y: np.ndarray, groups: np.ndarray, features: tuple[str, ...],
                 penalty: float = 1.0, iterations: int = 30, weights: np.ndarray | None = None) -> LinearModel:
    """L2-penalised softmax over each group's candidates (Newton): the probability mass of a
    group's best candidate goes to its positives, so it learns which candidate wins, not each
    candidate's own odds. ``groups`` are contiguous ids; groups with no positive are dropped.
    ``weights``: each row's weight, the same for every row of a group (None: 1 each); a group
    counts in the loss by its rows' weight."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    r = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    groups = np.asarray(groups)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    bounds = np.r_[starts, len(groups)]
    keep = np.zeros(len(y), dtype=bool)
    for a, b in zip(bounds[:-1], bounds[1:]):
        if y[a:b].any() and b - a > 1:
            keep[a:b] = True
    x, y, groups, r = x[keep], y[keep], groups[keep], r[keep]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    group_weight = r[starts]
    gid = np.cumsum(np.r_[True, groups[1:] != groups[:-1]]) - 1
    mean, scale, z = standardise(x)
    target = y / np.bincount(gid, weights=y)[gid]

    def state(w):
        s = z @ w
        s = s - np.maximum.reduceat(s, starts)[gid]
        log_norm = np.log(np.add.reduceat(np.exp(s), starts))
        log_p = s - log_norm[gid]
        return -(r * target * log_p).sum() + 0.5 * penalty * w @ w, np.exp(log_p)

    w = np.zeros(z.shape[1])
    loss, p = state(w)
    for _ in range(iterations):
        grad = z.T @ (r * (p - target)) + penalty * w
        zp = np.add.reduceat(z * p[:, None], starts)          # per group: sum of p z
        hess = (z * (r * p)[:, None]).T @ z - (zp * group_weight[:, None]).T @ zp + penalty * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        size = 1.0
        while size > 1e-4:   # Newton with backtracking: a full step can overshoot
            new_loss, new_p = state(w - size * step)
            if new_loss <= loss:
                break
            size /= 2
        else:
            break
        w, loss, p = w - size * step, new_loss, new_p
        if np.abs(size * step).max() < 1e-7:
            break
    return LinearModel(tuple(features), mean, scale, w, 0.0)


def platt(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(a, b) with sigmoid(a * logit + b) calibrated to ``y``."""
    m = fit_logistic(np.asarray(logits)[:, None], y, ("logit",), penalty=1e-3)
    return float(m.weights[0] / m.scale[0]), float(m.bias - m.weights[0] * m.mean[0] / m.scale[0])


# -- evidence -----------------------------------------------------------------------------------
def holds(text: str, answers: list[str]) -> bool:
    norm = normalize_for_match(text)
    return any(a and a in norm for a in answers)


def span_labels(text: str, starts: np.ndarray, ends: np.ndarray, answers: list[str]) -> np.ndarray:
    """1 for candidates that contain a gold answer with little around it (``SPAN_SLACK``)."""
    key = match_key(text)
    y = np.zeros(len(starts))
    for answer in answers:
        form = match_key(answer)
        at = key.find(form) if form else -1
        while at >= 0:
            b = at + len(form)
            tight = (ends - starts) - len(form) <= max(SPAN_SLACK_CHARS, SPAN_SLACK * len(form))
            y = np.maximum(y, ((starts <= at) & (ends >= b) & tight).astype(np.float64))
            at = key.find(form, at + 1)
    return y


def edge_word_table(docs: dict, questions, min_unit_chars: int, min_count: int = EDGE_MIN_COUNT,
                    prior: float = EDGE_PRIOR) -> dict[str, list[float]]:
    """word -> how much more often than anywhere it is the word right before a gold answer, its
    first word, its last word and the word right after it (``answer_span.EDGE_SLOTS``), as the log
    of that ratio, over the answer units (sentence pieces joined as the searcher joins them) that
    hold each question's first gold answer. ``answer_span.UNIT_START`` / ``UNIT_END`` stand for
    the unit's edges. Counted on questions the span model is *not* fitted on (contexts outside
    the train index's sample), so the model learns how far to trust the table."""
    import collections
    import math

    from indexer.sentences import split_sentences
    from search_api.answer_span import EDGE_SLOTS, UNIT_END, UNIT_START, _words_fine
    from search_api.searcher import merge_units

    slots = [collections.Counter() for _ in EDGE_SLOTS]
    seen = collections.Counter()
    units_of: dict[str, list[str]] = {}
    for q in questions:
        if q.doc_id not in units_of:
            text = docs[q.doc_id]["text"]
            spans = split_sentences(text)
            units_of[q.doc_id] = [text[spans[a][0]:spans[b - 1][1]]
                                  for a, b in merge_units(spans, text, min_unit_chars)]
        units = units_of[q.doc_id]
        answers = [match_key(a.strip()) for a in q.answers if a.strip()]
        for unit in units:
            key = match_key(unit)
            place = next(((key.find(a), key.find(a) + len(a)) for a in answers if a in key), None)
            if place is None:
                continue
            words = _words_fine(unit)
            inside = [i for i, (a, b) in enumerate(words) if a < place[1] and b > place[0]]
            if not inside:
                break
            tokens = [UNIT_START] + [key[a:b] for a, b in words] + [UNIT_END]
            seen.update(tokens)
            first, last = inside[0] + 1, inside[-1] + 1   # in ``tokens``
            for counter, token in zip(slots, (tokens[first - 1], tokens[first], tokens[last], tokens[last + 1])):
                counter[token] += 1
            break
    total = sum(seen.values())
    table: dict[str, list[float]] = {}
    for word, count in sorted(seen.items()):
        if count < min_count:
            continue
        scores = []
        for counter in slots:
            base = sum(counter.values()) / total
            scores.append(round(math.log((counter[word] + prior * base) / (count + prior) / base), 3))
        if any(scores):
            table[word] = scores
    return table


def collect(searcher, questions, spans: bool = True, log=None, min_unit_chars: int = 0,
            edge_words: dict | None = None, crossed: bool = False) -> dict:
    """Passage, sentence and span feature matrices and labels of ``questions`` (``crossed``: the
    sentence matrices with ``answer.CROSS_SENTENCE_FEATURES``)."""
    out = {k: [] for k in ("px", "py", "pq", "pfused", "pdoc", "sx", "sy", "sq", "sg", "nx", "ny", "nc", "nq")}
    chunk_groups = 0
    for n, q in enumerate(questions):
        if log and n % 200 == 0:
            log(f"  {n}/{len(questions)} questions")
        answers = [normalize_for_match(a) for a in q.answers if a.strip()]
        pool = searcher.candidates(q.text, "hybrid")
        if pool is None:
            continue
        fused, dense = searcher.rank(pool, "hybrid")
        x = rerank.own_language(rerank.pool_features(searcher, pool, fused, dense, q.text))   # as served
        docs = [searcher.index.chunk_doc[int(r)] for r in pool.rows]
        y = np.array([1.0 if d == q.doc_id and holds(searcher._chunk_text(int(r)), answers) else 0.0
                      for d, r in zip(docs, pool.rows)])
        out["px"].append(x)
        out["py"].append(y)
        out["pq"].append(np.full(len(y), n))
        out["pfused"].append(fused)
        out["pdoc"].append(np.array([d == q.doc_id for d in docs], dtype=np.float64))
        for i in [int(i) for i in np.argsort(-fused, kind="stable") if y[i]][:SENTENCE_CHUNKS]:
            # the evidence and the question the searcher's answer models read (an English
            # question over a Thai passage: its Thai form), from the same code path
            doc_text, (_, _, sents, terms, typed, cos), cross, feature_query = searcher.answer_evidence(
                pool, i, q.text, min_unit_chars)
            texts = [doc_text[a:b] for a, b in sents]
            sy = np.array([1.0 if holds(t, answers) else 0.0 for t in texts])
            if not sy.any():
                continue
            out["sx"].append(sentence_features(cos, terms, pool.query_idf, texts, typed, cross, feature_query,
                                               crossed))
            out["sy"].append(sy)
            out["sq"].append(np.full(len(sy), n))
            out["sg"].append(np.full(len(sy), chunk_groups))
            chunk_groups += 1
            if spans:
                t = texts[int(np.flatnonzero(sy)[0])]
                starts, ends, typed_spans = candidates(t, pool.answer_kind)
                ny = span_labels(t, starts, ends, q.answers)
                if ny.any():
                    out["nx"].append(span_features(t, starts, ends, typed_spans, feature_query, pool.query_idf,
                                                   searcher._concept_forms, pool.answer_kind, edge_words))
                    out["ny"].append(ny)
                    out["nc"].append(np.array([1.0 if holds(t[a:b], answers) else 0.0
                                               for a, b in zip(starts.tolist(), ends.tolist())]))
                    out["nq"].append(np.full(len(ny), n))
    return {k: (np.concatenate(v) if v else np.zeros(0)) for k, v in out.items()}


def merge_evidence(parts: list[dict], questions: list[int]) -> dict:
    """The evidence ``collect`` gathered from several shards as one: question numbers and
    sentence groups renumbered to follow on from the shard before."""
    out, asked, groups = {}, 0, 0
    for got, n in zip(parts, questions):
        for k, v in got.items():
            if k in ("pq", "sq", "nq"):
                v = v + asked
            elif k == "sg":
                v = v + groups
            out.setdefault(k, []).append(v)
        asked += n
        groups += int(got["sg"].max()) + 1 if len(got["sg"]) else 0
    return {k: np.concatenate(v) for k, v in out.items()}


def top1(scores: np.ndarray, labels: np.ndarray, groups: np.ndarray) -> float:
    """Share of groups whose best-scored item has label 1 (groups with no item count 0)."""
    if len(groups) == 0:
        return float("nan")
    hit, total = 0, 0
    for g in np.unique(groups):
        sel = groups == g
        total += 1
        hit += labels[sel][np.argmax(scores[sel])] > 0
    return hit / total


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--output", default="search_api/models/answers.json")
    p.add_argument("--limit", type=int, default=0, help="questions per split (0: all), for a quick try")
    p.add_argument("--no-build", action="store_true",
                   help="use the cached train and valid indexes as they are (eval/iapp_indexes.py)")
    p.add_argument("--evidence-cache", default="",
                   help="npz file: the collected features are saved there, or read from it when it exists "
                        "(to try fits without collecting again; delete it after changing features)")
    p.add_argument("--min-unit-chars", type=int, default=MIN_UNIT_CHARS,
                   help="answer units: sentence pieces joined until this many characters (0: none)")
    p.add_argument("--keep-ranking", default="",
                   help="model file whose passage and sentence models, floor, reordered languages and "
                        "answer units are kept as they are: only the span and answer models (and the "
                        "span fallback) are fitted, so a span change cannot move the ranking or the "
                        "marked sentence (refitting them from the same data is not bit-for-bit stable "
                        "across index rebuilds)")
    p.add_argument("--span-max-chars", type=float, default=0.0,
                   help="the longest mean marked length (valid, SPAN_BOUND_PAIR questions) the span widening, fallback and clause "
                        "tier may reach (0: SPAN_MAX_UNIT_SHARE of the mean answer unit)")
    p.add_argument("--rows-cache", default="",
                   help="JSON file: valid's rank-1 rows for each span widening are saved there, or read "
                        "from it when it exists (to choose the tiers under another length without "
                        "running the pipeline again; delete it after changing the span model)")
    p.add_argument("--edge-min-count", type=int, default=EDGE_MIN_COUNT,
                   help="span edge-word table: words seen at least this often (edge_word_table)")
    p.add_argument("--edge-prior", type=float, default=EDGE_PRIOR,
                   help="span edge-word table: pseudo-counts shrinking each score towards 0")
    p.add_argument("--refit", default="",
                   help="with --keep-ranking: models fitted anew all the same (comma-separated: sentence, "
                        "passage; a refitted passage model also gets its reordered languages, calibration "
                        "and floor anew)")
    p.add_argument("--keep-span", action="store_true",
                   help="with --keep-ranking: its span model, edge-word table, widening and span tiers are "
                        "kept too (only the answer model, and what --refit names, is fitted), so a sentence "
                        "model can be compared with the marks it would make and nothing else moved")
    p.add_argument("--floors-only", default="", metavar="FILE",
                   help="only choose the floors of the question languages the model file FILE does not "
                        "reorder (on valid, as the floor is chosen) and write them into it")
    p.add_argument("--shards", type=int, default=1,
                   help="train shards learned from (eval/iapp_indexes.py: shard 0 is the sample, "
                        "each of SAMPLE_CONTEXTS contexts; 4 is all of train)")
    p.add_argument("--english", choices=("yes", "no"), default="no",
                   help="learn from the English questions written for the train sample "
                        "(eval/data/iapp_en_train.tsv) beside its Thai ones")
    p.add_argument("--english-weight", type=float, default=1.0,
                   help="each English train question's weight in the fits (a Thai one's is 1)")
    p.add_argument("--sentence-fit", choices=("both", "logistic", "listwise"), default="both",
                   help="the sentence model's fits tried (valid chooses among them and the penalties)")
    p.add_argument("--sentence-trees", choices=("yes", "no"), default="yes",
                   help="also fit boosted trees over the sentence features from the train questions "
                        "(eval/fit_trees.py, needs lightgbm): the sentence model of the questions in the "
                        "languages learned from (Thai; and English with --english yes)")
    p.add_argument("--sentence-cross", choices=("yes", "no"), default="no",
                   help="the sentence model also reads each feature again for a passage in another "
                        "language than the question (answer.CROSS_SENTENCE_FEATURES; learned from the "
                        "English questions of --english yes: Thai train questions have none)")
    args = p.parse_args(argv)
    if args.floors_only:
        return floors_only(args.floors_only, lambda m: print(m, file=sys.stderr, flush=True))
    refit = {m for m in args.refit.split(",") if m}
    if refit - {"sentence", "passage"}:
        p.error("--refit takes sentence and/or passage")
    if args.shards < 1 or args.shards > train_shards():
        p.error(f"--shards: 1 to {train_shards()}")
    if args.keep_span and not args.keep_ranking:
        p.error("--keep-span keeps the span model of the --keep-ranking file: give one")
    kept = json.loads(Path(args.keep_ranking).read_text(encoding="utf-8")) if args.keep_ranking else None
    if kept is not None:
        args.min_unit_chars = int(kept.get("min_unit_chars", args.min_unit_chars))
    from search_api.searcher import Searcher

    started = time.perf_counter()
    load_start = os.getloadavg()

    def log(m):
        print(f"[{time.perf_counter() - started:6.0f} s] {m}", file=sys.stderr, flush=True)

    if not args.no_build:  # end to end: the indexes are brought up to date (cached, cheap when they are)
        for shard in range(args.shards):
            build("train", max_new=None, shard=shard)
        build("valid", max_new=None)
    all_docs, all_train, train_en = iapp.load("train")
    _, valid_th, valid_en = iapp.load("valid")
    if args.english == "no":
        train_en = []
    if args.limit:
        train_en = train_en[:args.limit]
        valid_th, valid_en = valid_th[:args.limit], valid_en[:args.limit]
    # the shipped model file may be one of other features (it is being replaced): not loaded
    shipped, rerank.load_models = rerank.load_models, lambda path=None: None
    try:
        shards = [Searcher(index_dir("train"))]
        encoder = shards[0].index.encoder
        shards += [Searcher(index_dir("train", k), encoder=encoder) for k in range(1, args.shards)]
        valid = Searcher(index_dir("valid"), encoder=encoder)
    finally:
        rerank.load_models = shipped
    # per shard: its Thai questions, and the edge-word table counted on the train questions outside
    # it (the model learns how far to trust a table that has not seen the question)
    shard_questions, shard_edges, indexed = [], [], set()
    for k, searcher in enumerate(shards):
        held = set(searcher.index.documents)
        indexed |= held
        questions = [q for q in train_sample(shard=k)[1] if q.doc_id in held]
        shard_questions.append(questions[:args.limit] if args.limit else questions)
        shard_edges.append(edge_word_table(all_docs, [q for q in all_train if q.doc_id not in held],
                                           args.min_unit_chars, args.edge_min_count, args.edge_prior))
    train_en = [q for q in train_en if q.doc_id in set(shards[0].index.documents)]
    train_thai = sum(len(qs) for qs in shard_questions)
    shard_questions[0] = shard_questions[0] + train_en   # the English ones are asked of shard 0's contexts
    train_q = [q for qs in shard_questions for q in qs]
    asked_in_english = np.array([q.lang == "en" for q in train_q])   # by question number
    # the table the searcher will read: with one shard, the one its questions were learned with;
    # with more, counted on every train question
    edge_words = (shard_edges[0] if len(shards) == 1 else
                  edge_word_table(all_docs, all_train, args.min_unit_chars, args.edge_min_count, args.edge_prior))
    log(f"edge-word table: {len(edge_words)} words (per shard, for learning: {[len(e) for e in shard_edges]})")
    log("embedding the questions in batches")
    for searcher, questions in zip(shards, shard_questions):
        searcher.embed_queries([q.text for q in questions])
    valid.embed_queries([q.text for q in valid_th + valid_en])
    crossed = args.sentence_cross == "yes"
    width = len(sentence_feature_names(crossed))
    parts = {"tr": (None, train_q, "train"), "va": (valid, valid_th + valid_en, "valid")}
    cache = Path(args.evidence_cache) if args.evidence_cache else None
    evidence = {}
    if cache is not None and cache.exists():
        with np.load(cache) as data:
            for part, (_, questions, _) in parts.items():
                got = {k[3:]: data[k] for k in data.files if k.startswith(part + "_")}
                # a part is read back when it holds these questions, and the sentence columns asked
                # for (a crossed matrix holds the plain one in its first columns)
                if (got.get("qids", np.zeros(0)).tolist() == [q.qid for q in questions]
                        and got["sx"].ndim == 2 and got["sx"].shape[1] >= width):
                    del got["qids"]
                    got["sx"] = got["sx"][:, :width]
                    evidence[part] = got
                    log(f"{parts[part][2]} evidence from {cache}")
    for part, (searcher, questions, name) in parts.items():
        if part in evidence:
            continue
        log(f"collecting {name} ({sum(q.lang == 'th' for q in questions)} Thai and "
            f"{sum(q.lang == 'en' for q in questions)} English questions)")
        if part == "tr":
            evidence[part] = merge_evidence([
                collect(shard, qs, log=log, min_unit_chars=args.min_unit_chars, edge_words=edges, crossed=crossed)
                for shard, qs, edges in zip(shards, shard_questions, shard_edges)], [len(qs) for qs in shard_questions])
        else:
            evidence[part] = collect(searcher, questions, log=log, min_unit_chars=args.min_unit_chars,
                                     edge_words=edge_words, crossed=crossed)
        if cache is not None:   # each part with its questions: a part whose questions changed is collected anew
            np.savez(cache, **{f"{p}_{k}": v for p, got in evidence.items() for k, v in got.items()},
                     **{f"{p}_qids": np.array([q.qid for q in parts[p][1]]) for p in evidence})
    tr, va = evidence["tr"], evidence["va"]
    valid_qs = valid_th + valid_en
    en_groups = np.arange(len(valid_th), len(valid_qs))

    def by_pair(scores, labels, groups):
        th = groups < len(valid_th)
        return (top1(scores[th], labels[th], groups[th]), top1(scores[~th], labels[~th], groups[~th]))

    def row_weights(key):   # English train questions weigh --english-weight
        return np.where(asked_in_english[tr[key + "q"].astype(np.int64)], args.english_weight, 1.0)

    choice = {}
    report = {"train_questions": train_thai, "train_english": len(train_en), "english_weight": args.english_weight,
              "sentence_cross": crossed,
              "train_contexts": len(indexed), "edge_words": len(edge_words),
              "valid_questions": len(valid_qs), "penalties": {}}
    for name, features, key in (("passage", PASSAGE_FEATURES, "p"), ("sentence", sentence_feature_names(crossed), "s"),
                                ("span", SPAN_FEATURES, "n")):
        best = None
        # the sentence and span models pick one candidate of a group: a listwise (softmax) fit
        # is tried beside the pointwise one, and valid chooses
        fits = ("logistic", "listwise") if name != "passage" else ("logistic",)
        if name == "sentence" and args.sentence_fit != "both":
            fits = (args.sentence_fit,)
        for fit in fits:
            for penalty in PENALTIES:
                if fit == "logistic":
                    model = fit_logistic(tr[key + "x"], tr[key + "y"], features, penalty, weights=row_weights(key))
                else:
                    model = fit_listwise(tr[key + "x"], tr[key + "y"], tr["sg" if key == "s" else key + "q"],
                                         features, penalty, weights=row_weights(key))
                # spans: valid scores whether the top candidate holds the answer at all (span@1)
                labels = va["nc"] if key == "n" else va[key + "y"]
                score = by_pair(model.logit(va[key + "x"]), labels, va[key + "q"])
                table = "penalties" if fit == "logistic" else "listwise"
                report.setdefault(table, {}).setdefault(name, {})[str(penalty)] = [round(s, 4) for s in score]
                log(f"{name} {fit} penalty {penalty}: valid top-1 th {score[0]:.3f} en {score[1]:.3f}")
                value = score[0] + score[1]
                if best is None or value > best[0] + 1e-9:
                    best = (value, f"{fit} {penalty}", model)
        choice[name] = best[2]
        report.setdefault("chosen", {})[name] = best[1]
    keep_passage = kept is not None and "passage" not in refit
    if kept is not None:
        # what the kept models were fitted with (the first file of a chain of kept ones)
        origin = kept.get("info", {})
        origin = origin.get("ranking_kept_from", origin)
        for name, features in (("passage", PASSAGE_FEATURES), ("sentence", None)):
            if name not in refit:   # a kept sentence model with its own features (crossed or not)
                features = features or sentence_feature_names(reads_crossed(kept[name]["features"]))
                choice[name] = LinearModel.from_dict(kept[name], features)
                report["chosen"][name] = f"kept: {origin.get('penalties', {}).get(name, '?')}"
        if args.keep_span:
            choice["span"] = LinearModel.from_dict(kept["span"], SPAN_FEATURES)
            edge_words = kept.get("span_words", {})
            report["chosen"]["span"] = f"kept: {kept.get('info', {}).get('penalties', {}).get('span', '?')}"
            report["span_kept"], report["edge_words"] = True, len(edge_words)
    base = by_pair(va["pfused"], va["py"], va["pq"])
    report["valid_passage_top1_hybrid"] = [round(s, 4) for s in base]
    # the learned order only for the question languages where it puts the answer first at least
    # as often as the hybrid order on valid (iApp train is Thai: English questions only with --english yes)
    learned = by_pair(choice["passage"].logit(va["px"]), va["py"], va["pq"])
    reorder_langs = [lang for lang, l, h in zip(("th", "en"), learned, base) if l >= h]
    if keep_passage:
        reorder_langs = list(kept["reorder_langs"])
    report["reorder_langs"] = reorder_langs
    # calibrate the passage probability on valid
    a, b = platt(choice["passage"].logit(va["px"]), va["py"])
    passage = LinearModel(PASSAGE_FEATURES, choice["passage"].mean, choice["passage"].scale,
                          choice["passage"].weights, choice["passage"].bias, (a, b))
    if keep_passage:
        passage = choice["passage"]   # with its own calibration
    ece_p, table_p = reliability(passage.probability(va["px"]), va["py"])
    report["passage_ece_valid"] = round(ece_p, 4)
    report["passage_reliability_valid"] = table_p
    # the answer model: fitted on valid from the three models' evidence at rank 1
    size = len(ANSWER_FEATURES)
    placeholder = LinearModel(ANSWER_FEATURES, np.zeros(size), np.ones(size), np.zeros(size), 0.0)
    data = {"passage": passage.as_dict(), "sentence": choice["sentence"].as_dict(),
            "span": choice["span"].as_dict(), "answer": placeholder.as_dict(), "floor": 0.0,
            "levels": list(LEVELS), "reorder_langs": reorder_langs, "min_unit_chars": args.min_unit_chars,
            "info": {}, "span_words": edge_words}
    if args.sentence_trees == "yes":
        # from the train questions' units (the plain columns), for the questions of the languages
        # they were learned from: learned from Thai questions alone, they lost English valid
        # questions their linear model's choice
        plain = len(sentence_feature_names(False))
        trees = fit_trees(tr["sx"][:, :plain], tr["sy"], tr["sg"], sentence_feature_names(False))
        score = by_pair(trees.logit(va["sx"][:, :plain]), va["sy"], va["sq"])
        langs = ["th", "en"] if train_en else ["th"]
        report["sentence_trees"] = {"valid_top1": [round(v, 4) for v in score], "langs": langs,
                                    "bags": trees.bags, "trees": len(trees.value), "depth": trees.depth}
        log(f"sentence trees: valid top-1 th {score[0]:.3f} en {score[1]:.3f}")
        data["sentence_trees"], data["tree_langs"] = trees.as_dict(), langs
    rows_by_widen = {}
    if args.rows_cache and Path(args.rows_cache).exists():
        log(f"valid's rows read from {args.rows_cache}")
        rows_by_widen = {float(w): [{**r, "x": None if r["x"] is None else np.array(r["x"], dtype=np.float64),
                                     "span_at": None if r["span_at"] is None else tuple(r["span_at"])}
                                    for r in rows]
                         for w, rows in json.loads(Path(args.rows_cache).read_text(encoding="utf-8")).items()}
    with tempfile.TemporaryDirectory() as tmp:
        widens = (float(kept.get("span_widen", 0.0)),) if args.keep_span else SPAN_WIDENS
        for widen in widens if not rows_by_widen else ():
            path = Path(tmp) / f"answers-{widen}.json"   # a new path: load_models caches by path
            path.write_text(json.dumps({**data, "span_widen": widen}), encoding="utf-8")
            valid.models = rerank.load_models(str(path))
            log(f"running the pipeline on valid (span widening {widen})")
            rows_by_widen[widen] = answer_rows(valid, valid_qs)
    if args.rows_cache and not Path(args.rows_cache).exists():
        Path(args.rows_cache).write_text(json.dumps({str(w): rows for w, rows in rows_by_widen.items()},
                                                    default=lambda o: o.tolist(), ensure_ascii=False),
                                         encoding="utf-8")
    first = rows_by_widen[min(rows_by_widen)]
    max_chars = args.span_max_chars or round(SPAN_MAX_UNIT_SHARE * float(np.mean(
        [r["sentence_chars"] for r, bound in zip(first, bounded_rows(first)) if bound])))
    widen, fallback, clause_below, clause_chars, report["span_fallback"] = choose_tiers(rows_by_widen, max_chars)
    if args.keep_span:   # the kept file's tiers (the frontier above is still reported)
        widen, fallback = float(kept.get("span_widen", 0.0)), float(kept.get("span_fallback", 0.0))
        clause_below, clause_chars = float(kept.get("span_clause", 0.0)), int(kept.get("clause_chars", 0))
    rows = [with_tiers(r, fallback, clause_below, clause_chars) for r in rows_by_widen[widen]]
    if args.keep_span:
        report["span_fallback"].update({"widen": widen, "chosen": fallback, "clause": clause_below,
                                        "clause_chars": clause_chars})
        report["span_fallback"]["by_widen"][str(widen)].update(
            {"fallback": fallback, "clause": clause_below, "clause_chars": clause_chars,
             "span": round(float(np.mean([r["span"] for r in rows])), 4)})
    report["span_max_chars"] = max_chars
    data["span_fallback"] = fallback
    data["span_clause"], data["clause_chars"] = clause_below, clause_chars
    data["span_widen"] = widen
    # the hits the searcher gives the answer model's probability: with passage margins, and not
    # a record's fact (whose probability is the passage's confidence times the fact's)
    fitted = [r for r in rows if r["x"] is not None and np.isfinite(r["x"][:2]).all()
              and r.get("span_kind") != "fact"]
    fx = np.array([r["x"] for r in fitted])
    fy = np.array([r["span"] for r in fitted])
    answer = fit_logistic(fx, fy, ANSWER_FEATURES, penalty=1.0)
    ece_a, table_a = reliability(answer.probability(fx), fy)
    report["answer_ece_valid"] = round(ece_a, 4)
    report["answer_reliability_valid"] = table_a
    # the floor: keep FLOOR_KEEP of the answer-holding passages valid's top 10 holds, for the
    # questions the model reorders; each other question language gets its own (``floors``)
    floor = floor_of(rows, reorder_langs)
    floors = language_floors(rows, reorder_langs)
    if keep_passage:
        floor = float(kept["floor"])
        floors = kept.get("floors", floors)
    report["floor"], report["floors"] = round(floor, 4), {k: round(v, 4) for k, v in floors.items()}
    data["floors"] = {k: round(v, 6) for k, v in floors.items()}
    for metric in ("doc", "passage", "sentence", "span"):
        for pair in ("th->th", "en->th"):
            vals = [r[metric] for r in rows if r["pair"] == pair]
            report.setdefault("valid_pipeline", {}).setdefault(metric, {})[pair] = round(float(np.mean(vals)), 4)
    report["valid_mean_chars"] = {"sentence": round(float(np.mean([r["sentence_chars"] for r in rows])), 1),
                                  "span": round(float(np.mean([r["span_chars"] for r in rows])), 1)}
    data["answer"] = answer.as_dict()
    data["floor"] = round(floor, 6)
    sample = "seeded sample" if args.shards == 1 else f"{args.shards} shards of its seeded order"
    data["info"] = {"trained_on": f"iApp train, {sample}: {train_thai} Thai questions and {len(train_en)} "
                                  f"English ones (weight {args.english_weight:g}) over {len(indexed)} contexts",
                    "chosen_and_calibrated_on": "iApp valid",
                    "penalties": report["chosen"], "min_unit_chars": args.min_unit_chars,
                    "command": "python -m eval.train_rerank" + (" --keep-ranking FILE" if kept else "")
                               + (f" --refit {args.refit}" if kept and refit else "")
                               + (f" --shards {args.shards}" if args.shards != 1 else "")
                               + (" --english yes" if args.english == "yes" else "")
                               + (f" --english-weight {args.english_weight:g}" if args.english_weight != 1 else "")
                               + (" --sentence-cross yes" if crossed else "")
                               + (" --keep-span" if args.keep_span else "")
                               + (" --sentence-trees no" if args.sentence_trees == "no" else "")}
    if kept is not None:
        data["info"]["ranking_kept_from"] = origin
        report["ranking_kept"] = args.keep_ranking
        report["refit"] = sorted(refit)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(model_json(data), encoding="utf-8")
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["load_average"] = {"start": load_start, "end": os.getloadavg()}
    write_report(report)
    log(f"wrote {args.output}")
    return 0


def model_json(data: dict) -> str:
    """The model file's text: indented, with the edge-word table one word a line (indented, its
    ~2,000 words would take five lines each) and the sentence trees' arrays one tree a line
    (600 trees of 15 nodes would take 45,000 lines)."""
    words, trees = data.get("span_words", {}), data.get("sentence_trees")
    text = json.dumps({k: v for k, v in data.items() if k not in ("span_words", "sentence_trees")}, indent=1)
    if trees:
        rows = ",\n".join(f"  {json.dumps(k)}: " + (
            "[\n" + ",\n".join("   " + json.dumps(row) for row in v) + "\n  ]"
            if isinstance(v, list) and v and isinstance(v[0], list) else json.dumps(v)) for k, v in trees.items())
        text = _with_member(text, "sentence_trees", "{\n" + rows + "\n }")
    if words:
        rows = ",\n".join(f"  {json.dumps(w, ensure_ascii=False)}: {json.dumps(v)}" for w, v in words.items())
        text = _with_member(text, "span_words", "{\n" + rows + "\n }")
    return text + "\n"


def _with_member(text: str, key: str, body: str) -> str:
    """A JSON object's ``text`` with one more member, ``key``: ``body`` (JSON text), at its end."""
    head = text.rstrip()[:-1].rstrip()
    return f'{head}{"," if head != "{" else ""}\n {json.dumps(key)}: {body}\n}}'


def with_fallback(row: dict, threshold: float) -> dict:
    """``row`` (of :func:`answer_rows`, run with no fallback) as the span fallback at
    ``threshold`` marks it: a span whose probability is below it becomes the whole unit."""
    return with_tiers(row, threshold, threshold, 0)


def with_tiers(row: dict, fallback: float, clause_below: float, clause_chars: int) -> dict:
    """``row`` as the searcher's tiers (``answer_choice.span_tier``) mark it: below ``fallback``
    the whole unit, from there to ``clause_below`` the clause around the span
    (``answer_span.clause``)."""
    if not tierable(row):
        return row
    x = row["x"]
    tier = span_tier(sigmoid(x[4]), fallback, clause_below)
    if tier == "sentence":
        return {**row, "x": np.r_[x[:5], 1.0, 0.0], "span": row["sentence"], "span_chars": row["sentence_chars"]}
    if tier == "clause" and row.get("span_at") is not None:
        text = clause_text(row, clause_chars)
        return {**row, "x": np.r_[x[:5], 0.0, 1.0], "span": float(row["doc"] and holds(text, row["answers"])),
                "span_chars": len(text)}
    return row


def tierable(row: dict) -> bool:
    """Whether the span tiers apply to a row's mark: a span the span model chose (not a list, a
    venue or a record's fact), with its logit."""
    x = row["x"]
    return (x is not None and not row["is_list"] and row.get("span_kind", "span") == "span"
            and bool(np.isfinite(x[4])))


def clause_text(row: dict, clause_chars: int) -> str:
    a, b = row["span_at"]
    s, e = clause(row["unit"], a, b, clause_chars)
    return row["unit"][s:e]


def floor_of(rows: list[dict], langs) -> float:
    """The confidence that keeps FLOOR_KEEP of the answer-holding passages in the top 10 of the
    rows' questions asked in ``langs`` (:func:`answer_rows`, unfloored)."""
    held = np.array([c for r in rows if question_lang(r) in langs
                     for c, rel in zip(r["confidences"], r["relevant"]) if rel > 0 and c is not None],
                    dtype=np.float64)
    return float(np.quantile(held, 1 - FLOOR_KEEP)) if len(held) else 0.0


def question_lang(row: dict) -> str:
    return row["pair"].split("->")[0]


def language_floors(rows: list[dict], reorder_langs) -> dict[str, float]:
    """Each question language's own floor (:func:`floor_of`), for the languages the model does
    not reorder (those share ``floor``)."""
    return {lang: floor_of(rows, (lang,)) for lang in sorted({question_lang(r) for r in rows})
            if lang not in reorder_langs}


def floors_only(path: str, log) -> int:
    """``--floors-only``: the floors of the question languages the model file does not reorder,
    chosen on valid (:func:`floor_of`) and written into the file; nothing else changes."""
    from search_api.searcher import Searcher

    data = json.loads(Path(path).read_text(encoding="utf-8"))
    models = rerank.load_models(path)
    valid = Searcher(index_dir("valid"))
    valid.models = models
    thai, english = iapp.load("valid")[1:]
    log("running the pipeline on valid")
    rows = answer_rows(valid, [q for q in thai + english if q.lang not in models.reorder_langs])
    data["floors"] = {k: round(v, 6) for k, v in language_floors(rows, models.reorder_langs).items()}
    Path(path).write_text(model_json(data), encoding="utf-8")
    log(f"floors {data['floors']} (floor {data['floor']} for {models.reorder_langs}) written to {path}")
    return 0


def bounded_rows(rows: list[dict]) -> np.ndarray:
    """Which rows the length limit is measured on: those of ``SPAN_BOUND_PAIR`` (every row when
    none is, or when rows carry no pair)."""
    bound = np.array([r.get("pair", SPAN_BOUND_PAIR) == SPAN_BOUND_PAIR for r in rows], dtype=bool)
    return bound if bound.any() else np.ones(len(rows), dtype=bool)


def tier_table(rows: list[dict], max_chars: float = SPAN_MAX_MEAN_CHARS) -> tuple[tuple, dict]:
    """((span@1, fallback, clause threshold, clause characters) of the best tiers on ``rows``
    whose mean marked length (over :func:`bounded_rows`) is at most ``max_chars`` (ties: the
    shortest), {"fallback clause chars": [span@1, mean characters]} of the frontier): every
    fallback and clause threshold of ``FALLBACKS`` (the clause's at least the fallback's) and
    every ``CLAUSE_CHARS``."""
    p = np.array([sigmoid(r["x"][4]) if tierable(r) else np.inf for r in rows])
    has_clause = np.isfinite(p) & np.array([r.get("span_at") is not None for r in rows], dtype=bool)
    span = np.array([r["span"] for r in rows])
    span_chars = np.array([r["span_chars"] for r in rows], dtype=np.float64)
    unit = np.array([r["sentence"] for r in rows])
    unit_chars = np.array([r["sentence_chars"] for r in rows], dtype=np.float64)
    bound = bounded_rows(rows)
    best, best_size, frontier = (-1.0, 0.0, 0.0, 0), np.inf, {}
    for chars in CLAUSE_CHARS:
        texts = [clause_text(r, chars) if ok else "" for r, ok in zip(rows, has_clause)]
        cl = np.array([float(bool(t) and r["doc"] and holds(t, r["answers"])) for r, t in zip(rows, texts)])
        cl_chars = np.array([len(t) for t in texts], dtype=np.float64)
        for f in FALLBACKS:
            low = p < f
            for c in FALLBACKS:
                if c < f:
                    continue
                mid = (p < c) & ~low & has_clause
                hit = float(np.where(low, unit, np.where(mid, cl, span)).mean())
                size = float(np.where(low, unit_chars, np.where(mid, cl_chars, span_chars))[bound].mean())
                # ties go to the shorter marked text
                if size <= max_chars and (hit > best[0] + 1e-9 or (hit > best[0] - 1e-9 and size < best_size - 1e-9)):
                    best, best_size = (hit, f, c, chars), size
                key = round(size)
                if hit > frontier.get(key, (-1.0,))[0] + 1e-9:
                    frontier[key] = (hit, f, c, chars)
    # the frontier: the best span@1 at each mean length, kept where no shorter setting does better
    table, top = {}, -1.0
    for size in sorted(frontier):
        hit, f, c, chars = frontier[size]
        if hit > top + 1e-9:
            table[f"{f} {c} {chars}"] = [round(hit, 4), size]
            top = hit
    return best, table


def choose_tiers(rows_by_widen: dict[float, list[dict]], max_chars: float = SPAN_MAX_MEAN_CHARS
                 ) -> tuple[float, float, float, int, dict]:
    """(widening, fallback, clause threshold, clause characters, report): the setting with the
    best span@1 on valid whose mean marked length is at most ``max_chars`` (ties keep the
    smaller widening)."""
    best, report = None, {}
    for widen, rows in sorted(rows_by_widen.items()):
        (hit, f, c, chars), frontier = tier_table(rows, max_chars)
        report[str(widen)] = {"fallback": f, "clause": c, "clause_chars": chars, "span": round(hit, 4),
                              "frontier": frontier}
        if best is None or hit > best[0] + 1e-9:
            best = (hit, widen, f, c, chars)
    _, widen, f, c, chars = best
    return widen, f, c, chars, {"widen": widen, "chosen": f, "clause": c, "clause_chars": chars, "by_widen": report}


def answer_rows(searcher, questions) -> list[dict]:
    """What the rank-1 hit marks for each question (no floor), with the answer model's features."""
    rows = []
    for q in questions:
        answers = [normalize_for_match(a) for a in q.answers if a.strip()]
        r = searcher.search(q.text, k=10, floor=False)
        if not r.results:
            continue
        h = r.results[0]
        span = h.answer_span.text if h.answer_span else h.answer.text
        inside = (h.answer_span is not None and h.answer.start <= h.answer_span.start
                  and h.answer_span.end <= h.answer.end)
        rows.append({
            "qid": q.qid, "pair": f"{q.lang}->th", "x": None if h.answer_inputs is None else np.array(h.answer_inputs, dtype=np.float64),
            "doc": float(h.doc_id == q.doc_id),
            "passage": float(h.doc_id == q.doc_id and holds(h.text, answers)),
            "sentence": float(h.doc_id == q.doc_id and holds(h.answer.text, answers)),
            "span": float(h.doc_id == q.doc_id and holds(span, answers)),
            "span_chars": len(span), "sentence_chars": len(h.answer.text),
            "is_list": bool(h.answer_span is not None and h.answer_span.text != h.answer.text and not inside),
            "span_kind": h.span_kind,
            "confidences": [x.confidence for x in r.results],
            "relevant": [float(x.doc_id == q.doc_id and holds(x.text, answers)) for x in r.results],
            "unit": h.answer.text, "answers": answers,
            "span_at": ((h.answer_span.start - h.answer.start, h.answer_span.end - h.answer.start)
                        if inside else None)})
    return rows


def kept_line(report: dict) -> str:
    """What ``--keep-ranking`` (and ``--refit``) kept, for the report."""
    refit = report.get("refit", [])
    kept = [m for m in ("passage", "sentence") if m not in refit]
    what = (" and ".join(kept) + (" models" if len(kept) > 1 else " model")
            + (", floor and reordered languages" if "passage" in kept else ""))
    fitted = (["answer"] if report.get("span_kept") else ["span", "answer"]) + refit
    fitted = ", ".join(fitted[:-1]) + " and " + fitted[-1] if len(fitted) > 1 else fitted[0]
    trees = " and the sentence trees" if report.get("sentence_trees") else ""
    return (f"{what[0].upper() + what[1:]} kept from `{report['ranking_kept']}` (`--keep-ranking`): only the "
            f"{fitted} model{'s' if ' and ' in fitted else ''}{trees} "
            f"{'were' if ' and ' in fitted or trees else 'was'} fitted. ") if kept else ""


def write_report(report: dict) -> None:
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.with_suffix(".json").write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    lines = ["# Learned reranking, answer sentence, span and confidence", "",
             "Regenerate: `flock /tmp/mou-bench.lock python -m eval.train_rerank` (after "
             "`python -m eval.iapp_indexes --split train|valid`).", "",
             f"Trained on {report['train_questions']} iApp train questions "
             + (f"and {report['train_english']} English ones written for them (`eval/data/iapp_en_train.tsv`, "
                f"`--english yes`, weight {report.get('english_weight', 1.0):g}) " if report.get("train_english") else
                "(no English ones: `--english no`) ")
             + f"over "
             f"{report['train_contexts']} contexts; penalty chosen, probabilities calibrated and the "
             f"answer model fitted on iApp valid ({report['valid_questions']} questions). "
             + (kept_line(report) if report.get("ranking_kept") else "")
             + ("The sentence model also reads each feature again for a passage in another language than "
                "the question (`--sentence-cross yes`). " if report.get("sentence_cross") else "")
             + ("The span model, its edge-word table, widening and tiers were kept from that file too "
                "(`--keep-span`). " if report.get("span_kept") else "")
             + f"{report['seconds']} s, load average {report['load_average']}.", "",
             "## Top-1 on valid per penalty (th->th, en->th)", "", "| model | " +
             " | ".join(str(p) for p in PENALTIES) + " | chosen |", "| --- |" + " --- |" * (len(PENALTIES) + 1)]
    for table, fit in (("penalties", "logistic"), ("listwise", "listwise")):
        for name, vals in report.get(table, {}).items():
            lines.append(f"| {name} ({fit}) | " + " | ".join(f"{v[0]:.3f} / {v[1]:.3f}" for v in vals.values()) +
                         f" | {report['chosen'][name]} |")
    if report.get("sentence_trees"):
        t = report["sentence_trees"]
        lines.append(f"| sentence (boosted trees, {t['bags']} bags, {t['trees']} trees of depth {t['depth']}; "
                     f"for questions in {', '.join(t['langs'])}) | {t['valid_top1'][0]:.3f} / {t['valid_top1'][1]:.3f} "
                     "(one setting, `eval/fit_trees.py`) | | | |")
    lines += ["", f"Hybrid order, passage holding the answer at rank 1 (valid): "
              f"{report['valid_passage_top1_hybrid'][0]:.3f} / {report['valid_passage_top1_hybrid'][1]:.3f}. "
              f"Learned order used for questions in: {', '.join(report['reorder_langs']) or 'none'} "
              "(the others keep the hybrid order; the model gives their confidence).", "",
              "## The whole pipeline on valid (rank-1 hit, no floor)", "", "| | th->th | en->th |", "| --- | --- | --- |"]
    for metric, vals in report["valid_pipeline"].items():
        lines.append(f"| {metric} | {vals['th->th']:.3f} | {vals['en->th']:.3f} |")
    lines += ["", f"Mean marked length (characters): sentence {report['valid_mean_chars']['sentence']}, "
              f"span {report['valid_mean_chars']['span']}.", "",
              f"Span widening: the span reaches over the candidates that overlap the best one and score "
              f"within {report['span_fallback']['widen']} of its logit. Span tiers: below span probability "
              f"{report['span_fallback']['chosen']} the whole unit, from there to "
              f"{report['span_fallback']['clause']} the clause around the span (at least "
              f"{report['span_fallback']['clause_chars']} characters, `answer_span.clause`), above it the span "
              f"(widening and tiers: the best span@1 on valid whose mean marked length on its "
              f"{SPAN_BOUND_PAIR} questions is at most "
              f"{report.get('span_max_chars', SPAN_MAX_MEAN_CHARS)} characters). Best span@1 within that "
              "length by widening: " + ", ".join(
                  f"{w}: {v['span']:.3f} (unit below {v['fallback']}, clause below {v['clause']}, "
                  f"{v['clause_chars']} characters)" for w, v in report['span_fallback']['by_widen'].items()) + ".",
              "", "The frontier at the chosen widening (span@1 of all valid questions / mean marked characters "
              f"of its {SPAN_BOUND_PAIR} ones; "
              "each the best at its length, kept where no shorter setting does better; fallback, clause "
              "threshold, clause characters): " + ", ".join(
                  f"{k}: {v[0]:.3f} / {v[1]}" for k, v in
                  report['span_fallback']['by_widen'][str(report['span_fallback']['widen'])]['frontier'].items()) + ".",
              "",
              f"Floor (confidence below which hits are not returned): {report['floor']}"
              + "".join(f"; {lang} questions {v}" for lang, v in report.get("floors", {}).items()) + ".", "",
              f"Span edge-word table (`edge_word_table`, from the iApp train questions outside the "
              f"sample): {report.get('edge_words', 0)} words.", "",
              f"## Calibration on valid", "", f"Passage confidence ECE {report['passage_ece_valid']:.3f}; "
              f"answer probability ECE {report['answer_ece_valid']:.3f} (fitted there, so optimistic; "
              "test figures are in eval/reports/iapp-test).", "",
              "| bin | passages | predicted | observed | | answers | predicted | observed |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    pa, an = report["passage_reliability_valid"], report["answer_reliability_valid"]
    for i in range(max(len(pa), len(an))):
        left = pa[i] if i < len(pa) else None
        right = an[i] if i < len(an) else None
        l = f"{left['bin']} | {left['n']} | {left['predicted']} | {left['observed']}" if left else " | | |"
        r = f"{right['bin']} {right['n']} | {right['predicted']} | {right['observed']}" if right else " | |"
        lines.append(f"| {l} | | {r} |")
    REPORT.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
