"""The lexical encoder on hand-checked en–zh cases."""

from __future__ import annotations

import numpy as np
import pytest

from align.encoders.base import FirstPass
from align.encoders.lexical import (
    CLOSING_CUE,
    OPENING_CUE,
    LexicalEncoder,
    SpeechFeatures,
    chinese_number,
    chinese_tokens,
    chinese_unit_terms,
    quote_cues,
    speech_marks,
)
from align.lexicon import clean_definition, english_terms, gloss, name_romanisations, stem
from corpus.document import Side


@pytest.mark.parametrize(
    ("text", "number"),
    [("三", "3"), ("十", "10"), ("二十六", "26"), ("一千九百七十二", "1972"), ("一九七二", "1972"),
     ("两万三千", "23000"), ("三亿", "300000000"), ("天", None), ("", None)],
)
def test_chinese_numbers(text, number):
    assert chinese_number(text) == number


@pytest.mark.parametrize(
    ("text", "terms"),
    [("forty and six thousand and five hundred men", ["46500", "man"]),
     ("twenty-six", ["26"]), ("three million people", ["3000000", "person"]),
     ("a hundred and twenty thousand", ["120000"]), ("threescore and ten", ["70"]),
     ("two and three", ["2", "3"]), ("hundreds of them", ["hundr"]), ("in 1,972 AD", ["1972", "ad"]),
     # Irregular forms meet the dictionary's infinitives (说 "to say").
     ("He said the men went home", ["say", "man", "go", "home"]), ("she had done it", []),
     ("I didn't know", ["know"]), ("I didn’t know", ["know"])],
)
def test_english_terms_numbers_and_irregular_forms(text, terms):
    assert english_terms(text) == terms


@pytest.mark.parametrize(
    ("sentence", "number"),
    [("共有四万六千五百名。", "四万六千五百"), ("共有三万二千二百名", "三万二千二百"),
     ("一九四九年", "一九四九")],
)
def test_numbers_stay_whole_tokens(sentence, number):
    # jieba alone cuts these apart (四万|六千五百, 三万二千|二百名).
    assert number in chinese_tokens(sentence)


@pytest.mark.parametrize(
    ("name", "romanised"),
    [("王琦瑶", ("wangqiyao", "wang", "qiyao")), ("汪淼", ("wangmiao", "wang", "miao")),
     ("丫丫", ("yaya",))],  # no surname first: one word
)
def test_names_are_romanised_whole_and_apart(name, romanised):
    assert name_romanisations(name) == romanised
    assert {stem(r) for r in romanised} <= chinese_unit_terms(name)


def test_numeral_words_are_not_numbers():
    assert "三四" not in chinese_tokens("三四天后")  # three or four days
    assert chinese_tokens("你千万不要去") == ("你", "千万", "不要", "去")  # by all means


@pytest.mark.parametrize(
    ("definition", "terms"),
    [("friendship", ["friendship"]), ("CL:個|个[ge4]", []), ("variant of 瞭|了[liao3]", []),
     ("surname Chen", []), ("(literary) to decline", ["declin"]), ("to hold; to grasp", ["hold", "grasp"])],
)
def test_gloss_cleaning(definition, terms):
    assert sorted(t for part in definition.split(";") for t in clean_definition(part)) == sorted(
        terms
    )


def test_english_terms_are_stemmed_content_words_and_numbers():
    assert english_terms("The friends held 3,500 books.") == ["friend", "hold", "3500", "book"]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("友谊", "friendship"), ("？", "?"), ("！", "!"), ("1972", "1972"), ("GDP", "gdp"),
     ("二十六", "26"), ("陈", "chen")],
)
def test_chinese_unit_terms(token, expected):
    assert expected in chinese_unit_terms(token)


@pytest.mark.parametrize(
    ("sentence", "cues"),
    [("“您能说具体些吗？”", {OPENING_CUE, CLOSING_CUE}), ("好了，从现在开始。”", {CLOSING_CUE}),
     ("「走吧。", {OPENING_CUE}), ('"No.', {OPENING_CUE}), ('a joke," Wang said.', {CLOSING_CUE}),
     ("'Well?", {OPENING_CUE}), ("Give in?'", {CLOSING_CUE}), ("‘Yes,’ he said.", {OPENING_CUE, CLOSING_CUE}),
     ("Don't, don’t.", set()), ("他走了。", set())],
)
def test_quote_cues_tell_opening_from_closing(sentence, cues):
    assert quote_cues(sentence) == cues


def test_function_words_have_no_terms():
    assert gloss("他") == frozenset()
    assert chinese_unit_terms("，") == frozenset()


ZH = ("我们在河边建了一座新图书馆。", "它有三百万本书。", "你喜欢读书吗？")
EN = ("We built a new library by the river.", "It holds three million books.",
      "Do you like reading?")


def test_true_translation_scores_highest_in_its_row():
    features = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    assert features.n_signals == 1 and features.n_sentence_signals == 1  # speech; coverage
    rows, cols = np.meshgrid(np.arange(3), np.arange(3), indexing="ij")
    sims = features.rank_similarity(rows.ravel(), cols.ravel()).reshape(3, 3)
    assert list(sims.argmax(axis=1)) == [0, 1, 2]
    assert np.all((sims >= 0) & (sims <= 1))


def test_direction_does_not_matter():
    forward = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    backward = LexicalEncoder().features(Side(EN, "en"), Side(ZH, "zh"))
    starts = np.array([0, 1, 2])
    assert np.allclose(
        forward.rank_similarity(starts, starts), backward.rank_similarity(starts, starts)
    )
    zh_by_en = forward.sentence_similarity(starts[:2], 1, starts[:2], 2).src
    assert np.allclose(zh_by_en, backward.sentence_similarity(starts[:2], 2, starts[:2], 1).tgt)


