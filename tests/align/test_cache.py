"""The on-disk embedding cache: vectors by text, one folder a model, bad shards ignored."""

from __future__ import annotations

import numpy as np

from align.encoders.cache import EmbeddingCache


def test_vectors_come_back_by_text_for_their_model_only(tmp_path):
    vectors = np.array([[1, 0], [0, 1]], dtype=np.float32)
    EmbeddingCache(tmp_path, "model-a").put(["天地", "heaven"], vectors)
    found = EmbeddingCache(tmp_path, "model-a").get(["heaven", "earth", "天地"])
    assert sorted(found) == ["heaven", "天地"]
    assert found["天地"].tolist() == [1, 0] and found["heaven"].tolist() == [0, 1]
    assert EmbeddingCache(tmp_path, "model-b").get(["heaven"]) == {}
    assert EmbeddingCache(tmp_path, "model-a").put([], vectors[:0]) is None


def test_an_unreadable_shard_is_ignored(tmp_path):
    cache = EmbeddingCache(tmp_path, "model-a")
    cache.put(["heaven"], np.ones((1, 2), dtype=np.float32))
    (cache.folder / "broken.npz").write_bytes(b"not a zip file")
    assert list(EmbeddingCache(tmp_path, "model-a").get(["heaven"])) == ["heaven"]
