"""INPUT layouts → document pairs: gold-set folders, pairs by name, manifests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from align.batch.inputs import find_documents
from corpus.errors import InputError


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n", encoding="utf-8")


def test_gold_set_layout_pairs_by_name_and_ignores_other_folders(tmp_path):
    touch(tmp_path, "zh/001", "en/001", "zh/002", "en/002", "zh/003", "gold/001.align",
          "en/.hidden")
    batch = find_documents(tmp_path)
    assert batch.layout == "gold-set"
    assert [(p.id, p.src.parent.name, p.tgt.parent.name) for p in batch.pairs] == [
        ("001", "zh", "en"), ("002", "zh", "en")]
    assert [(u.id, bool(u.src), bool(u.tgt)) for u in batch.unpaired] == [("003", True, False)]


def test_pairs_by_name_in_nested_folders(tmp_path):
    touch(tmp_path, "news/a.zh.txt", "news/a.en.txt", "b.zh.md", "b.en.md", "c.zh", "c.en",
          "d.en.txt", "notes.txt", ".git/e.zh.txt", ".git/e.en.txt")
    batch = find_documents(tmp_path)
    assert batch.layout == "by-name"
    assert {p.id: (p.src.name, p.tgt.name) for p in batch.pairs} == {
        "b": ("b.zh.md", "b.en.md"), "c": ("c.zh", "c.en"), "news/a": ("a.zh.txt", "a.en.txt")}
    assert [u.id for u in batch.unpaired] == ["d"]


def test_two_files_of_one_language_for_a_name_is_an_error(tmp_path):
    touch(tmp_path, "a.zh.txt", "a.zh.md", "a.en.txt")
    with pytest.raises(InputError, match="two zh files for 'a'"):
        find_documents(tmp_path)


@pytest.mark.parametrize("suffix", [".tsv", ".csv", ".jsonl"])
def test_manifests_resolve_paths_beside_them_and_keep_unmatched_rows(tmp_path, suffix):
    rows = [("x", "zh/x.txt", "en/x.txt"), ("y", "", "en/y.txt"), ("z", "/abs/z.zh", "")]
    path = tmp_path / f"manifest{suffix}"
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps({"id": i, "src": s, "tgt": t, "score": 0.9}) + "\n"
                                for i, s, t in rows), encoding="utf-8")
    else:
        sep = "\t" if suffix == ".tsv" else ","
        path.write_text(sep.join(("id", "src", "tgt", "score")) + "\n" + "".join(
            sep.join((i, s, t, "")) + "\n" for i, s, t in rows), encoding="utf-8")
    batch = find_documents(path)
    assert batch.layout == "manifest"
    assert [(p.id, p.src, p.tgt) for p in batch.pairs] == [
        ("x", tmp_path / "zh/x.txt", tmp_path / "en/x.txt")]
    assert [(u.id, u.src, u.tgt) for u in batch.unpaired] == [
        ("y", "", str(tmp_path / "en/y.txt")), ("z", "/abs/z.zh", "")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id\tsrc\n", r"lacks the column\(s\) tgt"),
        ("id\tsrc\ttgt\n\ta\tb\n", ":2: the row has no id"),
        ("id\tsrc\ttgt\nx\ta\tb\nx\tc\td\n", "'x' appears twice"),
        ("id\tsrc\ttgt\nx\t\t\n", "neither src nor tgt"),
        ("id\tsrc\ttgt\n", "no document pairs"),
    ],
)
def test_bad_manifests_are_one_line_errors(tmp_path, text, message):
    path = tmp_path / "m.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        find_documents(path)


def test_an_input_with_nothing_to_pair_says_what_it_expected(tmp_path):
    touch(tmp_path, "readme.txt")
    with pytest.raises(InputError, match=r"expected zh/NAME \+ en/NAME"):
        find_documents(tmp_path)
    with pytest.raises(InputError, match="no such file or folder"):
        find_documents(tmp_path / "missing")
    with pytest.raises(InputError, match="a manifest must be"):
        find_documents(tmp_path / "readme.txt")