def test_each_sentence_is_scored_against_the_whole_window_opposite():
    features = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    # 我们在河边建了一座新图书馆。 against "We built a new library..." + "It holds three million books."
    covers = features.sentence_similarity(np.array([0]), 1, np.array([0]), 2)
    assert covers.src.shape == (1, 1, 1) and covers.tgt.shape == (1, 2, 1)
    alone = features.sentence_similarity(np.array([0]), 1, np.array([0]), 1)
    assert covers.src[0, 0, 0] >= alone.src[0, 0, 0] > 0.5  # a wider window explains no less
    library, books = covers.tgt[0, :, 0]
    assert library == pytest.approx(alone.tgt[0, 0, 0]) and library > 0.5
    assert books < 0.2  # the second English sentence is not this Chinese one's
    by_its_own = features.sentence_similarity(np.array([1]), 1, np.array([1]), 1).tgt[0, 0, 0]
    assert by_its_own > 0.5


def test_coarse_blocks_score_their_pooled_sentences():
    features = LexicalEncoder().features(Side(ZH, "zh"), Side(EN, "en"))
    block = features.coarsen(3).rank_similarity(np.array([0]), np.array([0]))[0]
    assert block > 0.5


def test_sentence_without_content_is_no_evidence():
    features = LexicalEncoder().features(Side(("……",), "zh"), Side(("Hello there.",), "en"))
    covers = features.sentence_similarity(np.array([0]), 1, np.array([0]), 1)
    assert np.isnan(covers.src[0, 0, 0])  # the Chinese has nothing to match
    assert covers.tgt[0, 0, 0] == 0.0  # the English has, and nothing matches it
    assert np.isnan(features.rank_similarity(np.array([0]), np.array([0]))[0])


# A name the dictionary cannot translate (韦小宝 is rendered "Trinket"), in half the sentences.
STORY_ZH = ("韦小宝走进书房。", "桌上有一本书。", "韦小宝拿起那本书。", "窗外下着雨。",
            "韦小宝笑了。", "天黑了。", "韦小宝睡着了。", "第二天早上很冷。")
STORY_EN = ("Trinket walked into the study.", "There was a book on the table.",
            "Trinket picked up the book.", "It was raining outside the window.", "Trinket laughed.",
            "It grew dark.", "Trinket fell asleep.", "The next morning was cold.")


def test_refining_on_aligned_beads_learns_the_documents_own_names():
    features = LexicalEncoder().features(Side(STORY_ZH, "zh"), Side(STORY_EN, "en"))
    beads = tuple((range(k, k + 1), range(k, k + 1)) for k in range(len(STORY_ZH)))
    refined = features.refine(FirstPass(beads, (1.0,) * len(beads)))
    assert refined is not None
    laughed = (np.array([4]), np.array([4]))  # 韦小宝笑了 / Trinket laughed
    assert refined.rank_similarity(*laughed)[0] > features.rank_similarity(*laughed)[0]
    # What the dictionary already explains (书 → book) teaches nothing new.
    book = (np.array([1]), np.array([1]))
    assert refined.rank_similarity(*book)[0] == pytest.approx(features.rank_similarity(*book)[0])


def test_refining_learns_nothing_from_too_few_confident_beads():
    features = LexicalEncoder().features(Side(STORY_ZH, "zh"), Side(STORY_EN, "en"))
    beads = ((range(0, 1), range(0, 1)), (range(1, 2), range(1, 2)), (range(2, 3), range(2, 3)))
    assert features.refine(FirstPass(beads, (0.9, 0.1, 0.9))) is None


def test_bracketed_notes_with_commas_leave_no_fragments():
    # 这: "(in this sense, commonly pr. [zhei4], esp. in Beijing)" is a note, not a sense.
    assert not {"esp", "beij", "common", "pr"} & gloss("这")


SPEECH_ZH = ("他说：“走吧。", "我们现在就走。”", "天黑了。", "你来吗？")
SPEECH_EN = ('"Let\'s go.', 'We leave now," he said.', "It grew dark.", "Are you coming?")


@pytest.mark.parametrize(
    ("zh_window", "en_window", "agreement"),
    [((0, 2), (0, 2), 3),  # the whole speech on both sides
     ((0, 1), (0, 2), 2),  # both open a quote, only the English closes it
     ((1, 1), (0, 1), 1),  # the Chinese closes, the English opens
     ((2, 1), (2, 1), 3),  # no quotes, no question on either side
     ((3, 1), (3, 1), 3),  # a question on both sides
     ((3, 1), (2, 1), 2)],  # a question on one side only
)
def test_speech_signal_is_agreement_on_quotes_and_questions(zh_window, en_window, agreement):
    features = SpeechFeatures([speech_marks(s) for s in SPEECH_ZH], [speech_marks(s) for s in SPEECH_EN])
    (zh_start, zh_size), (en_start, en_size) = zh_window, en_window
    value = features.similarity(np.array([zh_start]), zh_size, np.array([en_start]), en_size)
    assert value[0, 0] == pytest.approx(agreement / 3)


def test_speech_blocks_open_as_their_first_sentence_and_close_as_their_last():
    features = SpeechFeatures([speech_marks(s) for s in SPEECH_ZH], [speech_marks(s) for s in SPEECH_EN])
    blocks = features.coarsen(2).similarity(np.array([0, 1]), 1, np.array([0, 1]), 1)[0]
    assert blocks.tolist() == [1.0, 1.0]
