"""TSV and XML escaping, shared by the writers and the importer."""

from __future__ import annotations

import pytest

from corpus.export.escaping import tsv_escape, tsv_unescape, xml_attr, xml_text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a\tb", "a\\tb"), ("x\\ty", "x\\\\ty"), ("line\nbreak\r", "line\\nbreak\\r"),
     ("\\\\n", "\\\\\\\\n"), ("甲 乙", "甲 乙")],
)
def test_tsv_escape_round_trip(text: str, escaped: str) -> None:
    assert tsv_escape(text) == escaped
    assert tsv_unescape(escaped) == text


def test_tsv_unknown_escape_is_kept() -> None:
    assert tsv_unescape("a\\qb\\") == "a\\qb\\"


@pytest.mark.parametrize(
    ("text", "as_text", "as_attr"),
    [("<a & b>", "&lt;a &amp; b&gt;", '"&lt;a &amp; b&gt;"'),
     ('say "hi"', 'say "hi"', "'say \"hi\"'"),
     ("bell\x07\ufffe tab\t", "bell\ufffd\ufffd tab\t", '"bell\ufffd\ufffd tab&#9;"')],
)
def test_xml_escaping(text: str, as_text: str, as_attr: str) -> None:
    assert xml_text(text) == as_text
    assert xml_attr(text) == as_attr
