"""On-disk cache of sentence embeddings, so a re-run does not re-encode.

Layout: ``<root>/<model key>/<shard>.npz``; each shard holds ``keys`` (the hex SHA-1 of each
text) and ``vectors`` (float32, one row a text). The model key names the model and every
setting that changes its vectors (sequence length, quantisation). A shard is written once,
atomically (``corpus.atomic``), and never modified, so concurrent runs cannot corrupt each
other; a shard that cannot be read is ignored (its texts are encoded again).

The root is ``$BITEXT_CACHE`` or ``~/.cache/bitext/embeddings``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from corpus.atomic import atomic_open

logger = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    root = os.environ.get("BITEXT_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "bitext" / "embeddings"


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def model_key(model_id: str) -> str:
    """A folder name for a model id: readable tail + hash of the whole id."""
    tail = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id.rstrip("/").split("/")[-1])[:40]
    return f"{tail}-{hashlib.sha1(model_id.encode('utf-8')).hexdigest()[:12]}"


class EmbeddingCache:
    """Embeddings of one model, looked up by text."""

    def __init__(self, root: str | Path | None, model_id: str):
        self.folder = Path(root) if root is not None else default_cache_dir()
        self.folder = self.folder / model_key(model_id)
        self._index: dict[str, tuple[Path, int]] | None = None

    def _load_index(self) -> dict[str, tuple[Path, int]]:
        if self._index is None:
            self._index = {}
            for shard in sorted(self.folder.glob("*.npz")):
                keys = _read_shard(shard, "keys")
                if keys is None:
                    continue
                for row, key in enumerate(keys.tolist()):
                    self._index.setdefault(key.decode("ascii"), (shard, row))
        return self._index

    def get(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those texts that have one."""
        index = self._load_index()
        wanted: dict[Path, list[tuple[str, int]]] = {}
        for text in dict.fromkeys(texts):
            found = index.get(text_key(text))
            if found is not None:
                wanted.setdefault(found[0], []).append((text, found[1]))
        result: dict[str, np.ndarray] = {}
        for shard, items in wanted.items():
            vectors = _read_shard(shard, "vectors")
            if vectors is None:
                continue
            for text, row in items:
                result[text] = vectors[row].astype(np.float32)
        return result

    def put(self, texts: Sequence[str], vectors: np.ndarray) -> Path | None:
        """Store one shard; returns its path (None when there is nothing to store)."""
        if not len(texts):
            return None
        keys = np.array([text_key(t) for t in texts], dtype="S40")
        name = hashlib.sha1(keys.tobytes()).hexdigest()[:24] + ".npz"
        path = self.folder / name
        try:
            with atomic_open(path, "wb") as fh:
                np.savez(fh, keys=keys, vectors=np.asarray(vectors, dtype=np.float32))
        except OSError as exc:  # a read-only or full disk must not stop the alignment
            logger.warning("could not write embedding cache %s: %s", path, exc)
            return None
        if self._index is not None:
            for row, key in enumerate(keys.tolist()):
                self._index.setdefault(key.decode("ascii"), (path, row))
        return path


def _read_shard(shard: Path, name: str) -> np.ndarray | None:
    """One array of a cache shard; None (with a warning) when the shard is unreadable."""
    try:
        with np.load(shard) as data:
            return data[name]
    except (OSError, ValueError, KeyError) as exc:
        logger.warning("ignoring unreadable embedding cache shard %s: %s", shard, exc)
        return None
