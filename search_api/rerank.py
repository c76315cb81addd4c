"""Learned reranking and confidence: small logistic models over evidence the search already has.

The hybrid score (:mod:`search_api.fusion`) is one input; the passage model rescores every
pooled candidate from it and the evidence behind it (dense chunk
and sentence cosines, BM25, coverage, the answer kind, title match, position, how much of the
pool's head comes from the same document, whether the passage is in the question's language).
Its probability, calibrated on iApp *valid* (Platt scaling), is each hit's ``confidence``: the
probability that the passage holds the answer.

The weights are plain JSON (``search_api/models/answers.json``), written by
``python -m eval.train_rerank`` from iApp *train*; no pickle, nothing fitted at run time. The
answer units of a Thai question are chosen by boosted trees over the sentence features
(:class:`TreeModel`, the file's ``sentence_trees``: plain arrays, scored with numpy).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from search_api.feature_matrix import feature_matrix

MODEL_PATH = Path(__file__).resolve().parent / "models" / "answers.json"

PASSAGE_FEATURES = (
    "fused", "fused_gap", "dense_gap", "chunk_cos_gap", "sentence_cos_gap", "lexical_rel",
    "coverage", "coverage_gap", "typed", "title_coverage", "first_chunk", "cross_lingual",
    "cross_x_lexical", "cross_x_dense_gap", "log_rank", "doc_share",
)
# The passage model is learned from Thai questions over Thai passages: in its train sample 51 of
# 122,375 pooled passages were in another language than the question, too few to learn these
# columns from, and the weights they got (cross_x_lexical from 17 rows: -7.6 per unit) ranked an
# English question's answer-holding Thai passage first 0.49 of the time on iApp valid, against
# the hybrid order's 0.73. So every passage is read as one in the question's language (these
# columns 0, ``own_language``): valid en->th first 0.73, AUC 0.987 (0.952 before), and the Thai
# calibration holds for them (ECE 0.004), so every passage gets a confidence. Passages in the
# question's language have 0 there already: their scores are unchanged.
CROSS_PASSAGE_FEATURES = ("cross_lingual", "cross_x_lexical", "cross_x_dense_gap")
_CROSS_COLUMNS = [PASSAGE_FEATURES.index(f) for f in CROSS_PASSAGE_FEATURES]


def own_language(x: np.ndarray) -> np.ndarray:
    """``PASSAGE_FEATURES`` rows with the cross-language columns 0 (see CROSS_PASSAGE_FEATURES)."""
    x = np.array(x, dtype=np.float64)
    x[:, _CROSS_COLUMNS] = 0.0
    return x


def _features(data: dict, expected: tuple[str, ...] | None, what: str) -> tuple[str, ...]:
    """A model file's feature list, checked against the code's (``expected``; None: not checked)."""
    features = tuple(data["features"])
    if expected is not None and features != tuple(expected):
        raise ValueError(f"{what} features {features} do not match the code's {tuple(expected)}: "
                         "retrain with `python -m eval.train_rerank`")
    return features


@dataclass(frozen=True)
class LinearModel:
    """A logistic model: standardised features, weights, bias; optional Platt calibration."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    calibration: tuple[float, float] = (1.0, 0.0)   # p = sigmoid(a * logit + b)

    def logit(self, x: np.ndarray) -> np.ndarray:
        return ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.weights + self.bias

    def probability(self, x: np.ndarray) -> np.ndarray:
        a, b = self.calibration
        return sigmoid(a * self.logit(x) + b)

    def as_dict(self) -> dict:
        return {"features": list(self.features), "mean": self.mean.round(8).tolist(),
                "scale": self.scale.round(8).tolist(), "weights": self.weights.round(8).tolist(),
                "bias": round(float(self.bias), 8), "calibration": [round(float(c), 8) for c in self.calibration]}

    @classmethod
    def from_dict(cls, data: dict, expected: tuple[str, ...] | None = None) -> "LinearModel":
        features = _features(data, expected, "model")
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "weights")]
        if any(a.shape != (len(features),) for a in arrays):
            raise ValueError("model arrays do not match its feature list")
        return cls(features, *arrays, float(data["bias"]), tuple(data.get("calibration", (1.0, 0.0))))


