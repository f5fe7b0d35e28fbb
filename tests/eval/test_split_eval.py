"""The split evaluation: boundary precision and recall of re-split gold sentences."""

from __future__ import annotations

import pytest

from corpus.errors import BitextError
from eval.split_eval import evaluate, main, score_split


@pytest.mark.parametrize(
    ("gold", "lang", "precision", "recall"),
    [
        (["今天下雨。", "明天晴天。"], "zh", 1.0, 1.0),
        (["有的人笑；", "有的人哭。"], "zh", 0.0, 0.0),  # one gold boundary, none predicted
        (["Mr. Smith left.", "He was tired."], "en", 1.0, 1.0),
    ],
)
def test_score_split(gold: list[str], lang: str, precision: float, recall: float) -> None:
    score = score_split("t", gold, lang)
    assert (score.precision, score.recall) == (precision, recall)


def test_split_eval_on_mac_dev(shared_data) -> None:
    results = evaluate(shared_data)
    assert results["zh"][-1].f1 > 0.95 and results["en"][-1].f1 > 0.95


def test_a_splitter_that_loses_text_is_an_error_not_a_score() -> None:
    def drops_the_last_sentence(text: str, lang: str) -> list[str]:
        return ["今天下雨。"]

    with pytest.raises(BitextError, match="t: the splitter lost or added text"):
        score_split("t", ["今天下雨。", "明天晴天。"], "zh", drops_the_last_sentence)


def test_without_the_data_it_says_so_in_one_line(tmp_path, capsys) -> None:
    assert main([str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"split_eval: no mac-dev folder under {tmp_path}"
