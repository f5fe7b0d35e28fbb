"""Export aligned documents (datasets, TMX, Moses, TSV, JSONL, XLIFF) and import pairs.

The common core is a lazy stream of ``PairRow`` (``rows.py``): readers produce it (OUT_DIRs,
``importers.py``), filters pass it (``filters.py``), writers consume it (``writer.py`` the
base, ``formats.py`` and ``hf.py`` the formats, ``registry.py`` them all by name; texts
escaped by ``escaping.py``). Importing this package is cheap: pyarrow/datasets load inside
the HF writer.
"""

from __future__ import annotations

from corpus.export.filters import Filter, FilterChain, build_filter, default_filters
from corpus.export.importers import IMPORT_FORMATS, import_files, map_lang, read_rows
from corpus.export.pipeline import ExportOptions, export, export_rows
from corpus.export.registry import EXPORT_FORMATS, writer_class
from corpus.export.report import ExportReport
from corpus.export.rows import DocSource, PairRow
from corpus.export.splits import SplitSpec, assign_splits
from corpus.export.writer import WriteOptions, Writer

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "DocSource",
    "ExportOptions",
    "ExportReport",
    "Filter",
    "FilterChain",
    "PairRow",
    "SplitSpec",
    "WriteOptions",
    "Writer",
    "assign_splits",
    "build_filter",
    "default_filters",
    "export",
    "export_rows",
    "import_files",
    "map_lang",
    "read_rows",
    "writer_class",
]