@dataclass(frozen=True)
class TreeModel:
    """A sum of regression trees (gradient boosting, ``eval.fit_trees``), as arrays:
    tree ``t``'s node ``j`` sends a row whose ``features[feature[t, j]]`` is at most
    ``threshold[t, j]`` to ``left[t, j]``, else to ``right[t, j]``; a leaf points to itself on both
    sides and carries ``value[t, j]``, so ``depth`` steps from node 0 reach every row's leaf.
    ``logit`` is the mean over ``bags`` models of the sum of their trees' values (the trees of the
    bags one after the other, ``len(value) / bags`` each); a missing value (NaN) reads as 0, as
    the trees were fitted on complete rows."""

    features: tuple[str, ...]
    feature: np.ndarray      # (trees, nodes) int
    threshold: np.ndarray    # (trees, nodes) float
    left: np.ndarray         # (trees, nodes) int
    right: np.ndarray        # (trees, nodes) int
    value: np.ndarray        # (trees, nodes) float
    depth: int
    bags: int = 1
    # the node arrays flattened, children as indices into them (made once, read on every search)
    _flat: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        trees, nodes = self.feature.shape
        roots = np.arange(trees) * nodes       # each tree's node 0 in the flattened arrays
        object.__setattr__(self, "_flat", (roots, self.feature.ravel(), self.threshold.ravel(),
                                           (self.left + roots[:, None]).ravel(),
                                           (self.right + roots[:, None]).ravel(), self.value.ravel()))

    def logit(self, x: np.ndarray) -> np.ndarray:
        x = np.nan_to_num(np.asarray(x, dtype=np.float64), nan=0.0)
        if len(x) == 0:
            return np.zeros(0)
        roots, feature, threshold, left, right, value = self._flat
        at = np.broadcast_to(roots, (len(x), len(roots)))
        rows = np.arange(len(x))[:, None] * x.shape[1]
        values = x.ravel()
        for _ in range(self.depth):
            go_left = values[rows + feature[at]] <= threshold[at]
            at = np.where(go_left, left[at], right[at])
        return value[at].sum(axis=1) / self.bags

    def as_dict(self) -> dict:
        return {"kind": "trees", "features": list(self.features), "depth": self.depth, "bags": self.bags,
                "feature": self.feature.tolist(), "threshold": self.threshold.tolist(),
                "left": self.left.tolist(), "right": self.right.tolist(), "value": self.value.tolist()}

    @classmethod
    def from_dict(cls, data: dict, expected: tuple[str, ...] | None = None) -> "TreeModel":
        features = _features(data, expected, "tree model")
        ints = [np.asarray(data[k], dtype=np.int64) for k in ("feature", "left", "right")]
        floats = [np.asarray(data[k], dtype=np.float64) for k in ("threshold", "value")]
        shape = ints[0].shape
        if len(shape) != 2 or any(a.shape != shape for a in ints + floats):
            raise ValueError("tree model arrays do not match")
        if shape[0] and (ints[0].min() < 0 or ints[0].max() >= len(features)
                         or min(a.min() for a in ints[1:]) < 0 or max(a.max() for a in ints[1:]) >= shape[1]):
            raise ValueError("tree model nodes point outside their tree or feature list")
        return cls(features, ints[0], floats[0], ints[1], ints[2], floats[1], int(data["depth"]),
                   int(data.get("bags", 1)))


def sigmoid(z):
    # np.minimum / np.maximum, not np.clip: the same values without np.clip's Python layers
    return 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z, -40.0), 40.0)))


