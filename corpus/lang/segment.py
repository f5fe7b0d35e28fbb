"""jieba's word segmentation, token for token, in time linear in the text.

jieba cuts each block of Han characters and ASCII word characters along the most probable
route through its dictionary, then cuts every run of characters the route leaves single
with an HMM. Its HMM (``jieba.finalseg``) copies a path per character and state, quadratic
in the run: a 400,000-character run of 很长很长… took over 300 s. jieba-rs (``rjieba``,
Rust, the same dictionary) finds the same route 30 times faster, but its own HMM breaks
near-ties otherwise (常在你: 常在|你 where jieba has 常|在|你, log-probabilities 1.5e-7 apart).
So the route comes from rjieba and the runs go through jieba's HMM tables in a Viterbi with
back-pointers, which makes the same choices as jieba's, ties included: ``cut`` gives the
tokens of ``jieba.lcut`` (tests/corpus/lang/test_segment.py checks it against jieba).
"""

from __future__ import annotations

import functools
import re

# jieba's own patterns: the blocks the dictionary route cuts, the whitespace kept whole
# between them, and inside an unknown run the Han stretches its HMM cuts and the ASCII
# words and numbers it keeps whole.
_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_WHITESPACE = re.compile(r"(\r\n|\s)")
_HAN_STRETCH = re.compile("([\u4e00-\u9fd5]+)")
_ASCII_WORD = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")

_MIN_LOG = -3.14e100  # jieba's log-probability of what its tables lack


def cut(text: str) -> list[str]:
    """The tokens ``jieba.lcut(text)`` gives (default mode, HMM on)."""
    tokens: list[str] = []
    for block in _BLOCK.split(text):
        if not block:
            continue
        if _BLOCK.match(block):
            tokens.extend(_cut_block(block))
            continue
        for piece in _WHITESPACE.split(block):
            if _WHITESPACE.match(piece):
                tokens.append(piece)
            else:
                tokens.extend(piece)  # other characters one by one, as jieba yields them
    return tokens


def _cut_block(block: str) -> list[str]:
    """One block along the dictionary route, runs of single characters through the HMM."""
    import rjieba

    tokens: list[str] = []
    single: list[str] = []
    for word in rjieba.cut(block, False):
        # Without its HMM, rjieba groups single ASCII letters and digits; jieba leaves them
        # single on the route (its HMM then keeps them whole, as ``_ASCII_WORD`` does).
        if len(word) == 1 or (word.isascii() and word.isalnum() and not rjieba.has_word(word)):
            single.append(word)
            continue
        _add_run("".join(single), tokens)
        single.clear()
        tokens.append(word)
    _add_run("".join(single), tokens)
    return tokens


def _add_run(run: str, tokens: list[str]) -> None:
    import rjieba

    if len(run) == 1:
        tokens.append(run)
    elif run:
        # A run that is itself a word the route passed over stays in characters (as jieba).
        tokens.extend(run if rjieba.has_word(run) else _unknown_run(run))


@functools.lru_cache(maxsize=100_000)
def _unknown_run(run: str) -> tuple[str, ...]:
    """jieba's HMM cut (``jieba.finalseg.cut``) of a run of characters the route left single."""
    tokens: list[str] = []
    for piece in _HAN_STRETCH.split(run):
        if _HAN_STRETCH.match(piece):
            tokens.extend(_hmm_words(piece))
        elif piece:
            tokens.extend(word for word in _ASCII_WORD.split(piece) if word)
    return tuple(tokens)


def _hmm_words(han: str) -> list[str]:
    states = _viterbi(han)
    words, begin, done = [], 0, 0
    for i, state in enumerate(states):
        if state == "B":
            begin = i
        elif state == "E":
            words.append(han[begin : i + 1])
            done = i + 1
        elif state == "S":
            words.append(han[i])
            done = i + 1
    if done < len(han):
        words.append(han[done:])
    return words


@functools.lru_cache(maxsize=1)
def _hmm_tables():
    from jieba.finalseg import emit_P, start_P, trans_P

    return start_P, trans_P, emit_P


def _viterbi(han: str) -> str:
    """The most probable B/M/E/S states of a Han stretch under jieba's HMM.

    The sums and the comparisons are jieba's, in its order, so that ties break alike: of two
    equal candidates jieba's ``max`` over (probability, state) keeps the later letter.
    """
    start, trans, emit = _hmm_tables()
    emit_b, emit_m, emit_e, emit_s = emit["B"], emit["M"], emit["E"], emit["S"]
    bb, be_, eb, es = trans["B"]["M"], trans["B"]["E"], trans["E"]["B"], trans["E"]["S"]
    mm, me, sb, ss = trans["M"]["M"], trans["M"]["E"], trans["S"]["B"], trans["S"]["S"]
    first = han[0]
    b = start["B"] + emit_b.get(first, _MIN_LOG)
    m = start["M"] + emit_m.get(first, _MIN_LOG)
    e = start["E"] + emit_e.get(first, _MIN_LOG)
    s = start["S"] + emit_s.get(first, _MIN_LOG)
    back: list[tuple[str, str, str, str]] = []  # the previous state of B, M, E, S
    for char in han[1:]:
        emission = emit_b.get(char, _MIN_LOG)
        from_e, from_s = e + eb + emission, s + sb + emission
        new_b, prev_b = (from_s, "S") if from_s >= from_e else (from_e, "E")
        emission = emit_m.get(char, _MIN_LOG)
        from_m, from_b = m + mm + emission, b + bb + emission
        new_m, prev_m = (from_m, "M") if from_m >= from_b else (from_b, "B")
        emission = emit_s.get(char, _MIN_LOG)
        from_s, from_e = s + ss + emission, e + es + emission
        new_s, prev_s = (from_s, "S") if from_s >= from_e else (from_e, "E")
        emission = emit_e.get(char, _MIN_LOG)
        from_b, from_m = b + be_ + emission, m + me + emission
        new_e, prev_e = (from_m, "M") if from_m >= from_b else (from_b, "B")
        b, m, e, s = new_b, new_m, new_e, new_s
        back.append((prev_b, prev_m, prev_e, prev_s))
    state = "S" if s >= e else "E"
    path = [state]
    for previous in reversed(back):
        state = previous["BMES".index(state)]
        path.append(state)
    return "".join(reversed(path))
