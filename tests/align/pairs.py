"""Hand-made parallel texts for the encoder tests, and the first pass that pairs them line by
line."""

from __future__ import annotations

from corpus.document import Side

# (zh, en), one pair a line, in order.
PAIRS = [
    ("起初，神创造天地。", "In the beginning God created the heaven and the earth."),
    ("我们的友谊是永远的！", "Our friendship is forever!"),
    ("他每天早上喝一杯咖啡。", "He drinks a cup of coffee every morning."),
    ("这座城市有一条很长的河。", "This city has a very long river."),
    ("孩子们在学校里读书。", "The children study at school."),
    ("国王死了，人民都哭了。", "The king died, and all the people wept."),
    ("1998年，她去了北京。", "In 1998 she went to Beijing."),
    ("你明天来我家吃饭吗？", "Will you come to my house for dinner tomorrow?"),
]
EASY = (0, 2, 3, 6, 7)  # pairs with unambiguous dictionary words (god/heaven, coffee, river…)


def sides(pairs=PAIRS) -> tuple[Side, Side]:
    return Side(tuple(z for z, _ in pairs), "zh"), Side(tuple(e for _, e in pairs), "en")

# A name the dictionary cannot translate (韦小宝 is rendered "Trinket"), in half the sentences.
STORY_ZH = ("韦小宝走进书房。", "桌上有一本书。", "韦小宝拿起那本书。", "窗外下着雨。",
            "韦小宝笑了。", "天黑了。", "韦小宝睡着了。", "第二天早上很冷。")
STORY_EN = ("Trinket walked into the study.", "There was a book on the table.",
            "Trinket picked up the book.", "It was raining outside the window.", "Trinket laughed.",
            "It grew dark.", "Trinket fell asleep.", "The next morning was cold.")


def one_to_one(n: int) -> tuple[tuple[range, range], ...]:
    """The beads of a first pass that pairs sentence k with sentence k, for k < n."""
    return tuple((range(k, k + 1), range(k, k + 1)) for k in range(n))
