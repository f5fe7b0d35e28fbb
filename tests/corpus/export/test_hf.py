"""HF datasets export: parquet shards, save_to_disk copy, card, report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from corpus.errors import ConfigError
from corpus.export import ExportOptions, SplitSpec, WriteOptions, default_filters, export
from corpus.export.card import size_category
from corpus.outdir import read_outdir


def _alignment_rows(*dirs: Path) -> dict[tuple[str, tuple[int, ...]], dict]:
    """The non-rejected beads of the OUT_DIRs, keyed by (doc_id, src ids)."""
    rows = {}
    for out in dirs:
        doc = read_outdir(out)
        zh_side = doc.src if doc.src.lang == "zh" else doc.tgt
        for bead in doc.beads:
            if bead.status == "rejected":
                continue
            src, tgt = doc.bead_texts(bead)
            en, zh = (src, tgt) if doc.src.lang == "en" else (tgt, src)
            rows[(doc.doc_id, bead.src)] = {
                "translation": {"en": en, "zh": zh}, "tgt_ids": list(bead.tgt),
                "score": bead.score, "bead": bead.kind, "status": bead.status,
                "zh_lang": f"zh-{zh_side.script}",
            }
    return rows


def _check(rows: list[dict], expected: dict) -> None:
    assert len(rows) == len(expected)
    for row in rows:
        want = expected[(row["doc_id"], tuple(row["src_ids"]))]
        assert row["translation"] == want["translation"]
        assert row["tgt_ids"] == want["tgt_ids"]
        assert row["score"] == pytest.approx(want["score"], abs=1e-6)
        assert (row["bead"], row["status"]) == (want["bead"], want["status"])
        assert row["zh_lang"] == want["zh_lang"]


def _card(dataset: Path) -> dict:
    text = (dataset / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_hf_export_loads_back(tmp_path: Path, novel_dir: Path, news_dir: Path) -> None:
    import datasets

    out = tmp_path / "dataset"
    options = ExportOptions(format="hf", split=SplitSpec.parse("train=0.5,test=0.5", seed=1))
    report = export([novel_dir, news_dir], out, options)
    expected = _alignment_rows(novel_dir, news_dir)
    assert report.rows_written == len(expected) == 8

    shards = sorted(p.name for p in (out / "data").iterdir())
    splits_used = [s for s, n in report.splits.items() if n]
    assert shards == sorted(f"{s}-00000-of-00001.parquet" for s in splits_used)
    loaded = datasets.load_dataset(
        "parquet",
        data_files={s: str(out / "data" / f"{s}-*.parquet") for s in splits_used},
        cache_dir=str(tmp_path / "cache"),
    )
    assert isinstance(loaded[splits_used[0]].features["translation"], datasets.Translation)
    _check([row for s in splits_used for row in loaded[s]], expected)

    from_disk = datasets.load_from_disk(str(out / "arrow"))
    assert sorted(from_disk) == sorted(splits_used)
    _check([row for s in splits_used for row in from_disk[s]], expected)
    # each document lies wholly in one split
    for split in splits_used:
        docs = set(from_disk[split]["doc_id"])
        assert docs == set(report.docs_per_split[split])

    card = _card(out)
    assert card["language"] == ["en", "zh"]
    assert card["task_categories"] == ["translation"]
    assert card["size_categories"] == ["n<1K"]
    assert card["license"] == "unknown"
    info = card["dataset_info"]
    assert info["features"][0] == {
        "name": "translation", "dtype": {"translation": {"languages": ["en", "zh"]}}
    }
    assert {s["name"]: s["num_examples"] for s in info["splits"]} == {
        s: report.splits[s] for s in splits_used
    }
    assert card["configs"][0]["data_files"] == [
        {"split": s, "path": f"data/{s}-*"} for s in splits_used
    ]
    body = (out / "README.md").read_text(encoding="utf-8")
    assert "encoder:lexical|model:cc-cedict-test" in body
    assert "| dropped by drop-rejected | 2 |" in body and "q50" in body

    saved = json.loads((out / "export_report.json").read_text(encoding="utf-8"))
    assert saved["rows_in"] == 10 and saved["dropped"] == {"drop-rejected": 2}


def test_hf_single_document_is_train_and_shards(tmp_path: Path, novel_dir: Path) -> None:
    import datasets

    out = tmp_path / "ds"
    options = ExportOptions(
        format="hf",
        split=SplitSpec.parse("train=0.9,validation=0.05,test=0.05"),
        filters=tuple(default_filters(drop_deletions=True)),
        keep_filter_scores=True,
        write=WriteOptions(shard_rows=2, batch_rows=1, license="cc-by-4.0"),
    )
    report = export([novel_dir], out, options)
    assert report.splits == {"train": 3, "validation": 0, "test": 0}
    assert report.dropped == {"drop-rejected": 1, "drop-deletions": 1}
    assert sorted(p.name for p in (out / "data").iterdir()) == [
        "train-00000-of-00002.parquet", "train-00001-of-00002.parquet"
    ]
    ds = datasets.load_from_disk(str(out / "arrow"))
    assert list(ds) == ["train"] and ds["train"].num_rows == 3
    assert "filter_drop_deletions" in ds["train"].column_names
    card = _card(out)
    assert card["license"] == "cc-by-4.0"
    assert [s["name"] for s in card["dataset_info"]["splits"]] == ["train"]
    # a second export replaces the first
    export([novel_dir], out, options)
    with pytest.raises(ConfigError, match="refusing to overwrite"):
        (tmp_path / "other").mkdir()
        (tmp_path / "other" / "keep.txt").write_text("x")
        export([novel_dir], tmp_path / "other", options)
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


@pytest.mark.parametrize(
    ("n", "label"),
    [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (50_000, "10K<n<100K"),
     (1_000_000, "1M<n<10M")],
)
def test_size_category(n: int, label: str) -> None:
    assert size_category(n) == label


def test_hf_export_with_every_row_filtered(tmp_path: Path, novel_dir: Path) -> None:
    import datasets

    options = ExportOptions(filters=tuple(default_filters(min_score=2.0)))
    report = export([novel_dir], tmp_path / "empty", options)
    assert report.rows_written == 0 and report.dropped["min-score"] == 4
    assert datasets.load_from_disk(str(tmp_path / "empty" / "arrow"))["train"].num_rows == 0
    card = _card(tmp_path / "empty")
    assert card["dataset_info"]["splits"] == [
        {"name": "train", "num_bytes": 0, "num_examples": 0}
    ]


def test_hf_export_records_traditional_chinese(tmp_path: Path, tales_dir: Path) -> None:
    import datasets

    out = tmp_path / "dataset"
    export([tales_dir], out, ExportOptions(format="hf"))
    rows = list(datasets.load_from_disk(str(out / "arrow"))["train"])
    _check(rows, _alignment_rows(tales_dir))
    assert [(r["translation"]["zh"], r["zh_lang"]) for r in rows] == [
        ("後來她把頭髮剪短了。", "zh-Hant"), ("衣服乾了。", "zh-Hant")]
    assert "| `zh_lang` |" in (out / "README.md").read_text(encoding="utf-8")
