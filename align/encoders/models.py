"""Sentence-transformers models: loading from local files only, the device they run on, int8.

Models load only from local files (a folder, or the local Hugging Face cache): nothing is ever
downloaded, and a missing model fails at once with ``ModelUnavailableError``. One object is
kept per model and settings.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import ConfigError, ModelUnavailableError

logger = logging.getLogger(__name__)

_MULTILINGUAL_HINTS = re.compile(
    r"labse|multilingual|xlm|(^|[-_/])m3($|[-_/])|e5-multilingual|distiluse-base-multilingual",
    re.IGNORECASE,
)


def is_multilingual(model: str) -> bool:
    """Guess from the name or folder whether a model embeds Chinese itself."""
    return bool(_MULTILINGUAL_HINTS.search(str(model)))


@dataclass(frozen=True)
class ModelSettings:
    """Everything that changes a model's vectors (part of the cache key)."""

    name: str
    device: str = "cpu"
    max_seq_length: int | None = 128
    quantize: bool = False
    precision: str = "float32"  # or "bfloat16": the model runs under autocast (PRECISIONS)

    @property
    def cache_id(self) -> str:
        name = self.name
        if Path(name).is_dir():
            name = str(Path(name).resolve())
        int8 = "per-channel" if self.quantize else "no"
        bf16 = "|bf16" if self.precision == "bfloat16" else ""
        return f"{name}|len={self.max_seq_length}|int8={int8}{bf16}"


PRECISIONS = ("auto", "float32", "bfloat16")


def resolve_precision(precision: str, device: str, quantize: bool = False) -> str:
    """"float32" or "bfloat16". "auto" is bfloat16 on a CPU that multiplies bfloat16
    matrices natively (AMX or AVX-512 BF16: about twice as fast as float32, cosines within
    1e-4 of it), float32 elsewhere (emulated bfloat16 is slower than float32)."""
    if precision not in PRECISIONS:
        raise ConfigError(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
    if precision == "auto":
        fast = device == "cpu" and not quantize and cpu_multiplies_bfloat16()
        return "bfloat16" if fast else "float32"
    if precision == "bfloat16" and quantize:
        raise ConfigError("int8 (quantize) and bfloat16 exclude each other")
    return precision


def cpu_multiplies_bfloat16() -> bool:
    """Whether this CPU has bfloat16 matrix instructions (Linux: its /proc/cpuinfo flags)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return bool(flags & {"amx_bf16", "avx512_bf16"})
    except OSError:
        pass
    return False


_models: dict[ModelSettings, Any] = {}
_models_lock = threading.Lock()


def load_model(name: str, device: str = "cpu", max_seq_length: int | None = 128,
               quantize: bool = False, precision: str = "float32") -> Any:
    """The SentenceTransformer ``name`` (a local folder or a model in the local HF cache).

    One object per model and settings; raises ModelUnavailableError at once, without network,
    when the model is not on this machine.
    """
    settings = ModelSettings(name, device, max_seq_length, quantize, precision)
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
    logger.info("loaded sentence model %s (max_seq_length=%s, int8=%s, %s)", name,
                model.max_seq_length, settings.quantize, settings.precision)
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
