"""Embedding on a Ray cluster (the ``distributed`` extra): ``mou-search index --ray-address``.

The build decides which texts need embedding and how they are batched (``plan_batches``);
this module only runs those batches elsewhere. Ray Data streams one row per planned batch to a
pool of encoder actors; each actor loads the encoder once, by the name and options the index
manifest records, and embeds each planned batch with one ``encode`` call, exactly as the
in-process path does, so the vectors are byte for byte the same. Results come back in plan
order; the build writes them into the usual versioned, checksummed index. Any failure of a
worker fails the build before anything is written: the previous version stays live.

``ray`` is imported only when a ``RayEmbedder`` runs, never by ``--help`` or the server.
"""
from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from typing import Iterator, Sequence

import numpy as np

from indexer.embedding import Batch, embed_batch, encoder_fingerprint
from indexer.encoders.base import Encoder, Kind

EXTRA_HINT = "pip install -c constraints.txt -e '.[distributed]'"
# A lost worker is restarted and its batch retried this many times; a worker that keeps dying
# (a crash on some input, out of memory) then fails the build instead of looping.
WORKER_RETRIES = 1
# Environment a worker needs to behave as this process does (offline switches, test hooks).
FORWARDED_ENV = ("PYTHAINLP_OFFLINE", "HF_HUB_OFFLINE", "MOU_SEARCH_TEST_ENCODERS",
                 "MOU_SEARCH_TEST_WORKER_CRASH")
CRASH_ENV = "MOU_SEARCH_TEST_WORKER_CRASH"


class DistributedError(RuntimeError):
    """Embedding on the cluster failed; the message says why and that nothing was written."""


# Off, Ray's head node listens on 127.0.0.1 only (it otherwise picks the address other machines
# reach it by): what a one-machine ``local`` cluster wants. Read when ``ray`` is first imported.
LOOPBACK_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def import_ray(address: str | None = None):
    """``ray``, or an error naming the extra; ``address="local"`` keeps a new cluster on loopback."""
    loopback = address == "local" or str(address).split("://")[-1].startswith(("127.", "localhost"))
    if loopback and "ray" not in sys.modules:
        os.environ.setdefault(LOOPBACK_ENV, "0")
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise DistributedError(f"--ray-address needs the 'distributed' extra (Ray Data): "
                               f"{EXTRA_HINT}") from exc
    return ray


class EncoderActor:
    """A Ray Data callable class: loads the encoder once, embeds one planned batch per row."""

    def __init__(self, name: str, options: dict, threads: int) -> None:
        os.environ["OMP_NUM_THREADS"] = str(threads)  # before the engine starts its thread pool
        from indexer.encoders import get_encoder

        self.encoder = get_encoder(name, **options)
        self.fingerprint = json.dumps(encoder_fingerprint(self.encoder), sort_keys=True)

    def __call__(self, rows: dict) -> dict:
        if os.environ.get(CRASH_ENV) == "1" and os.environ.get("MOU_SEARCH_TEST_ENCODERS") == "1":
            os._exit(1)  # test hook: a worker that dies mid-build (tests/test_distributed.py)
        n = len(rows["batch"])
        out_pooled = []
        if "spans" in rows:  # also pool spans: rows of spans JSON, vectors (NaN where None)
            out_vectors = []
            for texts, spans in zip(rows["texts"], rows["spans"]):
                vectors, pooled = self.encoder.embed_spans([str(t) for t in texts],
                                                           json.loads(str(spans)), "passage")
                out_vectors.append(np.asarray(vectors, np.float32).tobytes())
                flat = [v if v is not None else np.full(self.encoder.dim, np.nan, np.float32)
                        for p in pooled for v in p]
                out_pooled.append(np.asarray(flat, np.float32).reshape(-1, self.encoder.dim).tobytes())
        else:
            out_vectors = [embed_batch(self.encoder, [str(t) for t in texts], "passage").tobytes()
                           for texts in rows["texts"]]
        out = {"batch": rows["batch"], "vectors": np.array(out_vectors, dtype=object),
               "fingerprint": np.array([self.fingerprint] * n, dtype=object)}
        if out_pooled:
            out["pooled"] = np.array(out_pooled, dtype=object)
        return out


