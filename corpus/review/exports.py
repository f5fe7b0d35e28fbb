"""The review screen's exports: OUT_DIR through ``corpus.export`` into OUT_DIR/exports/."""

from __future__ import annotations

import json
import re
from pathlib import Path

from corpus.outdir import META

EXPORTS_DIR = "exports"


def export_outdir(out_dir: str | Path, fmt: str, confirmed_only: bool = False) -> list[Path]:
    """Export OUT_DIR with ``corpus.export`` into OUT_DIR/exports/; returns the path written.

    The review screen writes no format itself: it calls the export package with the defaults
    of ``bitext export`` (rejected beads dropped; review status carried in every format), so
    the files are what ``bitext export OUT_DIR --format FMT`` makes. Names:
    ``exports/<doc_id>[.confirmed].<fmt>`` (hf: a dataset folder ``<doc_id>[.confirmed].hf``).
    """
    from corpus.export import ExportOptions, default_filters, export
    from corpus.export.registry import writer_class

    writer_class(str(fmt))  # an unknown format fails before any folder is made
    out = Path(out_dir)
    meta_path = out / META
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    name = re.sub(r"[^\w.-]+", "_", str(meta.get("doc_id") or out.resolve().name)).lstrip(".")
    name = (name or "export") + (".confirmed" if confirmed_only else "")
    target = out / EXPORTS_DIR / f"{name}.{fmt}"
    target.parent.mkdir(exist_ok=True)
    options = ExportOptions(
        format=fmt, filters=tuple(default_filters(confirmed_only=confirmed_only))
    )
    export([out], target, options)
    return [target]
