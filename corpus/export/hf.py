"""Hugging Face ``datasets`` export (``--format hf``).

DATASET_DIR layout (the hub's convention for a parquet dataset):

- ``data/{split}-{i:05d}-of-{n:05d}.parquet`` — the rows, written in batches with
  ``pyarrow.parquet.ParquetWriter`` (memory stays flat), at most ``shard_rows`` rows a shard;
- ``arrow/`` — the same ``DatasetDict`` saved with ``save_to_disk`` (load with
  ``datasets.load_from_disk(DATASET_DIR + "/arrow")``); built from the parquet shards, which
  ``datasets`` memory-maps;
- ``README.md`` — the dataset card (YAML header the hub reads, counts, score distribution,
  signatures);
- ``export_report.json`` — the export report.

The folder is built beside DATASET_DIR and moved into place at the end; an existing
DATASET_DIR is replaced only when it is empty or an earlier bitext export.

Columns: ``translation`` (``Translation(languages=["en", "zh"])``, as wmt19/opus100),
``doc_id``, ``src_lang``, ``src_ids``/``tgt_ids`` (int32 lists: the aligner's source and
target sentence ids), ``bead`` ("1-2"), ``score`` (float32), ``len_ratio`` (float32: en
characters / zh characters, 0 when a side is empty), ``status``, ``zh_lang`` ("zh-Hans" or
"zh-Hant": the characters the Chinese is written in); with raw filter scores kept, one float32
``filter_<name>`` column per filter.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from corpus.atomic import atomic_write_text
from corpus.errors import ConfigError
from corpus.export.card import ExportedFiles, dataset_card
from corpus.export.report import ExportReport
from corpus.export.rows import PairRow
from corpus.export.writer import Writer, filter_column

DATA = "data"
ARROW = "arrow"
REPORT = "export_report.json"
CARD = "README.md"


def features(extra_columns: tuple[str, ...] = ()) -> Any:
    """The ``datasets.Features`` of an exported dataset."""
    import datasets

    int_list = (
        datasets.List(datasets.Value("int32"))
        if hasattr(datasets, "List")
        else datasets.Sequence(datasets.Value("int32"))
    )
    columns: dict[str, Any] = {
        "translation": datasets.Translation(languages=["en", "zh"]),
        "doc_id": datasets.Value("string"),
        "src_lang": datasets.Value("string"),
        "src_ids": int_list,
        "tgt_ids": int_list,
        "bead": datasets.Value("string"),
        "score": datasets.Value("float32"),
        "len_ratio": datasets.Value("float32"),
        "status": datasets.Value("string"),
        "zh_lang": datasets.Value("string"),
    }
    for name in extra_columns:
        columns[filter_column(name)] = datasets.Value("float32")
    return datasets.Features(columns)


class _Shards:
    """Parquet shards of one split, filled batch by batch."""

    def __init__(self, folder: Path, split: str, extra_columns: tuple[str, ...],
                 shard_rows: int, batch_rows: int):
        self.folder, self.split = folder, split
        self.extra_columns = extra_columns
        self.schema = features(extra_columns).arrow_schema
        self.shard_rows, self.batch_rows = max(1, shard_rows), max(1, batch_rows)
        self.paths: list[Path] = []
        self.writer: Any = None
        self.in_shard = 0
        self.batch: dict[str, list[Any]] = {name: [] for name in self.schema.names}

    def add(self, row: PairRow) -> None:
        batch = self.batch
        batch["translation"].append({"en": row.en, "zh": row.zh})
        batch["doc_id"].append(row.doc_id)
        batch["src_lang"].append(row.src_lang)
        batch["src_ids"].append(row.src_ids)
        batch["tgt_ids"].append(row.tgt_ids)
        batch["bead"].append(row.bead)
        batch["score"].append(row.score)
        batch["len_ratio"].append(row.len_ratio)
        batch["status"].append(row.status)
        batch["zh_lang"].append(row.zh_lang)
        for name in self.extra_columns:
            batch[filter_column(name)].append(row.filter_scores.get(name, 0.0))
        if len(batch["doc_id"]) >= min(self.batch_rows, self.shard_rows - self.in_shard):
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        n = len(self.batch["doc_id"])
        if self.writer is None:
            path = self.folder / f"{self.split}-{len(self.paths):05d}.parquet.part"
            self.paths.append(path)
            self.writer = pq.ParquetWriter(path, self.schema)
            self.in_shard = 0
        if n:
            table = pa.Table.from_pydict(self.batch, schema=self.schema)
            self.writer.write_table(table)
            self.in_shard += n
            self.batch = {name: [] for name in self.schema.names}
        if self.in_shard >= self.shard_rows:
            self.writer.close()
            self.writer = None

    def close(self) -> list[Path]:
        if self.batch["doc_id"] or not self.paths:
            self.flush()
        if self.writer is not None:
            self.writer.close()
            self.writer = None
        total = len(self.paths)
        final = []
        for i, path in enumerate(self.paths):
            target = self.folder / f"{self.split}-{i:05d}-of-{total:05d}.parquet"
            os.replace(path, target)
            final.append(target)
        return final

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


class HfWriter(Writer):
    """A Hugging Face ``DatasetDict`` as parquet shards + ``save_to_disk`` + dataset card."""

    name = "hf"

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if self.out.exists() and not _replaceable(self.out):
            raise ConfigError(
                f"{self.out} exists and is not an earlier bitext export; refusing to overwrite"
            )
        self.tmp = self.out.with_name(f".{self.out.name}.tmp-{os.getpid()}")
        self.split_files: dict[str, list[str]] = {}

    def _begin(self, stack: ExitStack) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        (self.tmp / DATA).mkdir(parents=True)
        stack.push(lambda exc_type, *_: self.abort() if exc_type else None)

    def _open(self, stack: ExitStack, split: str) -> _Shards:
        options = self.options
        shards = _Shards(self.tmp / DATA, split, options.extra_columns, options.shard_rows,
                         options.batch_rows)
        stack.push(lambda exc_type, *_: shards.abort() if exc_type else None)
        return shards

    def _write_row(self, state: _Shards, row: PairRow) -> None:
        state.add(row)

    def _close(self, state: _Shards) -> None:
        paths = state.close()
        self.split_files[state.split] = [f"{DATA}/{p.name}" for p in paths]
        self.files += [str(self.out / DATA / p.name) for p in paths]

    def finalize(self, report: ExportReport) -> None:
        try:
            split_bytes = self._save_to_disk()
            files = sorted(f for paths in self.split_files.values() for f in paths)
            download_size = sum((self.tmp / f).stat().st_size for f in files)
            exported = ExportedFiles(self.split_files, features(self.options.extra_columns),
                                     split_bytes, download_size)
            card = dataset_card(report, exported, self.options)
            atomic_write_text(self.tmp / CARD, card)
            atomic_write_text(
                self.tmp / REPORT,
                json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n",
            )
            self._move_into_place()
        except BaseException:
            self.abort()
            raise

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _save_to_disk(self) -> dict[str, int]:
        """Build ``arrow/`` from the parquet shards (memory-mapped); bytes per split."""
        import datasets

        cache = self.tmp / ".cache"
        progress = datasets.utils.logging.is_progress_bar_enabled()
        datasets.utils.logging.disable_progress_bar()
        try:
            feats = features(self.options.extra_columns)
            splits = {
                split: datasets.Dataset.from_parquet(
                    [str(self.tmp / f) for f in files],
                    features=feats,
                    cache_dir=str(cache),
                    split=split,
                )
                if self.stats.splits.get(split)
                else datasets.Dataset.from_dict({k: [] for k in feats}, features=feats, split=split)
                for split, files in self.split_files.items()
            }
            dataset_dict = datasets.DatasetDict(splits)
            # an empty split needs one explicit shard, or load_from_disk cannot read it back
            shards = {split: 1 for split, ds in splits.items() if ds.num_rows == 0}
            dataset_dict.save_to_disk(str(self.tmp / ARROW), num_shards=shards or None)
            split_bytes = {split: int(ds.data.nbytes) for split, ds in splits.items()}
            del dataset_dict, splits
        finally:
            if progress:
                datasets.utils.logging.enable_progress_bar()
            shutil.rmtree(cache, ignore_errors=True)
        return split_bytes

    def _move_into_place(self) -> None:
        old = None
        if self.out.exists():
            old = self.out.with_name(f".{self.out.name}.old-{os.getpid()}")
            os.replace(self.out, old)
        os.replace(self.tmp, self.out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _replaceable(path: Path) -> bool:
    return path.is_dir() and (not any(path.iterdir()) or (path / REPORT).is_file())
