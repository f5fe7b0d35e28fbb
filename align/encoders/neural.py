"""Sentence-embedding encoder: cosine of (summed) sentence-transformers embeddings.

A multilingual model (LaBSE, paraphrase-multilingual-…, XLM-R based) embeds both sides as they
are. An English-only model (e.g. all-MiniLM-L6-v2) embeds the English side and a *readable
gloss* of the Chinese side: each jieba token replaced by the first clean sense of its
CC-CEDICT entry ("他说谁告诉你" → "he speak who press charges you"), particles dropped,
numbers and Latin kept.

Models load only from local files (a folder, or the local Hugging Face cache): nothing is ever
downloaded, and a missing model fails at once with ``ModelUnavailableError``.

The embedding of a window of sentences is the normalised sum of its sentence embeddings, so
every distinct sentence is encoded once; embeddings are cached on disk (``align.encoders.cache``).
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from align.encoders.base import Encoder, PairFeatures, SentenceSimilarity
from align.encoders.cache import EmbeddingCache
from align.encoders.lexical import chinese_number, chinese_tokens
from align.encoders.products import pair_products, window_members
from align.lexicon import (
    BRACKETED,
    NOT_A_SENSE,
    cedict_entries,
    dictionary_pieces,
    in_dictionary,
    is_surname,
    name_romanisations,
)
from corpus.document import Side
from corpus.errors import ConfigError, ModelUnavailableError

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "sentence-transformers/LaBSE"
MAX_GLOSS_WORDS = 64
# Encoding this many texts takes long enough to be worth a bar: about 8 s on two cores with
# the gloss model.
PROGRESS_MIN_TEXTS = 2000

_MULTILINGUAL_HINTS = re.compile(
    r"labse|multilingual|xlm|(^|[-_/])m3($|[-_/])|e5-multilingual|distiluse-base-multilingual",
    re.IGNORECASE,
)

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_KEPT_PUNCTUATION = {"？": "?", "?": "?", "！": "!", "!": "!"}


def is_multilingual(model: str) -> bool:
    """Guess from the name or folder whether a model embeds Chinese itself."""
    return bool(_MULTILINGUAL_HINTS.search(str(model)))


# --- readable CC-CEDICT gloss ---------------------------------------------------------------


def _readable_sense(definition: str) -> str:
    if NOT_A_SENSE.match(definition.strip()):
        return ""
    text = " ".join(BRACKETED.sub(" ", definition).split())
    text = re.sub(r"^to ", "", text.strip(" ,.;:~?!"))
    return text if re.search(r"[A-Za-z0-9]", text) else ""


# Grammatical particles and measure words: their dictionary senses would only add noise.
_NO_GLOSS = frozenset("了着过吗呢吧啊呀嘛哦的地得之个所把被们么")


@functools.lru_cache(maxsize=200_000)
def word_gloss(word: str) -> str:
    """The first clean sense of a word's main CC-CEDICT entry ("" for particles, unknowns).

    The main entry is the one with the most definitions (the common reading: 说 → shuo1
    "to speak", not shui4 "to persuade"), passing over surname-only entries (王 → "king").
    """
    if word in _NO_GLOSS:
        return ""
    best, best_size = "", 0
    for entry in cedict_entries().get(word, ()):
        if len(entry.definitions) <= best_size:
            continue
        for definition in entry.definitions:
            readable = next(filter(None, map(_readable_sense, re.split(r"[;,]", definition))), "")
            if readable:
                best, best_size = readable, len(entry.definitions)
                break
    return best


@functools.lru_cache(maxsize=200_000)
def _token_gloss(token: str) -> str:
    if token in _KEPT_PUNCTUATION:
        return _KEPT_PUNCTUATION[token]
    if not _HAN.search(token):
        return token if _LATIN_OR_DIGIT.search(token) else ""
    number = chinese_number(token)
    if number is not None:
        return number
    if in_dictionary(token):
        return word_gloss(token)
    pieces = dictionary_pieces(token)
    if len(pieces) == len(token) and 2 <= len(token) <= 3 and is_surname(token[0]):
        # An unknown run of single characters after a surname: most likely a name, written
        # as translations write it ("Wang Qiyao"). Other runs are words jieba joined that the
        # dictionary lacks (口中 "in the mouth", 不敢 "not dare"): their characters' glosses.
        names = name_romanisations(token)
        if names:
            return " ".join(name.capitalize() for name in names[1:])
    return " ".join(g for g in (word_gloss(p) for p in pieces) if g)


def readable_gloss(sentence: str, max_words: int = MAX_GLOSS_WORDS) -> str:
    """An English word-by-word reading of a Chinese sentence for an English sentence model."""
    words: list[str] = []
    for token in chinese_tokens(sentence):
        words.extend(_token_gloss(token).split())
        if len(words) >= max_words:
            break
    return " ".join(words[:max_words])


# --- model loading --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelSettings:
    """Everything that changes a model's vectors (part of the cache key)."""

    name: str
    device: str = "cpu"
    max_seq_length: int | None = 128
    quantize: bool = False

    @property
    def cache_id(self) -> str:
        name = self.name
        if Path(name).is_dir():
            name = str(Path(name).resolve())
        int8 = "per-channel" if self.quantize else "no"
        return f"{name}|len={self.max_seq_length}|int8={int8}"