class RayEmbedder:
    """Runs planned batches on a Ray cluster.

    ``address``: ``auto`` (the cluster this machine belongs to, started with ``ray start``),
    ``ray://host:10001`` (Ray Client), ``host:port`` (a cluster's GCS), or ``local`` (start a
    cluster of this machine's CPUs for the duration of the build). ``workers`` encoder actors
    (default: as many as the cluster's CPUs allow) each reserve ``cpus_per_worker`` CPUs and
    run the engine with that many threads. If Ray is already initialised in this process (a
    test, a notebook), that connection is used and left open.
    """

    def __init__(self, address: str = "auto", workers: int | None = None,
                 cpus_per_worker: int = 1, retries: int = WORKER_RETRIES) -> None:
        if workers is not None and workers < 1:
            raise ValueError("--ray-workers must be at least 1")
        if cpus_per_worker < 1:
            raise ValueError("--ray-cpus-per-worker must be at least 1")
        self.address, self.workers, self.cpus = address, workers, cpus_per_worker
        self.retries = retries
        self.used_workers: int | None = None

    def run(self, encoder: Encoder, texts: Sequence[str], plan: list[Batch],
            kind: Kind, spans: Sequence | None = None) -> Iterator[tuple]:
        if not plan:
            return
        ray = import_ray(self.address)
        started_here = self._connect(ray)
        try:
            yield from self._run(ray, encoder, texts, plan, kind, spans)
        except DistributedError:
            raise
        except Exception as exc:  # noqa: BLE001 - any Ray failure fails the build cleanly
            raise DistributedError(f"embedding on the Ray cluster failed "
                                   f"({type(exc).__name__}: {_first_line(exc)}); "
                                   "the current index is unchanged") from exc
        finally:
            if started_here:
                ray.shutdown()

    def run_spans(self, encoder: Encoder, texts: Sequence[str], spans: Sequence, plan: list[Batch]
                  ) -> Iterator[tuple[Batch, np.ndarray, list]]:
        """``run`` that also pools the spans of each text from its pass (``Encoder.embed_spans``)."""
        yield from self.run(encoder, texts, plan, "passage", spans)

    def _connect(self, ray) -> bool:
        if ray.is_initialized():
            return False
        env = {k: os.environ[k] for k in FORWARDED_ENV if k in os.environ}
        kwargs = dict(include_dashboard=False, logging_level="WARNING", log_to_driver=False,
                      runtime_env={"env_vars": env} if env else None)
        try:
            if self.address == "local":
                ray.init(**kwargs)
            else:
                _check_reachable(self.address)
                ray.init(address=self.address, **kwargs)
        except Exception as exc:  # noqa: BLE001 - ConnectionError, RuntimeError, ValueError...
            raise DistributedError(f"could not connect to the Ray cluster at {self.address!r} "
                                   f"({type(exc).__name__}: {_first_line(exc)}); start one with "
                                   "`ray start --head` or pass --ray-address local") from exc
        return True

    def _run(self, ray, encoder, texts, plan, kind, spans=None):
        if kind != "passage":
            raise ValueError("the Ray embedder embeds passages")
        workers = self.workers
        if workers is None:
            workers = max(1, int(ray.cluster_resources().get("CPU", 1)) // self.cpus)
        workers = min(workers, len(plan))
        self.used_workers = workers
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # results in plan order
        context.enable_progress_bars = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        rows = [{"batch": i, "texts": [texts[j] for j in batch]} for i, batch in enumerate(plan)]
        if spans is not None:
            for row, batch in zip(rows, plan):
                row["spans"] = json.dumps([[list(s) for s in spans[j]] for j in batch])
        dataset = ray.data.from_items(rows, override_num_blocks=min(len(rows), workers * 8))
        with warnings.catch_warnings():
            # Ray 2.60 warns that these two pass-through arguments go away in 2.64 (hence the
            # pin), but has no other way to bound restarts: without it a worker that keeps
            # crashing is restarted for ever and the build hangs.
            warnings.simplefilter("ignore", DeprecationWarning)
            results = dataset.map_batches(
                EncoderActor, fn_constructor_args=(encoder.name, dict(encoder.options), self.cpus),
                batch_size=1, batch_format="numpy",
                compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=self.cpus,
                max_restarts=self.retries, max_task_retries=self.retries)
        expected = json.dumps(encoder_fingerprint(encoder), sort_keys=True)
        following = 0
        for row in results.iter_rows():
            number = int(row["batch"])
            if number != following:
                raise DistributedError(f"the cluster returned batch {number}, expected {following}")
            if row["fingerprint"] != expected:
                raise DistributedError(
                    "a Ray worker's encoder differs from this machine's, so its vectors would "
                    f"too: worker {row['fingerprint']}, here {expected}. Install the same "
                    "mou-search and library versions on every node")
            batch = plan[number]
            vectors = np.frombuffer(row["vectors"], dtype=np.float32).reshape(len(batch), encoder.dim)
            if spans is None:
                yield batch, vectors
            else:
                flat = np.frombuffer(row["pooled"], dtype=np.float32).reshape(-1, encoder.dim)
                pooled, at = [], 0
                for j in batch:
                    pooled.append([None if np.isnan(v[0]) else v.copy() for v in flat[at:at + len(spans[j])]])
                    at += len(spans[j])
                yield batch, vectors, pooled
            following += 1
        if following != len(plan):
            raise DistributedError(f"the cluster returned {following} of {len(plan)} batches")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else ""


def _check_reachable(address: str) -> None:
    """Fail in seconds, not minutes (Ray retries an unreachable GCS for a long time)."""
    import socket

    hostport = address.split("://")[-1]
    if address == "auto" or ":" not in hostport:
        return
    host, _, port = hostport.rpartition(":")
    with socket.create_connection((host, int(port)), timeout=5):
        pass
