"""Small crawls built from the example article: good documents, and bad ones of each kind."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def paragraphs(lang: str) -> list[str]:
    text = (EXAMPLES / f"article.{lang}.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def article(first: int, last: int) -> tuple[str, str]:
    """Paragraphs ``first``…``last`` of the body (after title and date) of both versions."""
    zh, en = paragraphs("zh"), paragraphs("en")
    # zh: title, date, body…; en: date, title, body…
    return ("\n\n".join(zh[2 + first:3 + last]) + "\n", "\n\n".join(en[2 + first:3 + last]) + "\n")


GOOD = {"library": article(0, 3), "opening": article(0, 1), "river": article(3, 4)}
BAD = {
    "binary": (b"\x00\x01\x02PNG\x00" * 20, article(0, 1)[1].encode()),
    "english-twice": (article(0, 1)[1].encode(), article(2, 3)[1].encode()),
    "empty": (b"\n  \n", article(0, 1)[1].encode()),
}


def write_by_name(root: Path, docs: dict[str, tuple[str | bytes, str | bytes]]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, (zh, en) in docs.items():
        for lang, text in (("zh", zh), ("en", en)):
            path = root / f"{name}.{lang}.txt"
            path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


@pytest.fixture
def good_crawl(tmp_path: Path) -> Path:
    return write_by_name(tmp_path / "crawl", GOOD)


@pytest.fixture
def mixed_crawl(tmp_path: Path) -> Path:
    return write_by_name(tmp_path / "crawl", {**GOOD, **BAD})
