"""Sentence-embedding encoder: cosine of (summed) sentence-transformers embeddings.

A multilingual model (LaBSE, paraphrase-multilingual-…, XLM-R based) embeds both sides as they
are. An English-only model (e.g. all-MiniLM-L6-v2) embeds the English side and a readable
gloss of the Chinese side (``align.encoders.gloss``). Models load from local files only
(``align.encoders.models``).

The embedding of a window of sentences is the normalised sum of its sentence embeddings, so
every distinct sentence is encoded once; embeddings are cached on disk (``align.encoders.cache``).
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from align.blocks import Blocks
from align.encoders.base import Encoder, PairFeatures, SentenceSimilarity
from align.encoders.cache import EmbeddingCache
from align.encoders.gloss import readable_gloss
from align.encoders.models import ModelSettings, is_multilingual, load_model, resolve_precision
from align.encoders.products import (
    PairTable,
    PairValues,
    pair_products,
    values_by_block,
    window_members,
)
from align.encoders.windows import block_sums, blocks_all, normalise, window_sums
from corpus.document import Side
from corpus.errors import ConfigError

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "sentence-transformers/LaBSE"
# Encoding this many texts takes long enough to be worth a bar: about 8 s on two cores with
# the gloss model.
PROGRESS_MIN_TEXTS = 2000


class EmbeddingFeatures(PairFeatures):
    """Cosine between windows, a window's vector being the normalised sum of its sentences'
    (a window signal), and of each sentence with the window opposite (a sentence signal).

    A sentence with a zero vector (nothing to embed) adds nothing; a window of only such
    sentences has no evidence (NaN), nor has a window holding a sentence left unencoded
    (``src_known``/``tgt_known`` False: hybrid embeds only the stretches it is unsure of).
    """

    n_signals = 1
    n_sentence_signals = 1

    def __init__(self, src_vectors: np.ndarray, tgt_vectors: np.ndarray,
                 src_known: np.ndarray | None = None, tgt_known: np.ndarray | None = None):
        self.src = np.asarray(src_vectors, dtype=np.float32)
        self.tgt = np.asarray(tgt_vectors, dtype=np.float32)
        if self.src.ndim != 2 or self.tgt.ndim != 2 or self.src.shape[1] != self.tgt.shape[1]:
            raise ValueError("need two (sentences x dim) arrays of the same dim")
        self.src_known = _known_mask(src_known, len(self.src))
        self.tgt_known = _known_mask(tgt_known, len(self.tgt))
        self._src = _Windows(self.src, self.src_known)
        self._tgt = _Windows(self.tgt, self.tgt_known)
        # Each sentence's cosine with the windows opposite, kept for every bead type.
        self._src_cosines = PairTable(len(self.src), len(self.tgt), _cosine_values(
            self._src, self._tgt))
        self._tgt_cosines = PairTable(len(self.tgt), len(self.src), _cosine_values(
            self._tgt, self._src))

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        return _cosines(self._src(src_size), src_start, self._tgt(tgt_size), tgt_start)[np.newaxis, :]

    def sentence_similarity(self, src_start, src_size, tgt_start, tgt_size) -> SentenceSimilarity:
        """Each sentence's cosine with the window opposite: a sentence that does not belong
        hardly moves a window's summed vector, but its own cosine shows it."""
        src_rows, tgt_windows = window_members(src_start, src_size, tgt_start)
        tgt_rows, src_windows = window_members(tgt_start, tgt_size, src_start)
        src = self._src_cosines(src_rows, tgt_windows, tgt_size).astype(np.float64)
        tgt = self._tgt_cosines(tgt_rows, src_windows, src_size).astype(np.float64)
        return SentenceSimilarity(src.reshape(1, src_size, -1), tgt.reshape(1, tgt_size, -1))

    def coarsen(self, blocks: Blocks) -> EmbeddingFeatures:
        return EmbeddingFeatures(
            block_sums(self.src, blocks.src), block_sums(self.tgt, blocks.tgt),
            blocks_all(self.src_known, blocks.src), blocks_all(self.tgt_known, blocks.tgt),
        )


