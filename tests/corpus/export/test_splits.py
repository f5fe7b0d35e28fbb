"""Deterministic splits by document."""

from __future__ import annotations

import pytest

from corpus.errors import ConfigError
from corpus.export.splits import SplitSpec, assign_splits, split_of

SPEC = SplitSpec.parse("train=0.8,validation=0.1,test=0.1", seed=13)


def test_deterministic_and_independent_of_other_documents() -> None:
    ids = [f"doc{i}" for i in range(200)]
    first = assign_splits(ids, SPEC)
    assert first == assign_splits(list(reversed(ids)), SPEC)
    assert assign_splits(ids[:50], SPEC) == {d: first[d] for d in ids[:50]}
    counts = {name: sum(1 for s in first.values() if s == name) for name in SPEC.names}
    assert 130 <= counts["train"] <= 190 and counts["validation"] and counts["test"]


def test_seed_changes_the_assignment() -> None:
    ids = [f"doc{i}" for i in range(50)]
    other = SplitSpec(SPEC.fractions, seed=14)
    assert assign_splits(ids, SPEC) != assign_splits(ids, other)
    assert split_of("doc1", SPEC) == split_of("doc1", SPEC)


def test_one_document_is_all_train() -> None:
    for seed in range(20):
        assert assign_splits(["only"], SplitSpec.parse("train=0.1,test=0.9", seed)) == {
            "only": "train"
        }


def test_zero_fraction_gets_nothing() -> None:
    spec = SplitSpec.parse("train=1,test=0")
    assert set(assign_splits([f"d{i}" for i in range(100)], spec).values()) == {"train"}


@pytest.mark.parametrize(
    ("text", "message"),
    [("train=0.9,test=0.2", "sum to 1"), ("train", "name=fraction"), ("train=x", "fraction"),
     ("train=0.5,train=0.5", "twice"), ("tr-ain=1", "bad split name"), ("", "at least one")],
)
def test_bad_specs(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        SplitSpec.parse(text)
