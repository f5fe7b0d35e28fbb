"""The Python API: the same alignment as ``bitext align``, as rows and as a Dataset."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from align import Alignment, align_files, align_texts
from corpus.errors import ConfigError, UnknownChoiceError

ZH = """那天晚上我没走掉。陈清扬把我拽住，以伟大友谊的名义叫我留下来。

她说我的友谊是假的。我问她：“你为什么相信我？”

我们在河边建了一座新图书馆，它有三百万本书。天亮了。
"""
EN = """I did not leave that night. Chen Qingyang held me back and asked me to stay in the name of our great friendship.

She said my friendship was fake. I asked her: “Why do you believe me?”

We built a new library by the river. It holds three million books. Day broke.
"""


def test_align_texts_gives_one_pair_per_bead_in_order():
    doc = align_texts(ZH, EN, encoder="lexical")
    pairs = doc.pairs()
    assert [p.bead for p in pairs] == ["1-1", "1-1", "1-1", "1-1", "1-2", "1-1"]
    assert pairs[4].zh == "我们在河边建了一座新图书馆，它有三百万本书。"
    assert pairs[4].en == "We built a new library by the river. It holds three million books."
    assert all(0.0 <= p.score <= 1.0 for p in pairs)
    assert [p.score for p in pairs] == [b.score for b in doc.beads]
    assert doc.src.lang == "zh" and doc.src.paragraphs == (0, 0, 1, 1, 2, 2)


def test_the_default_is_the_cli_default():
    doc = align_texts(ZH, EN)
    # auto: no LaBSE on this machine, a short document -> hybrid with the shipped MiniLM.
    assert doc.signature.encoder == "hybrid"
    # A short document: 1-5 beads (the signature says what was used, not "auto").
    assert doc.signature.settings["max_bead"] == 5


def test_to_dataset_has_the_translation_column_and_the_export_columns():
    datasets = pytest.importorskip("datasets")
    doc = align_texts(ZH, EN, encoder="lexical", doc_id="story")
    ds = doc.to_dataset()
    assert isinstance(ds, datasets.Dataset) and len(ds) == len(doc.beads)
    assert ds.column_names == ["translation", "doc_id", "src_lang", "src_ids", "tgt_ids",
                               "bead", "score", "len_ratio", "status", "zh_lang"]
    assert ds[4]["translation"] == {"en": doc.pairs()[4].en, "zh": doc.pairs()[4].zh}
    assert ds[4]["src_ids"] == [4] and ds[4]["tgt_ids"] == [4, 5]
    assert set(ds["doc_id"]) == {"story"}


def test_align_files_writes_what_the_cli_writes(tmp_path):
    from scripts.cli import main

    zh, en = tmp_path / "story.zh.txt", tmp_path / "story.en.txt"
    zh.write_text(ZH, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    doc = align_files(en, zh, encoder="lexical", out_dir=tmp_path / "api")
    assert isinstance(doc, Alignment) and doc.doc_id == "story" and doc.src.lang == "en"
    assert main(["align", str(en), str(zh), "--encoder", "lexical", "-o", str(tmp_path / "cli")]) == 0
    for name in ("src.sents", "tgt.sents", "alignment.align", "pairs.jsonl"):
        assert (tmp_path / "api" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes()
    api_meta = json.loads((tmp_path / "api" / "meta.json").read_text(encoding="utf-8"))
    cli_meta = json.loads((tmp_path / "cli" / "meta.json").read_text(encoding="utf-8"))
    assert api_meta == cli_meta


def test_bad_options_raise_the_library_errors():
    with pytest.raises(UnknownChoiceError, match="valid choices: auto, hybrid, lexical, neural"):
        align_texts(ZH, EN, encoder="lexicon")
    with pytest.raises(ConfigError, match="at least 1"):
        align_texts(ZH, EN, encoder="lexical", max_bead=0)


def test_importing_the_api_loads_no_heavy_package():
    code = ("import sys, align; from align import align_texts, align_files; "
            "print(sorted(m for m in ('torch', 'datasets', 'jieba', 'sentence_transformers', "
            "'starlette', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