class _Windows:
    """One side's normalised window vectors by window size, and which windows have no
    evidence, built as they are asked for."""

    def __init__(self, vectors: np.ndarray, known: np.ndarray):
        self._vectors, self._known = vectors, known
        self._by_size: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def __call__(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        if size not in self._by_size:
            summed = window_sums(self._vectors.astype(np.float64), size).astype(np.float32)
            unknown = window_sums((~self._known).astype(np.float64)[:, np.newaxis], size)[:, 0] > 0
            self._by_size[size] = (normalise(summed),
                                   unknown | (np.linalg.norm(summed, axis=1) < 1e-6))
        return self._by_size[size]


def _cosine_values(sentences: _Windows, windows: _Windows) -> PairValues:
    """The cosines of one side's sentences with the other side's windows, by blocks."""
    def block(row_lo: int, row_hi: int, start_lo: int, start_hi: int, sizes: int
              ) -> np.ndarray:
        vectors, void = sentences(1)
        own, own_void = vectors[row_lo:row_hi], void[row_lo:row_hi]
        cosines = np.full((sizes, row_hi - row_lo, start_hi - start_lo), np.nan, np.float32)
        for size in range(1, sizes + 1):
            window_vectors, window_void = windows(size)
            stop = min(start_hi, len(window_vectors))
            if stop <= start_lo:
                break
            found = own @ window_vectors[start_lo:stop].T
            found[own_void] = np.nan
            found[:, window_void[start_lo:stop]] = np.nan
            cosines[size - 1, :, : stop - start_lo] = found
        return cosines

    return lambda rows, starts, sizes: values_by_block(rows, starts, sizes, block)


def _cosines(left: tuple[np.ndarray, np.ndarray], left_rows,
             right: tuple[np.ndarray, np.ndarray], right_rows) -> np.ndarray:
    """Cosines of normalised rows ``left[left_rows[k]]`` and ``right[right_rows[k]]``; NaN
    where either row has no evidence. Each side is (vectors, void mask)."""
    (left_vectors, left_void), (right_vectors, right_void) = left, right
    left_rows = np.asarray(left_rows, dtype=np.int64)
    right_rows = np.asarray(right_rows, dtype=np.int64)
    result = pair_products(left_vectors, right_vectors, left_rows, right_rows)
    result[left_void[left_rows] | right_void[right_rows]] = np.nan
    return result


def _known_mask(known: np.ndarray | None, size: int) -> np.ndarray:
    if known is None:
        return np.ones(size, bool)
    known = np.asarray(known, bool)
    if known.shape != (size,):
        raise ValueError("a known-mask needs one entry a sentence")
    return known


def _token_counts(model: Any, texts: Sequence[str]) -> np.ndarray:
    """The length of each text as the model reads it (characters without a tokenizer)."""
    tokenizer = getattr(model, "tokenizer", None)
    if tokenizer is None:
        return np.array([len(t) for t in texts])
    ids = tokenizer(list(texts), truncation=True, max_length=model.max_seq_length,
                    return_attention_mask=False, return_token_type_ids=False)["input_ids"]
    return np.array([len(i) for i in ids])


class NeuralEncoder(Encoder):
    """sentence-transformers embeddings; the model loads in ``features`` (or ``load``).

    ``show_progress`` None shows a bar when at least PROGRESS_MIN_TEXTS texts are encoded
    and stderr is a terminal. ``device`` is a torch device ("cpu", "cuda", "cuda:1", "mps").

    ``quantize`` (CPU only) makes the model int8: 1.5x faster, but torch scales activations
    per batch, so a text's vector depends on the texts batched with it. Cached vectors then
    differ from fresh ones, and MAC-Dev hybrid strict F1 moved between 0.873 and 0.880 with
    the batch size (float32: 0.882 at any batch size). Hence float32 by default.

    ``precision`` "auto" runs the model in bfloat16 where the CPU multiplies bfloat16
    natively (``resolve_precision``): twice as fast, each vector within a cosine of 1e-4 of
    float32's, and a text's vector moves by at most 1e-3 a component with its batch.
    """

    name = "neural"

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        batch_size: int = 32,
        device: str = "cpu",
        cache_dir: str | Path | None = None,
        *,
        use_cache: bool = True,
        multilingual: bool | None = None,
        show_progress: bool | None = None,
        max_seq_length: int | None = 128,
        quantize: bool = False,
        precision: str = "auto",
        threads: int | None = None,
    ):
        self.model = str(model)
        self.batch_size = batch_size
        self.device = device
        self.cache_dir = cache_dir
        self.use_cache = use_cache
        self.multilingual = is_multilingual(self.model) if multilingual is None else multilingual
        self.show_progress = show_progress
        if quantize and device != "cpu":
            raise ConfigError(f"int8 (quantize) runs on CPU only, not on {device}")
        self.settings = ModelSettings(self.model, device, max_seq_length, quantize,
                                      resolve_precision(precision, device, quantize))
        self.threads = threads
        self._cache: EmbeddingCache | None = None

    @property
    def model_id(self) -> str:
        model, path = self.model, Path(self.model)
        if path.is_dir():  # a folder: its name (its parent's for a bare ".../model")
            model = path.resolve().parent.name if path.name == "model" else path.name
        if not self.multilingual:
            model += "+cedict-gloss"
        if self.settings.quantize:
            model += "+int8"
        return model + "+bf16" if self.settings.precision == "bfloat16" else model

    def load(self) -> Any:
        settings = self.settings
        return load_model(settings.name, settings.device, settings.max_seq_length,
                          settings.quantize, settings.precision)

    def _embedding_cache(self) -> EmbeddingCache | None:
        if not self.use_cache:
            return None
        if self._cache is None:
            self._cache = EmbeddingCache(self.cache_dir, self.settings.cache_id)
        return self._cache

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """Normalised float32 embeddings, one row a sentence; "" gives a zero row.

        Each distinct text is encoded once (cache first).
        """
        distinct = [t for t in dict.fromkeys(sentences) if t.strip()]
        cache = self._embedding_cache()
        found = cache.get(distinct) if cache is not None else {}
        missing = [t for t in distinct if t not in found]
        if missing:
            vectors = self._embed(missing)
            if cache is not None:
                cache.put(missing, vectors)
            found.update(zip(missing, vectors, strict=True))
        dim = next(iter(found.values())).shape[0] if found else self._dimension()
        result = np.zeros((len(sentences), dim), dtype=np.float32)
        for row, text in enumerate(sentences):
            vector = found.get(text)
            if vector is not None:
                result[row] = vector
        return result

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Model embeddings of ``texts``, batched by token count.

        sentence-transformers sorts texts by characters, which on English mixed with CC-CEDICT
        glosses (fewer characters a token) padded the Bible's batches of 32 with 24% more
        tokens than real ones; sorting by token count pads them by 0.5%. A padded position
        costs as much as a real token, so the model is called one batch at a time, in that
        order.
        """
        from tqdm.auto import tqdm

        model = self.load()
        if self.threads:
            import torch

            torch.set_num_threads(self.threads)
        logger.info("encoding %d sentences with %s", len(texts), self.model)
        order = np.argsort(-_token_counts(model, texts), kind="stable")
        batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        show = self.show_progress
        if show is None:  # a bar only where a person watches, and only for a long wait
            show = len(texts) >= PROGRESS_MIN_TEXTS and sys.stderr.isatty()
        with self._precision():
            parts = [
                model.encode([texts[i] for i in rows], batch_size=len(rows),
                             show_progress_bar=False, convert_to_numpy=True,
                             normalize_embeddings=True)
                for rows in tqdm(batches, desc="encoding", unit="batch", disable=not show)
            ]
        vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        vectors[np.concatenate(batches)] = np.concatenate(parts)
        return vectors

    def _precision(self) -> contextlib.AbstractContextManager:
        if self.settings.precision != "bfloat16":
            return contextlib.nullcontext()
        import torch

        return torch.autocast(torch.device(self.device).type, dtype=torch.bfloat16)

    def _dimension(self) -> int:
        model = self.load()
        # Renamed in sentence-transformers 5; the old name still serves older releases.
        dimension = getattr(model, "get_embedding_dimension", None)
        return int((dimension or model.get_sentence_embedding_dimension)())

    def texts(self, side: Side, selected: np.ndarray | None = None) -> list[str]:
        """What the model reads for one side: the sentences, or glosses of Chinese ones;
        "" (a zero vector, no model call) for sentences the mask ``selected`` leaves out."""
        read = readable_gloss if side.lang == "zh" and not self.multilingual else str
        selected = _known_mask(selected, len(side))
        return [read(s) if keep else "" for s, keep in zip(side.sentences, selected)]

    def features(self, src: Side, tgt: Side, src_rows: np.ndarray | None = None,
                 tgt_rows: np.ndarray | None = None) -> EmbeddingFeatures:
        """Embeddings of both sides; only of the sentences the boolean masks ``src_rows`` and
        ``tgt_rows`` select when given (the others are left out of every window)."""
        src_known, tgt_known = _known_mask(src_rows, len(src)), _known_mask(tgt_rows, len(tgt))
        src_texts, tgt_texts = self.texts(src, src_known), self.texts(tgt, tgt_known)
        vectors = self.encode(src_texts + tgt_texts)
        return EmbeddingFeatures(vectors[: len(src_texts)], vectors[len(src_texts) :],
                                 src_known, tgt_known)
