"""Encoders by name, their options, and the ``auto`` policy."""

from __future__ import annotations

import pytest

from align.aligner import Aligner
from align.encoders.hybrid import HybridEncoder
from align.encoders.lexical import LexicalEncoder
from align.encoders.neural import NeuralEncoder
from align.encoders.registry import ENCODERS, AutoEncoder, make_encoder, resolve_encoder
from corpus.errors import ConfigError, UnknownChoiceError
from tests.align.pairs import PAIRS, sides


def test_unknown_encoder_lists_the_choices():
    with pytest.raises(UnknownChoiceError) as caught:
        make_encoder("bert", None)
    for name in ENCODERS:
        assert name in str(caught.value)


def test_unknown_option_is_rejected():
    with pytest.raises(ConfigError, match="bacth_size"):
        make_encoder("neural", "x", bacth_size=3)


def test_registry_builds_each_encoder(tiny_model_path):
    assert isinstance(make_encoder("lexical"), LexicalEncoder)
    neural = make_encoder("neural", tiny_model_path, batch_size=8)
    assert isinstance(neural, NeuralEncoder) and neural.batch_size == 8
    assert make_encoder("neural").model == "sentence-transformers/LaBSE"
    assert isinstance(make_encoder("hybrid", tiny_model_path), HybridEncoder)


def test_auto_policy(tiny_model_path):
    encoder, why = resolve_encoder("auto", "no-such-org/no-such-model")
    assert isinstance(encoder, LexicalEncoder) and "lexical" in why and "\n" not in why
    encoder, why = resolve_encoder("auto", tiny_model_path)  # an English-only name
    assert isinstance(encoder, HybridEncoder) and "hybrid" in why
    encoder, why = resolve_encoder("auto", tiny_model_path, multilingual=True)
    assert isinstance(encoder, NeuralEncoder) and "neural" in why


def test_auto_without_a_multilingual_model_picks_hybrid_for_small_documents(tmp_path):
    zh, en = sides()
    roomy = AutoEncoder({"cache_dir": tmp_path}, max_sentences=2 * len(PAIRS))
    assert roomy.for_document(zh, en) is roomy.hybrid
    assert Aligner(roomy).align(zh, en).signature.encoder == "hybrid"
    tight = AutoEncoder({"cache_dir": tmp_path}, max_sentences=len(PAIRS))
    assert tight.for_document(zh, en) is tight.lexical
    assert Aligner(tight).align(zh, en).signature.encoder == "lexical"


