"""The gate of direct answers: how likely a candidate answer is right, learned, not hand-set.

``search_api.direct_answer.candidates`` lists every answer some record of the top results could
give (the record, its value, the facts used); ``features`` describes one of them in numbers that
do not name a document or an agreement (support share and margin over the other records, whether
its evidence is in the first result, the facts' own confidence, the kind of fact, the language pair); a logistic
regression turns them into a probability. The answer shown is the most probable candidate when it
reaches ``threshold``, and its ``confidence`` is that probability.

The weights are plain JSON (``search_api/models/direct_gate.json``), written by
``python -m eval.fit_direct_gate`` from the dev questions (cross-validated by groups of
agreements, threshold chosen on the held-out predictions; its report says how).
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from search_api.rerank import LinearModel

MODEL_PATH = Path(__file__).resolve().parent / "models" / "direct_gate.json"

FEATURES = ("share", "top", "answer_rank", "margin", "lead", "evidence_first",
            "fact_confidence", "evidence_count", "documents", "records", "doc_records", "on_report_date", "constrained", "cross_lingual", "cross_x_share",
            "fact_date", "fact_duration", "fact_list", "fact_place", "fact_amount", "computed")
_DATES = ("signed_date", "approved_date", "valid_until", "in_force")
_LISTS = ("parties", "area", "signatory")
CLIP = 2.0               # log-ratios of support beyond e^2 say no more


def _log_ratio(mine: float, other: float) -> float:
    if other <= 0:
        return CLIP
    return max(-CLIP, min(CLIP, math.log(mine / other)))


def features(c: dict, rows: list[dict], ctx: dict) -> dict[str, float]:
    """Numbers describing candidate ``c`` among ``rows`` (every answering candidate) and the other
    records the results voted for (``ctx``: ``support``, ``ranked``, ``fact``, ``thai``,
    ``constrained``, ``doc_lang``)."""
    support = ctx["support"]
    mine = support[c["agreement_id"]]
    total = sum(support[a] for a in ctx["ranked"]) or 1.0
    ranked_answers = sorted(rows, key=lambda r: (-support[r["agreement_id"]], r["agreement_id"]))
    rank = next(i for i, r in enumerate(ranked_answers) if r is c)
    other_value = max((support[r["agreement_id"]] for r in rows if r is not c and r["value"] != c["value"]),
                      default=0.0)
    other = max((support[a] for a in ctx["ranked"] if a != c["agreement_id"]), default=0.0)
    fact = ctx["fact"]
    used = c["used"]
    confidence = min((f.get("confidence", 0.0) for f in used), default=0.7)   # a record's own party list
    return {
        "share": mine / total,
        "top": float(ctx["ranked"][0] == c["agreement_id"]),
        "answer_rank": 1.0 / (1 + rank),
        "margin": _log_ratio(mine, other_value),
        "lead": _log_ratio(mine, other),
        "evidence_first": float(c["first"]),
        "fact_confidence": confidence,
        "evidence_count": math.log1p(sum(len(f.get("evidence", ())) for f in used)),
        "documents": math.log1p(len(c["record"].get("documents") or ())),
        "constrained": float(ctx["constrained"]),
        "records": math.log(len(ctx["ranked"])),
        "doc_records": math.log1p(c.get("doc_records", 0)),
        "on_report_date": float(isinstance(c["value"], str) and bool(c.get("doc_date"))
                                and c["doc_date"][:10] == c["value"][:10]),
        "cross_lingual": float(ctx["thai"] != (c["doc_lang"] == "th")),
        "cross_x_share": float(ctx["thai"] != (c["doc_lang"] == "th")) * mine / total,
        "fact_date": float(fact in _DATES),
        "fact_duration": float(fact == "duration"),
        "fact_list": float(fact in _LISTS),
        "fact_place": float(fact == "place"),
        "fact_amount": float(fact == "amount"),
        "computed": float(any(f.get("computed") for f in used)),
    }


class Gate:
    """The fitted logistic model over ``FEATURES`` (a ``rerank.LinearModel``) and the probability
    an answer needs (``threshold``)."""

    def __init__(self, model: dict):
        self.model = LinearModel.from_dict(model)
        self.threshold = float(model["threshold"])

    def probability(self, values: dict[str, float]) -> float:
        return float(self.model.probability(np.array([values[n] for n in self.model.features])))


@lru_cache(maxsize=4)
def load_gate(path: str = str(MODEL_PATH)) -> Gate:
    model = json.loads(Path(path).read_text(encoding="utf-8"))
    missing = set(FEATURES) - set(model["features"])
    if missing:
        raise ValueError(f"{path} lacks features {sorted(missing)}: refit with `python -m eval.fit_direct_gate`")
    return Gate(model)
