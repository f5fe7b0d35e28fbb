"""The neural encoder: window cosines of embeddings, encoding with a cache, float32 and int8."""

from __future__ import annotations

import numpy as np
import pytest

from align.aligner import Aligner
from align.blocks import Blocks
from align.encoders import models
from align.encoders.base import Encoder
from align.encoders.gloss import readable_gloss
from align.encoders.neural import EmbeddingFeatures, NeuralEncoder
from corpus.beads import Bead
from corpus.document import Side
from corpus.errors import ConfigError
from tests.align.pairs import EASY, PAIRS, sides

# --- the DP on embeddings whose right answer is known -----------------------------------------

class _FixedEncoder(Encoder):
    name = "fixed"

    def __init__(self, features):
        self._features = features

    @property
    def model_id(self) -> str:
        return "fixed"

    def features(self, src, tgt):
        return self._features


def test_dp_recovers_known_beads_from_embeddings():
    rng = np.random.default_rng(7)
    n_src, dim = 16, 64
    src_vectors = rng.normal(size=(n_src, dim))
    src_lengths = rng.integers(25, 60, size=n_src)
    src_lengths[5] = 90  # the deleted sentence: long, so no neighbour can absorb it
    truth = [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,)), ((4,), (4,)), ((5,), ()),
             *(((i,), (i - 1,)) for i in range(6, n_src))]
    tgt_vectors, tgt_lengths = [], []
    for src_ids, tgt_ids in truth:
        if not tgt_ids:
            continue
        total = src_vectors[list(src_ids)].sum(axis=0)
        length = int(src_lengths[list(src_ids)].sum())
        for _ in tgt_ids:  # a 1-2 bead: both halves carry the meaning, each half the length
            tgt_vectors.append(total + 0.2 * rng.normal(size=dim))
            tgt_lengths.append(length // len(tgt_ids))
    features = EmbeddingFeatures(src_vectors, np.array(tgt_vectors))
    src = Side(tuple("x" * n for n in src_lengths), "en")
    tgt = Side(tuple("y" * n for n in tgt_lengths), "en")
    doc = Aligner(_FixedEncoder(features)).align(src, tgt)
    assert [(b.src, b.tgt) for b in doc.beads] == truth


def test_embedding_features_windows_and_coarsen():
    src = np.eye(4, dtype=np.float32)
    tgt = np.array([[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]], dtype=np.float32)
    features = EmbeddingFeatures(src, tgt)
    sims = features.similarity(np.array([0, 1, 0]), 1, np.array([0, 1, 2]), 1)
    assert sims.shape == (1, 3)
    assert sims[0, 0] == pytest.approx(1.0)
    assert sims[0, 1] == pytest.approx(1 / np.sqrt(2))
    assert np.isnan(sims[0, 2])  # a zero vector is no evidence either way
    pair = features.similarity(np.array([1]), 2, np.array([1]), 1)
    assert pair[0, 0] == pytest.approx(1.0)  # the window sum of sentences 1, 2 = tgt 1
    coarse = features.coarsen(Blocks.uniform(4, 3, 2))
    assert coarse.src.shape == (2, 4) and coarse.tgt.shape == (2, 4)
    assert np.allclose(np.linalg.norm(coarse.tgt, axis=1), [1.0, 0.0])  # last block: zero


def test_each_sentence_is_scored_by_its_cosine_with_the_window_opposite():
    src = np.eye(4, dtype=np.float32)
    tgt = np.array([[1, 0, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0]], dtype=np.float32)
    features = EmbeddingFeatures(src, tgt)
    assert features.n_signals == 1 and features.n_sentence_signals == 1
    # Source sentences 1 and 2 against target 1, which is their sum.
    pair = features.sentence_similarity(np.array([1]), 2, np.array([1]), 1)
    assert pair.src.shape == (1, 2, 1) and pair.tgt.shape == (1, 1, 1)
    assert pair.src[0, :, 0] == pytest.approx([1 / np.sqrt(2)] * 2)
    assert pair.tgt[0, 0, 0] == pytest.approx(1.0)  # target 1 is the source window's sum
    # Target 1 does not belong with source 0: its own cosine says 0, where the window's
    # cosine only falls to 1/sqrt(3).
    stray = features.sentence_similarity(np.array([0]), 1, np.array([0]), 2)
    assert stray.tgt[0, :, 0] == pytest.approx([1.0, 0.0])
    window = features.similarity(np.array([0]), 1, np.array([0]), 2)[0, 0]
    assert window == pytest.approx(1 / np.sqrt(3))
    empty = features.sentence_similarity(np.array([0]), 1, np.array([2]), 1)
    assert np.isnan(empty.src[0, 0, 0]) and np.isnan(empty.tgt[0, 0, 0])


def test_windows_holding_an_unencoded_sentence_have_no_evidence():
    src = np.eye(4, dtype=np.float32)
    features = EmbeddingFeatures(src, src, src_known=np.array([True, True, False, True]))
    starts = np.arange(3)
    assert np.isfinite(features.similarity(starts, 1, starts, 1)[0]).tolist() == [True, True, False]
    assert np.isfinite(features.similarity(starts[:3], 2, starts[:3], 1)[0]).tolist() == [
        True, False, False]
    assert features.coarsen(Blocks.uniform(4, 4, 2)).src_known.tolist() == [True, False]
    with pytest.raises(ValueError):
        EmbeddingFeatures(src, src, src_known=np.ones(3, bool))


# --- a tiny saved model: loading from a folder, end to end ------------------------------------

@pytest.mark.parametrize("multilingual", [True, False])
def test_tiny_model_end_to_end_through_the_aligner(tiny_model_path, tmp_path, multilingual):
    encoder = NeuralEncoder(model=tiny_model_path, cache_dir=tmp_path,
                            multilingual=multilingual)
    zh, en = sides()
    doc = Aligner(encoder).align(zh, en)
    assert sorted(i for b in doc.beads for i in b.src) == list(range(len(zh)))
    assert sorted(j for b in doc.beads for j in b.tgt) == list(range(len(en)))
    assert doc.signature.encoder == "neural"
    vectors = encoder.encode(["天地", "heaven and earth", "天地"])
    assert vectors.dtype == np.float32 and vectors.shape == (3, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(vectors[0], vectors[2])


def test_cache_second_run_loads_from_disk(tiny_model_path, tmp_path, monkeypatch):
    calls = []
    model = NeuralEncoder(model=tiny_model_path).load()  # the model the encoders below share
    encode = model.encode

    def counting_encode(texts, *args, **kwargs):
        calls.append(len(texts))
        return encode(texts, *args, **kwargs)

    monkeypatch.setattr(model, "encode", counting_encode)
    texts = ["起初神创造天地", "In the beginning God created the heaven", "起初神创造天地", ""]
    first = NeuralEncoder(model=tiny_model_path, cache_dir=tmp_path).encode(texts)
    assert calls == [2]  # each distinct non-empty text once
    assert list(tmp_path.rglob("*.npz"))
    second = NeuralEncoder(model=tiny_model_path, cache_dir=tmp_path).encode(texts)
    assert calls == [2]  # nothing encoded again
    assert np.array_equal(first, second)
    assert not second[3].any()  # "" embeds to a zero row (no evidence)
    NeuralEncoder(model=tiny_model_path, cache_dir=tmp_path, use_cache=False).encode(texts)
    assert calls == [2, 2]


def test_batches_by_token_count_keep_each_text_its_own_vector(tiny_model_path, capsys):
    texts = ["天地", "In the beginning God created the heaven and the earth", "水", "he went home",
             "我们的友谊是永远的", "the king said , go to the city and read the book", "光"]
    # float32: int8 scales activations per batch, so its vectors move (1e-4) with the batch,
    # and bfloat16's by up to 1e-3
    encoder = NeuralEncoder(model=tiny_model_path, use_cache=False, batch_size=2,
                            show_progress=True, precision="float32")
    vectors = encoder.encode(texts)
    model = encoder.load()
    alone = np.stack([model.encode([t], normalize_embeddings=True)[0] for t in texts])
    assert np.allclose(vectors, alone, atol=1e-5)
    assert "encoding" in capsys.readouterr().err  # the progress bar
    NeuralEncoder(model=tiny_model_path, use_cache=False).encode(texts)
    assert "encoding" not in capsys.readouterr().err  # a few texts, no terminal: no bar


# --- the real wheel model ----------------------------------------------------------------------

def test_gloss_model_runs_in_int8_close_to_float32(minilm_path, tmp_path):
    int8 = NeuralEncoder(model=minilm_path, cache_dir=tmp_path, quantize=True)
    float32 = NeuralEncoder(model=minilm_path, cache_dir=tmp_path)
    assert int8.settings.quantize and int8.model_id.endswith("+int8")
    assert int8.settings.cache_id != float32.settings.cache_id
    assert not NeuralEncoder(model="sentence-transformers/LaBSE").settings.quantize
    texts = [e for _, e in PAIRS] + [readable_gloss(z) for z, _ in PAIRS]
    cosines = np.sum(int8.encode(texts) * float32.encode(texts), axis=1)
    assert cosines.min() > 0.9, cosines


def test_gloss_model_runs_in_bfloat16_close_to_float32(minilm_path, tmp_path):
    bf16 = NeuralEncoder(model=minilm_path, cache_dir=tmp_path, precision="bfloat16")
    float32 = NeuralEncoder(model=minilm_path, cache_dir=tmp_path, precision="float32")
    assert bf16.model_id.endswith("+bf16") and not float32.model_id.endswith("+bf16")
    assert bf16.settings.cache_id != float32.settings.cache_id
    texts = [e for _, e in PAIRS] + [readable_gloss(z) for z, _ in PAIRS]
    cosines = np.sum(bf16.encode(texts) * float32.encode(texts), axis=1)
    assert cosines.min() > 0.999, cosines


@pytest.mark.parametrize(
    ("precision", "device", "native", "resolved"),
    [("auto", "cpu", True, "bfloat16"), ("auto", "cpu", False, "float32"),
     ("auto", "cuda", True, "float32"), ("float32", "cpu", True, "float32"),
     ("bfloat16", "cpu", False, "bfloat16")],
)
def test_auto_precision_is_bfloat16_only_where_the_cpu_multiplies_it(
        monkeypatch, precision, device, native, resolved):
    monkeypatch.setattr(models, "cpu_multiplies_bfloat16", lambda: native)
    assert models.resolve_precision(precision, device) == resolved
    if precision == "auto":  # int8 is its own precision
        assert models.resolve_precision(precision, device, quantize=True) == "float32"


def test_bad_precisions_are_refused_with_the_choices():
    with pytest.raises(ConfigError, match="auto, float32, bfloat16"):
        NeuralEncoder(model="gloss-model", precision="fp8")
    with pytest.raises(ConfigError, match="exclude each other"):
        NeuralEncoder(model="gloss-model", precision="bfloat16", quantize=True)


def test_float32_vectors_do_not_depend_on_their_batch(minilm_path):
    # Why float32 is the default: a cached vector must equal a fresh one, whatever texts
    # were encoded with it.
    encoder = NeuralEncoder(model=minilm_path, use_cache=False, precision="float32")
    texts = [e for _, e in PAIRS] + [readable_gloss(z) for z, _ in PAIRS]
    together = encoder.encode(texts)
    alone = np.stack([encoder.encode([t])[0] for t in texts[:4]])
    assert np.allclose(together[:4], alone, atol=1e-5)


def test_minilm_gloss_ranks_the_true_translation_first(minilm_path, tmp_path):
    encoder = NeuralEncoder(model=minilm_path, cache_dir=tmp_path)
    assert not encoder.multilingual
    zh, en = sides()
    features = encoder.features(zh, en)
    cosine = features.src @ features.tgt.T
    wins = []
    for i in range(len(PAIRS)):
        neighbours = [j for j in range(max(0, i - 3), min(len(PAIRS), i + 4)) if j != i]
        wins.append(all(cosine[i, i] > cosine[i, j] for j in neighbours))
    assert sum(wins) >= 6, wins
    assert all(wins[i] for i in EASY), wins


# --- settings and empty input ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("options", "int8"),
    [({}, False), ({"device": "cuda"}, False), ({"quantize": True}, True)],
)
def test_float32_unless_int8_is_asked_for(options, int8):
    encoder = NeuralEncoder(model="gloss-model", **options)
    assert encoder.settings.quantize is int8
    assert encoder.model_id.endswith("+int8") is int8


def test_int8_off_cpu_is_refused():
    with pytest.raises(ConfigError, match="CPU only"):
        NeuralEncoder(model="gloss-model", device="cuda", quantize=True)


def test_empty_sides_need_no_model():
    doc = Aligner(NeuralEncoder(model="no-such-org/no-such-model")).align(
        Side((), "zh"), Side(("Hello.",), "en"))
    assert doc.beads == (Bead((), (0,)),)
