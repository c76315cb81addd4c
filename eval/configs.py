"""Evaluation configurations: ranking mode, encoder, chunking and fusion weights, by name.

A configuration is written on the command line as ``NAME:key=value,key=value`` (``NAME`` is
optional), e.g. ``hybrid-lw0.3:mode=hybrid,lexical_weight=0.3`` or ``mode=dense,target_tokens=120``,
or in a JSON / TOML file as a list of tables with the same keys (see ``eval/configs.example.toml``).
Keys left out take the library defaults (``BuildConfig``, ``FusionParams``), so a configuration
named only by its mode always measures what users get.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

BUILD_KEYS = ("target_tokens", "max_tokens", "overlap_tokens", "title_in_chunks")
FUSION_KEYS = ("lexical_weight", "coverage_power", "sentence_weight")
MODES = ("hybrid", "dense", "lexical")


@dataclass(frozen=True)
class EvalConfig:
    name: str
    mode: str = "hybrid"
    encoder: str | None = None          # None: the default encoder (e5-small-q4)
    target_tokens: int | None = None
    max_tokens: int | None = None
    overlap_tokens: int | None = None
    title_in_chunks: bool | None = None
    lexical_weight: float | None = None
    coverage_power: float | None = None
    sentence_weight: float | None = None
    learned: bool | None = None         # False: hand-set fusion and sentence choice, no models

    def __post_init__(self):
        if self.mode not in MODES:
            raise ValueError(f"configuration {self.name!r}: unknown mode {self.mode!r} "
                             f"(use {', '.join(MODES)})")
        if not re.fullmatch(r"[\w.+=-]+", self.name):
            raise ValueError(f"configuration name {self.name!r}: use letters, digits and . _ - + =")

    @property
    def encoder_name(self) -> str:
        from indexer.encoders import DEFAULT_ENCODER

        return self.encoder or DEFAULT_ENCODER

    def build_config(self):
        from indexer.build import BuildConfig

        return BuildConfig(**{k: getattr(self, k) for k in BUILD_KEYS if getattr(self, k) is not None})

    def fusion_params(self):
        from search_api.fusion import FusionParams

        return FusionParams(**{k: getattr(self, k) for k in FUSION_KEYS if getattr(self, k) is not None})

    def index_key(self) -> str:
        """One index per encoder + chunking: configurations that differ only in mode or fusion
        weights share it."""
        build = self.build_config()
        enc = re.sub(r"[^\w.-]+", "_", self.encoder_name)
        return (f"{enc}-t{build.target_tokens}-m{build.max_tokens}-o{build.overlap_tokens}"
                f"-title{int(bool(build.title_in_chunks))}")

    def settings(self) -> dict:
        """Every setting, defaults filled in (recorded in the JSON report)."""
        return {"name": self.name, "mode": self.mode, "encoder": self.encoder_name,
                **{k: v for k, v in self.build_config().__dict__.items()},
                **asdict(self.fusion_params()), "learned": self.learned is not False}


def _value(key: str, raw):
    types = {f.name: f.type for f in fields(EvalConfig)}
    if key not in types or key == "name":
        raise ValueError(f"unknown configuration key {key!r}: use mode, encoder, learned, "
                         f"{', '.join(BUILD_KEYS + FUSION_KEYS)}")
    if not isinstance(raw, str):
        return raw
    if key in ("mode", "encoder"):
        return raw
    if key in ("title_in_chunks", "learned"):
        if raw.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"{key}={raw!r}: use true or false")
        return raw.lower() in ("true", "1", "yes")
    return int(raw) if key in BUILD_KEYS else float(raw)


def _default_name(values: dict) -> str:
    parts = [values.get("mode", "hybrid")]
    for k, v in values.items():
        if k != "mode":
            short = "".join(w[0] for w in k.split("_")) if k != "encoder" else "enc"
            parts.append(f"{short}{v}" if k != "encoder" else re.sub(r"[^\w.-]+", "_", str(v)))
    return "-".join(parts)


def from_mapping(values: dict, name: str | None = None) -> EvalConfig:
    values = dict(values)
    name = name or values.pop("name", None)
    values.pop("name", None)
    parsed = {k: _value(k, v) for k, v in values.items()}
    return EvalConfig(name=name or _default_name(parsed), **parsed)


def parse_spec(spec: str, common: dict | None = None) -> EvalConfig:
    """``NAME:key=value,...`` or ``key=value,...`` or just a mode (``dense``)."""
    spec = spec.strip()
    name, body = None, spec
    if ":" in spec:
        name, body = spec.split(":", 1)
    values = dict(common or {})
    if body in MODES:
        values["mode"] = body
    elif body:
        for item in body.split(","):
            key, sep, raw = item.partition("=")
            if not sep:
                raise ValueError(f"configuration {spec!r}: expected key=value, got {item!r}")
            values[key.strip()] = raw.strip()
    return from_mapping(values, name or None)


def load_file(path: Path, common: dict | None = None) -> list[EvalConfig]:
    """A JSON list (or ``{"configs": [...]}``) or a TOML file with ``[[config]]`` tables."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".toml":
        import tomllib

        data = tomllib.loads(text)
    else:
        data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("configs", data.get("config"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of configurations ([[config]] in TOML, "
                         f"a JSON list or {{\"configs\": [...]}})")
    return [from_mapping({**(common or {}), **row}) for row in data]


def check_unique(configs: list[EvalConfig]) -> list[EvalConfig]:
    seen = set()
    for c in configs:
        if c.name in seen:
            raise ValueError(f"two configurations are named {c.name!r}: give them distinct names")
        seen.add(c.name)
    return configs
