"""Han, CJK and Latin character tests."""

from __future__ import annotations

import pytest

from corpus.lang.script import HAN, LATIN, LATIN_OR_DIGIT, is_cjk, is_cjk_ideograph, is_han


@pytest.mark.parametrize(
    ("char", "han", "cjk", "ideograph"),
    [("中", True, True, True),  # the basic block
     ("\u3400", True, True, True), ("\u4db5", True, True, True),  # Ext A
     ("\U00020000", True, True, True), ("\U0002a700", True, True, True),  # Ext B, Ext C
     ("\uf900", True, True, True), ("\U0002f800", True, True, True),  # compatibility ideographs
     ("\U00030000", False, False, True),  # Ext G: beyond HAN's ranges, named CJK by Unicode
     ("\u4dc0", False, False, False),  # a Yijing hexagram, between Ext A and the basic block
     ("。", False, True, False), ("「", False, True, False), ("\u3000", False, True, False),
     ("，", False, True, False), ("Ａ", False, True, False), ("０", False, True, False),  # full width
     ("a", False, False, False), ("é", False, False, False), ("1", False, False, False)],
)
def test_script_of_a_character(char, han, cjk, ideograph):
    assert is_han(char) is han
    assert is_cjk(char) is cjk
    assert is_cjk_ideograph(char) is ideograph


def test_counts_of_han_and_latin_in_a_line():
    line = "Chen Miner (陈敏尔) said 𠮷 in Zürich 2021"
    assert len(HAN.findall(line)) == 4
    assert "".join(LATIN.findall("Zürich 2021")) == "Zürich"
    assert LATIN_OR_DIGIT.search("２０２１") is None  # full-width digits are not ASCII