_models: dict[ModelSettings, Any] = {}
_models_lock = threading.Lock()


def load_model(name: str, device: str = "cpu", max_seq_length: int | None = 128,
               quantize: bool = False) -> Any:
    """The SentenceTransformer ``name`` (a local folder or a model in the local HF cache).

    One object per model and settings; raises ModelUnavailableError at once, without network,
    when the model is not on this machine.
    """
    settings = ModelSettings(name, device, max_seq_length, quantize)
    with _models_lock:
        if settings not in _models:
            _models[settings] = _load(settings)
        return _models[settings]


def is_on_this_machine(name: str) -> bool:
    """Whether ``name`` is a local folder or has a config in the local Hugging Face cache.

    A quick look that imports neither torch nor sentence-transformers; ``load_model`` is the
    real check.
    """
    if Path(name).expanduser().is_dir():
        return True
    from huggingface_hub import try_to_load_from_cache

    try:
        return isinstance(try_to_load_from_cache(name, "config.json"), str)
    except ValueError:  # not a valid repository id either
        return False


def _unavailable(name: str, reason: str) -> ModelUnavailableError:
    reason = " ".join(str(reason).split())[:300]
    return ModelUnavailableError(
        f"model {name!r} is not available locally: {reason}; pass --model PATH to a local "
        "folder, or use --encoder lexical"
    )


def _load(settings: ModelSettings) -> Any:
    name = settings.name
    path = Path(name).expanduser()
    looks_like_path = path.is_absolute() or name.startswith((".", "~")) or path.exists()
    if looks_like_path and not path.is_dir():
        raise _unavailable(name, "no such folder")
    # Never reach for the hub: fail fast instead of hanging on a network that is not there.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise _unavailable(name, f"sentence-transformers is not installed ({exc})") from None
    check_device(settings.device)
    try:
        # Its "Loading weights" bar is noise in a CLI that says what it loads in one line.
        transformers_logging.disable_progress_bar()
        model = SentenceTransformer(
            str(path) if looks_like_path else name, device=settings.device, local_files_only=True
        )
    except Exception as exc:  # noqa: BLE001 - any loading failure means "not usable here"
        raise _unavailable(name, f"{type(exc).__name__}: {exc}") from None
    if settings.max_seq_length:
        model.max_seq_length = min(model.max_seq_length or settings.max_seq_length,
                                   settings.max_seq_length)
    model.eval()
    if settings.quantize:
        _quantize(model)
    logger.info("loaded sentence model %s (max_seq_length=%s, int8=%s)", name,
                model.max_seq_length, settings.quantize)
    return model


def check_device(device: str) -> None:
    """A device torch can run on here, or a one-line ConfigError saying what to pass."""
    import torch

    try:
        kind = torch.device(device).type
    except RuntimeError:
        raise ConfigError(f"unknown device {device!r}; use cpu, cuda, cuda:N or mps") from None
    usable = {"cuda": torch.cuda.is_available, "mps": torch.backends.mps.is_available}
    if kind in usable and not usable[kind]():
        raise ConfigError(f"device {device!r} is not available on this machine (no {kind} in "
                          f"this torch build or no such hardware); use --device cpu")


def _quantize(model: Any) -> None:
    """Make the model's linear layers int8 (dynamic: activations scaled per batch), in place.

    Per-channel weight scales (one a matrix row) keep the embeddings close to float32: mean
    cosine 0.975 on Bible texts against 0.938 with one scale a matrix.
    """
    import torch

    with warnings.catch_warnings():
        # torch.ao quantization is deprecated upstream but works in the pinned torch; the
        # warnings would tell a user of the CLI nothing they could act on.
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*quantize_per_channel.*deprecated")
        torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear: torch.ao.quantization.per_channel_dynamic_qconfig},
            dtype=torch.qint8, inplace=True,
        )


