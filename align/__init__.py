"""Sentence alignment: encoders, the dynamic program, bead scores; and the Python API.

``from align import align_texts, align_files`` — the API functions load on first use, so that
``import align`` stays cheap (no torch, datasets, jieba or sentence-transformers until a call
needs them).
"""

from __future__ import annotations

from typing import Any

_API = ("Alignment", "align_files", "align_sides", "align_texts", "aligner")

__all__ = list(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        from align import api

        return getattr(api, name)
    raise AttributeError(f"module 'align' has no attribute {name!r}")