@dataclass(frozen=True)
class AnswerModels:
    passage: LinearModel
    sentence: LinearModel
    span: LinearModel
    answer: LinearModel          # P(the rank-1 marked span answers), from the three above
    floor: float                 # hits below this confidence are not returned
    levels: tuple[float, float]  # answer probability for "medium", "high"
    info: dict
    # hits of a question in one of these languages are floored by this value instead of
    # ``floor`` (chosen on iApp valid by the same rule, on that language's questions:
    # ``eval/train_rerank.py``)
    floors: dict = field(default_factory=dict, hash=False, compare=False)
    # question languages whose passages are put in the learned order (chosen on iApp valid: the
    # order is kept only where it ranks the answer first at least as often as the hybrid order);
    # for the others the hybrid order stays and the model gives only the confidence
    reorder_langs: tuple[str, ...] = ("th", "en")
    # the encoder whose scores the models were trained on: another encoder's cosines sit in
    # another band, so its index keeps the hand-set fusion (Searcher checks this)
    encoder: str = "e5-small-q4"
    # answer units: the sentence segmenter's pieces joined until this many characters (0: the
    # pieces as they are; chosen on valid, see ``Searcher.sentence_evidence``)
    min_unit_chars: int = 0
    # below this probability (the span model's, on its best candidate) the span is the whole
    # answer unit: a wrong short span hides the answer the unit shows (chosen on valid by the
    # rule in ``eval/train_rerank.py``; 0: never)
    span_fallback: float = 0.0
    # from there up to this probability the span is the clause around it, at least
    # ``clause_chars`` long (``answer_span.clause``; both chosen on valid with the fallback; 0: never)
    span_clause: float = 0.0
    clause_chars: int = 0
    # the span reaches over the candidates overlapping the best that score within this much of
    # its logit (``answer_span.best_span``; chosen on valid with the fallback; 0: never)
    span_widen: float = 0.0
    # the span model's edge-word table: word -> its scores as the word before an answer, its
    # first, its last, the word after it (``answer_span.edge_word_columns``; learned from iApp
    # train's gold answers by ``eval.train_rerank.edge_word_table``; empty: those features are 0)
    span_words: dict = field(default_factory=dict, hash=False, compare=False)
    # the sentence model for questions in ``tree_langs`` (the languages it was learned from and
    # chosen for on valid, ``eval.train_rerank --sentence-trees``): trees over the same features;
    # the other questions keep ``sentence``
    sentence_trees: TreeModel | None = field(default=None, hash=False, compare=False)
    tree_langs: tuple[str, ...] = ()

    @property
    def sentence_crossed(self) -> bool:
        """Whether the sentence model reads the crossed features (``answer.CROSS_SENTENCE_FEATURES``)."""
        from search_api.answer import reads_crossed

        return reads_crossed(self.sentence.features)

    def sentence_for(self, query: str) -> "LinearModel | TreeModel":
        """The sentence model that scores the answer units of ``query`` (the question as asked)."""
        from indexer.textnorm import query_lang

        if self.sentence_trees is not None and query_lang(query) in self.tree_langs:
            return self.sentence_trees
        return self.sentence

    def reorders(self, query: str) -> bool:
        from indexer.textnorm import query_lang

        return query_lang(query) in self.reorder_langs

    def floor_for(self, query: str) -> float:
        from indexer.textnorm import query_lang

        return float(self.floors.get(query_lang(query), self.floor))

    def level(self, probability: float) -> str:
        medium, high = self.levels
        return "high" if probability >= high else "medium" if probability >= medium else "low"


@lru_cache(maxsize=4)
def load_models(path: str | None = None) -> AnswerModels | None:
    """The shipped models, or None when there is no model file (ranking falls back to fusion)."""
    from search_api.answer import reads_crossed, sentence_feature_names
    from search_api.answer_span import SPAN_FEATURES

    file = Path(path) if path else MODEL_PATH
    if not file.exists():
        return None
    data = json.loads(file.read_text(encoding="utf-8"))
    return AnswerModels(
        passage=LinearModel.from_dict(data["passage"], PASSAGE_FEATURES),
        sentence=LinearModel.from_dict(data["sentence"], sentence_feature_names(reads_crossed(data["sentence"]["features"]))),
        span=LinearModel.from_dict(data["span"], SPAN_FEATURES),
        answer=LinearModel.from_dict(data["answer"], ANSWER_FEATURES),
        floor=float(data["floor"]), floors={k: float(v) for k, v in data.get("floors", {}).items()},
        levels=tuple(data["levels"]), info=data.get("info", {}),
        reorder_langs=tuple(data.get("reorder_langs", ("th", "en"))),
        encoder=str(data.get("info", {}).get("encoder", "e5-small-q4")),
        min_unit_chars=int(data.get("min_unit_chars", 0)),
        span_fallback=float(data.get("span_fallback", 0.0)),
        span_clause=float(data.get("span_clause", 0.0)), clause_chars=int(data.get("clause_chars", 0)),
        span_widen=float(data.get("span_widen", 0.0)),
        span_words={w: tuple(v) for w, v in data.get("span_words", {}).items()},
        sentence_trees=(TreeModel.from_dict(data["sentence_trees"], sentence_feature_names(False))
                        if data.get("sentence_trees") else None),
        tree_langs=tuple(data.get("tree_langs", ())))


# span_is_unit: the span fell back to the whole unit (it then answers as often as the sentence,
# whatever the low span logit says); span_is_clause: it grew to the clause around it
ANSWER_FEATURES = ("passage_logit", "passage_margin", "sentence_logit", "sentence_margin", "span_logit",
                   "span_is_unit", "span_is_clause")


def gap(values: np.ndarray) -> np.ndarray:
    """Each value minus the pool's best: evidence relative to the other candidates."""
    values = np.asarray(values, dtype=np.float64)
    return values - values.max() if values.size else values


