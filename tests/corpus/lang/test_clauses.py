"""A sentence's clauses; cutting an over-long sentence: after clause marks, then spaces,
then anywhere."""

from __future__ import annotations

import pytest

from corpus.lang.clauses import clause_pieces, clause_spans, is_clause_break


@pytest.mark.parametrize(
    ("text", "longest", "pieces"),
    [("他来了，她走了，我们都笑了。", 8, ["他来了，她走了，", "我们都笑了。"]),
     ("“你好，”他说，“再见。”", 7, ["“你好，”", "他说，", "“再见。”"]),  # the quote stays
     ("one two three four five", 10, ["one two ", "three ", "four five"]),
     ("甲乙丙丁戊己庚辛", 3, ["甲乙丙", "丁戊己", "庚辛"]),  # no mark, no space: at the cap
     ("short", 10, ["short"])],
)
def test_pieces_end_at_clause_marks_then_spaces(text, longest, pieces):
    assert clause_pieces(text, longest) == pieces


def test_pieces_join_back_into_the_text_and_keep_to_the_cap():
    text = "很长" * 5000 + "，" + "very long " * 300
    pieces = clause_pieces(text, 100)
    assert "".join(pieces) == text
    assert max(map(len, pieces)) <= 100


@pytest.mark.parametrize(
    ("text", "found"),
    [("他来了，她走了；我们都笑了。", ["他来了", "她走了", "我们都笑了。"]),
     ("小玄子笑道：“不必了。”", ["小玄子笑道", "", "不必了。", ""]),  # quotes cut too
     ("'No need,' he laughed.", ["", "No need", "", " he laughed."]),
     ("He didn't go — not then (or ever).", ["He didn't go ", " not then ", "or ever", "."]),
     ("一二三、四五六", ["一二三、四五六"])],  # an enumeration comma joins one clause's items
)
def test_clauses_end_at_clause_marks_brackets_dashes_and_quotes(text, found):
    assert [text[start:stop] for start, stop in clause_spans(text)] == found


def test_tokens_that_break_clauses():
    assert all(map(is_clause_break, ["，", ":", "“", "」", "——", "（", "--"]))
    assert not any(map(is_clause_break, ["、", "。", "他", "don't", ""]))
