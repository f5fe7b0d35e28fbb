"""The benchmark script's error path: a bad setting in its worker process is one line."""

from __future__ import annotations

import pickle

from corpus.errors import UnknownChoiceError
from eval.benchmark import main


def test_an_unknown_choice_survives_the_trip_from_a_worker_process():
    error = pickle.loads(pickle.dumps(UnknownChoiceError("encoder", "nosuch", ("lexical", "neural"))))
    assert str(error) == "unknown encoder 'nosuch'; valid choices: lexical, neural"


def test_unknown_encoder_is_one_line_and_a_non_zero_exit(tmp_path, capsys):
    data = tmp_path / "gold-set"
    for side, text in (("zh", "你好。\n"), ("en", "Hello.\n"), ("gold", None)):
        (data / side).mkdir(parents=True)
        if text:
            (data / side / "001").write_text(text, encoding="utf-8")
    assert main([str(data), "--encoder", "nosuch"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("benchmark: error: unknown encoder 'nosuch'") and "\n" not in err
