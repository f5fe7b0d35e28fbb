"""The dataset card (``README.md``) of an HF export: the YAML header the hub reads, then
counts, the score distribution and the bitext signatures of the inputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from corpus.export.report import ExportReport

if TYPE_CHECKING:
    from corpus.export.writer import WriteOptions

SIZE_CATEGORIES = (
    (1_000, "n<1K"),
    (10_000, "1K<n<10K"),
    (100_000, "10K<n<100K"),
    (1_000_000, "100K<n<1M"),
    (10_000_000, "1M<n<10M"),
    (100_000_000, "10M<n<100M"),
    (1_000_000_000, "100M<n<1B"),
    (10_000_000_000, "1B<n<10B"),
)


def size_category(n: int) -> str:
    """The hub's size_categories bucket for n examples."""
    for bound, label in SIZE_CATEGORIES:
        if n < bound:
            return label
    return "n>1T"


@dataclass(frozen=True)
class ExportedFiles:
    """What an HF export wrote, as its card describes it."""

    split_files: Mapping[str, list[str]]  # split → its Parquet files
    features: Any  # datasets.Features
    split_bytes: Mapping[str, int]
    download_size: int


def card_metadata(report: ExportReport, files: ExportedFiles, options: WriteOptions
                  ) -> dict[str, Any]:
    """The YAML header as a dict (hub keys: language, license, task_categories, …)."""
    split_files = files.split_files
    splits = [s for s in split_files if report.splits.get(s, 0) or len(split_files) == 1]
    info: dict[str, Any] = {"features": files.features._to_yaml_list()}
    info["splits"] = [
        {
            "name": split,
            "num_bytes": int(files.split_bytes.get(split, 0)),
            "num_examples": int(report.splits.get(split, 0)),
        }
        for split in splits
    ]
    info["download_size"] = int(files.download_size)
    info["dataset_size"] = int(sum(files.split_bytes.values()))
    meta: dict[str, Any] = {
        "language": ["en", "zh"],
        "license": options.license,
        "task_categories": ["translation"],
        "size_categories": [size_category(report.rows_written)],
        "tags": ["bitext", "sentence-alignment", "parallel-corpus"],
    }
    if options.pretty_name:
        meta["pretty_name"] = options.pretty_name
    meta["dataset_info"] = info
    meta["configs"] = [
        {
            "config_name": "default",
            "data_files": [
                {"split": split, "path": f"data/{split}-*"} for split in splits
            ],
        }
    ]
    return meta


def dataset_card(report: ExportReport, files: ExportedFiles, options: WriteOptions) -> str:
    import yaml

    meta = card_metadata(report, files, options)
    header = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False)
    title = options.pretty_name or "bitext en–zh parallel sentences"
    license_note = (
        "**License: not set.** Fill in `license:` above with the license of the source texts "
        "before publishing; the alignment adds no rights of its own."
        if options.license in ("unknown", "other")
        else f"License: `{options.license}`."
    )
    signatures = "\n".join(f"- `{s}`" for s in report.signatures) or "- (none)"
    filters = ", ".join(f"`{f}`" for f in report.filters) or "none"
    docs = "\n".join(
        f"- {split}: {', '.join(f'`{d}`' for d in ids)}"
        for split, ids in report.docs_per_split.items()
    )
    loading = ", ".join(f'"{s}": "data/{s}-*.parquet"' for s in files.split_files)
    return f"""---
{header}---

# {title}

English–Chinese sentence pairs aligned with bitext
(`bitext export --format hf`). Each row is one alignment bead: the `translation` column holds
the English and Chinese text (`{{"en": ..., "zh": ...}}`, as wmt19/opus100 zh-en).

{license_note}

## Loading

```python
from datasets import load_dataset, load_from_disk
ds = load_dataset("parquet", data_files={{{loading}}})
# or, from this folder: load_from_disk("arrow")
```

## Columns

| column | meaning |
|---|---|
| `translation` | `{{"en": str, "zh": str}}`; a side is "" in a deletion bead (1-0 / 0-1) |
| `doc_id` | the aligned document the pair comes from (splits never share a document) |
| `src_lang` | which language was the aligner's source side |
| `src_ids`, `tgt_ids` | 0-based sentence ids of the source / target side in the document |
| `bead` | bead type, source sentences - target sentences, e.g. `1-2` |
| `score` | alignment confidence in [0, 1] (float32) |
| `len_ratio` | English characters / Chinese characters (code points); 0 when a side is empty |
| `status` | review status: `auto`, `confirmed` or `rejected` |
| `zh_lang` | the Chinese script as written: `zh-Hans` (Simplified) or `zh-Hant` (Traditional) |

## Export

Filters: {filters}. Split: `{report.split}` (seed {report.seed}; documents hashed with the
seed, a lone document goes to train).

{report.to_markdown()}

Documents per split:

{docs}

## Bitext signatures of the inputs

{signatures}
"""
