"""Deterministic train/validation/test splits by document.

A document goes wholly to one split, chosen by hashing ``f"{seed}:{doc_id}"`` (SHA-256) to
a number in [0, 1) and cutting that interval at the cumulative fractions. The same doc_id and
seed always land in the same split, whatever the other inputs are. With a single document
everything goes to ``train`` (or the first split named when there is no ``train``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.errors import ConfigError

SPLIT_NAME = re.compile(r"^[A-Za-z][\w]*$")
DEFAULT_SEED = 13


@dataclass(frozen=True)
class SplitSpec:
    """Named fractions that sum to 1, e.g. train=0.9, validation=0.05, test=0.05."""

    fractions: tuple[tuple[str, float], ...] = (("train", 1.0),)
    seed: int = DEFAULT_SEED

    def __post_init__(self) -> None:
        if not self.fractions:
            raise ConfigError("a split needs at least one name=fraction")
        names = [name for name, _ in self.fractions]
        for name in names:
            if not SPLIT_NAME.match(name):
                raise ConfigError(f"bad split name {name!r}: use letters, digits and _")
        if len(set(names)) != len(names):
            raise ConfigError(f"split named twice in {self}")
        if any(fraction < 0 for _, fraction in self.fractions):
            raise ConfigError("split fractions must not be negative")
        if abs(sum(fraction for _, fraction in self.fractions) - 1.0) > 1e-6:
            raise ConfigError(
                "split fractions must sum to 1, got "
                + ",".join(f"{name}={fraction:g}" for name, fraction in self.fractions)
            )

    @classmethod
    def parse(cls, text: str, seed: int = DEFAULT_SEED) -> SplitSpec:
        """``train=0.9,validation=0.05,test=0.05``."""
        fractions = []
        for part in text.split(","):
            if not part.strip():
                continue
            name, sep, value = part.partition("=")
            if not sep:
                raise ConfigError(f"bad split {part!r}: expected name=fraction")
            try:
                fractions.append((name.strip(), float(value)))
            except ValueError:
                raise ConfigError(f"bad split fraction {value!r} for {name.strip()}") from None
        return cls(tuple(fractions), seed)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.fractions)

    def __str__(self) -> str:
        return ",".join(f"{name}={fraction:g}" for name, fraction in self.fractions)


def doc_point(doc_id: str, seed: int) -> float:
    """The document's place in [0, 1) for this seed."""
    digest = hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_of(doc_id: str, spec: SplitSpec) -> str:
    point = doc_point(doc_id, spec.seed)
    upto = 0.0
    for name, fraction in spec.fractions:
        upto += fraction
        if point < upto:
            return name
    return next(name for name, fraction in reversed(spec.fractions) if fraction > 0)


def assign_splits(doc_ids: Iterable[str], spec: SplitSpec) -> dict[str, str]:
    """doc_id → split name; a lone document goes to train."""
    ids = list(dict.fromkeys(doc_ids))
    if len(ids) == 1:
        only = "train" if "train" in spec.names else spec.names[0]
        return {ids[0]: only}
    return {doc_id: split_of(doc_id, spec) for doc_id in ids}