def passage_features(fused: np.ndarray, dense: np.ndarray, chunk_cos: np.ndarray,
                     sentence_cos: np.ndarray, lexical: np.ndarray, coverage: np.ndarray,
                     typed: np.ndarray | None, title_coverage: np.ndarray, first_chunk: np.ndarray,
                     cross_lingual: np.ndarray, doc_of: list[str]) -> np.ndarray:
    """The ``PASSAGE_FEATURES`` matrix of a pool (rows in the order given)."""
    n = len(fused)
    lexical = np.asarray(lexical, dtype=np.float64)
    lexical_rel = lexical / lexical.max() if n and lexical.max() > 0 else np.zeros(n)
    coverage = np.asarray(coverage, dtype=np.float64)
    if coverage.shape != (n,):   # a query with no indexed term has no coverage
        coverage = np.zeros(n)
    order = np.argsort(-np.asarray(fused), kind="stable")
    rank = np.empty(n)
    rank[order] = np.arange(n)
    head = [doc_of[i] for i in order[:10]]
    doc_share = np.array([head.count(d) / max(1, len(head)) for d in doc_of])
    cross = np.asarray(cross_lingual, dtype=np.float64)
    dense_gap = gap(dense)
    columns = [
        np.asarray(fused, dtype=np.float64), gap(fused), dense_gap, gap(chunk_cos), gap(sentence_cos),
        lexical_rel, coverage, gap(coverage),
        np.zeros(n) if typed is None else np.asarray(typed, dtype=np.float64),
        np.asarray(title_coverage, dtype=np.float64), np.asarray(first_chunk, dtype=np.float64),
        cross, cross * lexical_rel, cross * dense_gap, np.log1p(rank), doc_share,
    ]
    return feature_matrix(columns) if n else np.zeros((0, len(PASSAGE_FEATURES)))


def pool_features(searcher, pool, fused: np.ndarray, dense: np.ndarray, query: str) -> np.ndarray:
    """``PASSAGE_FEATURES`` of every pooled chunk of ``query`` (as :meth:`Searcher.candidates`
    and :meth:`Searcher.rank` left them)."""
    from indexer.textnorm import query_lang
    from search_api.fusion import coverage

    st = searcher.store
    rows = np.asarray(pool.rows, dtype=np.int64)
    docs = st.chunk_doc[rows]
    terms = set(pool.query_idf)
    titles: dict[int, float] = {}
    for d in docs.tolist():
        if d not in titles:
            title = st.title_key(d)
            titles[d] = coverage(pool.query_idf, searcher.terms_in_key(title, terms)) if title else 0.0
    own_lang = query_lang(query).encode("ascii")
    langs = st.chunks["lang"][rows]
    return passage_features(
        fused, dense, pool.chunk_cos, pool.best_sentence_cos, pool.lexical, pool.coverage, pool.typed,
        np.array([titles[d] for d in docs.tolist()]),
        (st.chunks["ordinal"][rows] == 0).astype(np.float64),
        ((langs != b"") & (langs != own_lang)).astype(np.float64),
        docs.tolist())


def rescore(searcher, pool, fused: np.ndarray, dense: np.ndarray, query: str,
            model: LinearModel) -> tuple[np.ndarray, np.ndarray]:
    """(calibrated probability that each pooled chunk holds the answer, its logit)."""
    x = own_language(pool_features(searcher, pool, fused, dense, query))
    logits = model.logit(x)
    a, b = model.calibration
    return sigmoid(a * logits + b), logits


def margins(logits: np.ndarray, others: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(logit, logit minus the best other candidate's logit) of every pooled chunk; NaN where
    ``logits`` is NaN (a passage the answer model does not compare), unless ``others`` (every
    passage's logit) is given: such a passage's margin is then over all of them (a Thai
    question's English passage is compared with every passage, as an English question's are)."""
    logits = np.asarray(logits, dtype=np.float64)
    if others is not None and np.isnan(logits).any() and not np.isnan(logits).all():
        compared, every = _margins(logits), _margins(np.asarray(others, dtype=np.float64))
        missing = np.isnan(logits)
        return tuple(np.where(missing, b, a) for a, b in zip(compared, every))
    return _margins(logits)


def _margins(logits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(logits) < 2:
        return logits, np.full(len(logits), 5.0)
    order = np.argsort(-np.nan_to_num(logits, nan=-np.inf), kind="stable")
    best_other = np.full(len(logits), logits[order[0]])
    best_other[order[0]] = logits[order[1]]
    return logits, logits - best_other
