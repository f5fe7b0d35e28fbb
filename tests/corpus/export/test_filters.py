"""Export filters: each counted under its own name; score apart from accept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.errors import ConfigError, UnknownChoiceError
from corpus.export.filters import (
    Copies,
    FilterChain,
    build_filter,
    default_filters,
    normalise,
    parse_filter_spec,
)
from corpus.export.rows import DocSource, PairRow


def _rows(*dirs: Path) -> list[PairRow]:
    return [row for d in dirs for row in DocSource(d).rows()]


# (filter spec, rows dropped out of the 10 rows of novel + news); see conftest.py for the table
FILTER_CASES = [
    ("drop-rejected", 2),  # novel 1-0 and news "Two!"
    ("confirmed-only", 9),  # only novel "Hello." is confirmed
    ("min-score=0.5", 4),  # 0.0, 0.0, 0.1, 0.3
    ("drop-deletions", 2),  # novel 0-1 and 1-0
    ("len-ratio=1:4", 3),  # the 2-1 bead (17/19 chars) and the two deletions (ratio 0)
    ("copies", 1),  # "iPhone 15 Pro" on both sides
    ("duplicates", 0),
    ("near-duplicates", 1),  # "one"/"一" after "One."/"一。"
]


@pytest.mark.parametrize(("spec", "dropped"), FILTER_CASES)
def test_each_filter_counted(novel_dir: Path, news_dir: Path, spec: str, dropped: int) -> None:
    flt = parse_filter_spec(spec)
    chain = FilterChain([flt])
    kept = list(chain(_rows(novel_dir, news_dir)))
    counts = chain.counts()
    assert counts.rows_in == 10
    assert counts.dropped == {flt.name: dropped}
    assert counts.rows_out == len(kept) == 10 - dropped


def test_drop_counted_under_first_rejecting_filter(novel_dir: Path, news_dir: Path) -> None:
    filters = default_filters(min_score=0.5, drop_deletions=True, near_duplicates=True)
    chain = FilterChain(filters)
    kept = list(chain(_rows(novel_dir, news_dir)))
    counts = chain.counts()
    # drop-rejected takes the two rejected rows first, min-score the other 0.0 and 0.3 rows
    assert counts.dropped == {
        "drop-rejected": 2, "min-score": 2, "drop-deletions": 0, "near-duplicates": 1,
    }
    assert counts.rows_in - sum(counts.dropped.values()) == counts.rows_out == len(kept) == 5


def test_duplicates_and_near_duplicates(make_outdir: Callable[..., Path]) -> None:
    out = make_outdir("dups", [
        ("Hello, world!", "你好，世界！", 0.9),
        ("Hello, world!", "你好，世界！", 0.8),  # exact duplicate
        ("hello   world", "你好 世界", 0.7),  # near: case, spaces, punctuation
        ("Page 12.", "第12页。", 0.6),
        ("Page 13.", "第13页。", 0.6),  # near: digits
        ("Hello, world!", "你好！", 0.5),  # different zh: kept
    ])
    chain = FilterChain(default_filters(duplicates=True, near_duplicates=True))
    kept = [(r.en, r.zh) for r in chain(DocSource(out).rows())]
    assert chain.counts().dropped == {"drop-rejected": 0, "duplicates": 1, "near-duplicates": 2}
    assert kept == [("Hello, world!", "你好，世界！"), ("Page 12.", "第12页。"),
                    ("Hello, world!", "你好！")]


@pytest.mark.parametrize(
    ("text", "key"),
    [("Hello, World!", "helloworld"), ("  a\tb  ", "ab"), ("Page 12.", "page00"),
     ("你好，世界！", "你好世界"), ("ＡＢＣ１２", "abc00")],
)
def test_normalise(text: str, key: str) -> None:
    assert normalise(text) == key


@pytest.mark.parametrize(
    ("en", "zh", "score"),
    [("Hello.", "你好。", 0.0), ("iPhone 15", "iPhone 15", 1.0), ("OK", "ok!", 1.0),
     ("Hello.", "Hello there", 1.0), ("第一章", "第一章", 1.0), ("12.", "12。", 1.0),
     ("Hello.", "", 0.0)],
)
def test_copy_scores(en: str, zh: str, score: float) -> None:
    flt = Copies()
    value = flt.score(PairRow("d", en, zh))
    assert value == score
    assert flt.accept(value) is (score < 0.5)


def test_raw_scores_kept(news_dir: Path) -> None:
    chain = FilterChain([build_filter("min-score", "0"), build_filter("copies", "0.99"),
                         build_filter("near-duplicates")], keep_scores=True)
    first = next(iter(chain(DocSource(news_dir).rows())))
    assert first.filter_scores == {"min_score": pytest.approx(0.8), "copies": 0.0}


def test_bad_filter_names_and_values() -> None:
    with pytest.raises(UnknownChoiceError, match="valid choices: .*near-duplicates"):
        build_filter("dedupe")
    with pytest.raises(ConfigError, match="bad value"):
        build_filter("min-score", "high")
    with pytest.raises(ConfigError, match="MIN <= MAX"):
        build_filter("len-ratio", "4:1")
    with pytest.raises(ConfigError, match="twice"):
        FilterChain([build_filter("copies"), build_filter("copies")])
