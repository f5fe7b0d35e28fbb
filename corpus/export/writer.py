"""The writers' shared base (sacrebleu style) and their settings.

``Writer.write(rows)`` takes ``(split, PairRow)`` pairs and owns the loop, the counting, the
skipping of deletions a format cannot hold and the atomic files; a format only fills hooks:
``_open(stack, split)`` (open the split's files, write headers; returns a state),
``_write_row(state, row)`` and ``_close(state)`` (footers). The formats are in ``formats.py``
(text files) and ``hf.py`` (datasets); ``registry.py`` knows them all.

File names: without ``--split`` the output is ``-o`` itself (Moses: ``-o NAME`` gives
``NAME.en`` and ``NAME.zh``); with several splits the split goes before the suffix
(``out.train.tmx``, ``NAME.train.en``). The export report goes beside, as
``<output>.export_report.json`` (HF: ``DATASET_DIR/export_report.json``).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

from corpus.atomic import atomic_open
from corpus.errors import ConfigError
from corpus.export.report import ExportReport, RowStats
from corpus.export.rows import DocInfo, PairRow
from corpus.lang.variants import language_tag


@dataclass(frozen=True)
class WriteOptions:
    """Settings shared by writers; each uses what applies to it."""

    zh_tag: str | None = None  # None: "zh-Hans" or "zh-Hant", as each document is written
    en_tag: str = "en-US"
    keep_deletions: bool | None = None  # None: the format's default
    extra_columns: tuple[str, ...] = ()  # raw filter scores (TSV header, HF schema)
    shard_rows: int = 500_000  # HF: rows per parquet shard
    batch_rows: int = 10_000  # HF: rows per parquet row group
    license: str = "unknown"  # HF card
    pretty_name: str = ""  # HF card

    def lang_tag(self, lang: str, zh_script: str) -> str:
        """The xml:lang of ``lang`` in a document whose Chinese is written in ``zh_script``."""
        if lang == "en":
            return self.en_tag
        return self.zh_tag or language_tag("zh", zh_script)


def filter_column(name: str) -> str:
    """The column holding the raw score of an ``extra_columns`` filter."""
    return f"filter_{name}"


class Writer(ABC):
    """Consume ``(split, PairRow)`` pairs into one format."""

    name: ClassVar[str]
    #: False for formats where a unit needs both languages (deletions are skipped, counted).
    holds_deletions: ClassVar[bool] = True

    def __init__(
        self,
        out: str | Path,
        docs: Sequence[DocInfo],
        options: WriteOptions | None = None,
        splits: Sequence[str] = ("train",),
    ):
        self.out = Path(out)
        self.docs = list(docs)
        self.options = options or WriteOptions()
        self.splits = tuple(splits)
        self.stats = RowStats()
        self.files: list[str] = []
        keep = self.options.keep_deletions
        self.keep_deletions = self.holds_deletions if keep is None else keep
        if self.keep_deletions and not self.holds_deletions:
            raise ConfigError(f"{self.name} needs both languages in a unit; cannot keep deletions")

    # -- the public method -------------------------------------------------------------------
    def write(self, rows: Iterable[tuple[str, PairRow]]) -> RowStats:
        """Write every row to its split's files (atomically); returns the counts."""
        with ExitStack() as stack:
            self._begin(stack)
            states: dict[str, Any] = {}
            for split, row in rows:
                if row.is_deletion and not self.keep_deletions:
                    self.stats.skipped_deletions += 1
                    continue
                state = states.get(split)
                if state is None:
                    state = states[split] = self._open(stack, split)
                self._write_row(state, row)
                self.stats.add(split, row)
            if not states:  # an empty but valid file, so the output exists
                states[self.splits[0]] = self._open(stack, self.splits[0])
            for state in states.values():
                self._close(state)
        return self.stats

    def finalize(self, report: ExportReport) -> None:
        """After the report is known: file formats write it beside the output."""
        from corpus.atomic import atomic_write_text

        path = self.out.with_name(self.out.name + ".export_report.json")
        atomic_write_text(path, json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")

    def abort(self) -> None:  # noqa: B027 — an optional hook
        """Called when the export fails after ``write``; atomic files need nothing."""

    # -- hooks ---------------------------------------------------------------------------------
    def _begin(self, stack: ExitStack) -> None:  # noqa: B027 — an optional hook
        """Before the first row."""

    @abstractmethod
    def _open(self, stack: ExitStack, split: str) -> Any: ...

    @abstractmethod
    def _write_row(self, state: Any, row: PairRow) -> None: ...

    def _close(self, state: Any) -> None:  # noqa: B027 — an optional hook
        """Write footers."""

    # -- helpers -------------------------------------------------------------------------------
    def path_for(self, split: str, suffix: str = "") -> Path:
        base = self.out
        if len(self.splits) > 1:
            if suffix or not base.suffix:
                base = base.with_name(f"{base.name}.{split}")
            else:
                base = base.with_name(f"{base.stem}.{split}{base.suffix}")
        return base.with_name(base.name + suffix) if suffix else base

    def _file(self, stack: ExitStack, path: Path) -> IO[str]:
        self.files.append(str(path))
        return stack.enter_context(atomic_open(path, "w"))

    @property
    def src_lang(self) -> str:
        """The source language of the inputs: the first document's source side."""
        return self.docs[0].src_lang if self.docs else "en"

    @property
    def zh_script(self) -> str:
        """The script the inputs' Chinese is written in; "" when they differ."""
        scripts = {doc.zh_script for doc in self.docs} or {DocInfo.zh_script}
        return scripts.pop() if len(scripts) == 1 else ""
