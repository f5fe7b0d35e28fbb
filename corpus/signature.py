"""A record of what produced an output, stamped on every export and report (after sacrebleu)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any


def package_version() -> str:
    try:
        return metadata.version("bitext")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass(frozen=True)
class Signature:
    """Version, encoder, model and aligner settings behind an alignment.

    ``str(signature)`` is the compact one-line form, e.g.
    ``bitext:0.1.0|encoder:lexical|model:cc-cedict-2023-11-07|max_bead:4|band:...``.
    """

    encoder: str
    model: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    version: str = field(default_factory=package_version)

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "encoder": self.encoder,
            "model": self.model,
            "settings": dict(self.settings),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signature:
        return cls(
            encoder=str(data.get("encoder", "unknown")),
            model=str(data.get("model", "unknown")),
            settings=dict(data.get("settings", {})),
            version=str(data.get("version", "0+unknown")),
        )

    def __str__(self) -> str:
        parts = [f"bitext:{self.version}", f"encoder:{self.encoder}", f"model:{self.model}"]
        parts += [f"{key}:{value}" for key, value in sorted(self.settings.items())]
        return "|".join(parts)