# --- features -------------------------------------------------------------------------------


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(norms > 0, vectors / norms, 0.0).astype(np.float32)


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
        self._src_windows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._tgt_windows: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    @staticmethod
    def _window(vectors: np.ndarray, known: np.ndarray, cache: dict, size: int
                ) -> tuple[np.ndarray, np.ndarray]:
        """Normalised window vectors, and which windows have no evidence."""
        if size not in cache:
            summed = _window_sums(vectors.astype(np.float64), size).astype(np.float32)
            unknown = _window_sums((~known).astype(np.float64)[:, np.newaxis], size)[:, 0] > 0
            cache[size] = (_normalise(summed), unknown | (np.linalg.norm(summed, axis=1) < 1e-6))
        return cache[size]

    def _src(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        return self._window(self.src, self.src_known, self._src_windows, size)

    def _tgt(self, size: int) -> tuple[np.ndarray, np.ndarray]:
        return self._window(self.tgt, self.tgt_known, self._tgt_windows, size)

    def similarity(self, src_start, src_size, tgt_start, tgt_size):
        return _cosines(self._src(src_size), src_start, self._tgt(tgt_size), tgt_start)[np.newaxis, :]

    def sentence_similarity(self, src_start, src_size, tgt_start, tgt_size) -> SentenceSimilarity:
        """Each sentence's cosine with the window opposite: a sentence that does not belong
        hardly moves a window's summed vector, but its own cosine shows it."""
        src_rows, tgt_windows = window_members(src_start, src_size, tgt_start)
        tgt_rows, src_windows = window_members(tgt_start, tgt_size, src_start)
        src = _cosines(self._src(1), src_rows, self._tgt(tgt_size), tgt_windows)
        tgt = _cosines(self._tgt(1), tgt_rows, self._src(src_size), src_windows)
        return SentenceSimilarity(src.reshape(1, src_size, -1), tgt.reshape(1, tgt_size, -1))

    def coarsen(self, factor: int) -> EmbeddingFeatures:
        return EmbeddingFeatures(
            _block_sums(self.src, factor), _block_sums(self.tgt, factor),
            _blocks_all(self.src_known, factor), _blocks_all(self.tgt_known, factor),
        )


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


def _window_sums(rows: np.ndarray, size: int) -> np.ndarray:
    """Sums of ``size`` consecutive rows (one a window start)."""
    if size > len(rows):
        return np.zeros((0, rows.shape[1]), rows.dtype)
    cumulative = np.zeros((len(rows) + 1, rows.shape[1]), np.float64)
    np.cumsum(rows, axis=0, out=cumulative[1:])
    return cumulative[size:] - cumulative[:-size]


def _block_starts(n_rows: int, factor: int) -> np.ndarray:
    return np.arange(0, n_rows, factor)


def _block_sums(vectors: np.ndarray, factor: int) -> np.ndarray:
    if not len(vectors):
        return vectors
    starts = _block_starts(len(vectors), factor)
    return _normalise(np.add.reduceat(vectors.astype(np.float64), starts, axis=0))


def _blocks_all(known: np.ndarray, factor: int) -> np.ndarray:
    if not len(known):
        return known
    return np.minimum.reduceat(known, _block_starts(len(known), factor))


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
        self.settings = ModelSettings(self.model, device, max_seq_length, quantize)
        self.threads = threads
        self._cache: EmbeddingCache | None = None

    @property
    def model_id(self) -> str:
        model, path = self.model, Path(self.model)
        if path.is_dir():  # a folder: its name (its parent's for a bare ".../model")
            model = path.resolve().parent.name if path.name == "model" else path.name
        if not self.multilingual:
            model += "+cedict-gloss"
        return model + "+int8" if self.settings.quantize else model

    def load(self) -> Any:
        return load_model(self.settings.name, self.settings.device,
                          self.settings.max_seq_length, self.settings.quantize)

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
        parts = [
            model.encode([texts[i] for i in rows], batch_size=len(rows), show_progress_bar=False,
                         convert_to_numpy=True, normalize_embeddings=True)
            for rows in tqdm(batches, desc="encoding", unit="batch", disable=not show)
        ]
        vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
        vectors[np.concatenate(batches)] = np.concatenate(parts)
        return vectors

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
