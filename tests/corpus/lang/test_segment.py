"""The segmenter gives jieba's tokens: jieba itself is the oracle, on cases where the two
halves (rjieba's route, jieba's HMM) could part ways."""

from __future__ import annotations

import logging
import random

import pytest

from corpus.lang.segment import cut

jieba = pytest.importorskip("jieba")
jieba.setLogLevel(logging.WARNING)

CASES = [
    "这要在你手上作记号，使耶和华的律法常在你口中。",  # 常|在|你: a near-tie in the HMM
    "数值是2.726±0.010K，温度为2.726K的黑体辐射谱。",  # numbers and letters in one block
    "2021-10-18 09:30 发布",  # a date: digits and hyphens in a block, a space between
    "他穿着T恤，用QQ和3D打印机，说OK。",  # dictionary words with Latin letters
    "韦小宝道：“小玄子，你好！”\r\n第二行\t制表",  # quotes, CRLF and a tab kept whole
    "王琦瑶笑了笑，程先生却不响。",  # a name the dictionary lacks: the HMM joins it
    "很长" * 500,  # a long run of single characters: one HMM run
    "",
]


@pytest.mark.parametrize("text", CASES)
def test_same_tokens_as_jieba(text):
    assert cut(text) == jieba.lcut(text)


def test_same_tokens_as_jieba_on_random_mixtures():
    pool = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切局"
    pool += "abcXYZ0123456789 .%-+#&_\t\r\n，。“”！？QQ"
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, 40)))
        assert cut(text) == jieba.lcut(text), text
