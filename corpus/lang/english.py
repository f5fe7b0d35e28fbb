"""English text as terms: lower-cased, stemmed content words, irregular forms read as their
base form, and numbers written in words read as digits (to meet Chinese numerals)."""

from __future__ import annotations

import functools
import re

# Function words that carry no cross-language signal; kept small and explicit on purpose.
ENGLISH_STOPWORDS = frozenset(
    """
    a an the and or but if then than so as of at by for with about against between into
    through during before after above below to from up down in out on off over under again
    further once here there when where why how all any both each few more most other some
    such no nor not only own same too very can will just should now is are was were be been
    being have has had having do does did doing would could might must shall may i me my
    myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am s t d ll m o re ve y sb sth someone something one's oneself etc
    e.g i.e also used use form forms word words indicate indicates expression kind
    """.split()
)
_ENGLISH_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _snowball().stemWord(word)


@functools.lru_cache(maxsize=1)
def _snowball():
    import Stemmer  # PyStemmer: the Snowball English stemmer in C, without nltk's slow import

    return Stemmer.Stemmer("english")


# English irregular verb forms and plurals, read as the base form: CC-CEDICT glosses verbs
# in the infinitive ("to say"), narrative English is in the past ("said"), and the stemmer
# only knows regular endings. Each entry: base form, then its irregular forms; older and
# literary ones too (begat, spake, bade), as in classic translations.
_IRREGULAR_FORMS = """
arise arose arisen; awake awoke awoken; be was were been; bear bore borne born; beat beaten;
become became; begin began begun; bend bent; bet; bid; bind bound; bite bit bitten;
bleed bled; blow blew blown; break broke broken; breed bred; bring brought; build built;
burn burnt; burst; buy bought; catch caught; choose chose chosen; cling clung; come came;
cost; creep crept; cut; deal dealt; dig dug; do did done; draw drew drawn;
dream dreamt; drink drank drunk; drive drove driven; eat ate eaten; fall fell fallen;
feed fed; feel felt; fight fought; find found; flee fled; fling flung; fly flew flown;
forbid forbade forbidden; forget forgot forgotten; forgive forgave forgiven;
freeze froze frozen; get got gotten; give gave given; go went gone; grow grew grown;
hang hung; have has had; hear heard; hide hid hidden; hit; hold held; hurt; keep kept; kneel knelt; know knew known; lay laid; lead led; lean leant; leap leapt;
learn learnt; leave left; lend lent; let; lie lay lain; light lit; lose lost; make made;
mean meant; meet met; pay paid; put; quit; read; ride rode ridden; ring rang rung;
rise rose risen; run ran; say said; see saw seen; seek sought; sell sold; send sent;
set; shake shook shaken; shed; shine shone; shoot shot; show shown; shrink shrank shrunk;
shut; sing sang sung; sink sank sunk; sit sat; slay slew slain; sleep slept; slide slid;
sling slung; slit; smell smelt; speak spoke spoken; speed sped; spend spent; spill spilt;
spin spun; spit spat; split; spread; spring sprang sprung; stand stood; steal stole stolen;
stick stuck; sting stung; stink stank stunk; stride strode stridden; strike struck;
string strung; strive strove striven; swear swore sworn; sweep swept; swell swollen;
swim swam swum; swing swung; take took taken; teach taught; tear tore torn; tell told;
think thought; throw threw thrown; thrust; tread trod trodden; understand understood;
wake woke woken; wear wore worn; weave wove woven; weep wept; win won;
withdraw withdrew withdrawn; wring wrung; write wrote written;
dwell dwelt; go goes;
beget begat begot begotten; speak spake; smite smote smitten; forsake forsook forsaken;
bid bade; beseech besought; swear sware; break brake;
man men; woman women; child children; foot feet; tooth teeth; mouse mice; goose geese;
person people; ox oxen
"""
_BASE_FORM = {
    form: forms.split()[0]
    for forms in _IRREGULAR_FORMS.split(";")
    for form in forms.split()[1:]
}


_SMALL_NUMBERS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
} | {
    word: 10 * tens
    for tens, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_MULTIPLIERS = {"thousand": 1000, "million": 10**6, "billion": 10**9}
# Archaic scores ("fourscore and seven") are still how older translations write numbers.
_SECTION_MULTIPLIERS = {"hundred": 100} | {
    f"{word}score": 20 * _SMALL_NUMBERS[word] for word in "two three four five six".split()
}


class _NumberWords:
    """Reads a run of English number words ("forty and six thousand and five hundred")."""

    def __init__(self) -> None:
        self.total = self.section = self.words = 0
        self.joins_and = False  # "forty and six", "hundred and five"; not "two and three"

    def take(self, word: str) -> bool:
        if word in _SMALL_NUMBERS:
            self.section += _SMALL_NUMBERS[word]
            self.joins_and = _SMALL_NUMBERS[word] >= 20
        elif word in _SECTION_MULTIPLIERS:
            self.section = max(self.section, 1) * _SECTION_MULTIPLIERS[word]
            self.joins_and = True
        elif word in _MULTIPLIERS:
            self.total += max(self.section, 1) * _MULTIPLIERS[word]
            self.section = 0
            self.joins_and = True
        else:
            return False
        self.words += 1
        return True

    def value(self) -> str:
        return str(self.total + self.section)


def english_terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words and numbers of an English text, in order.

    Numbers written in words become digits ("fifty and nine thousand" → "59000"), so that
    they match Chinese numerals, which are read as digits too.
    """
    return [term for _, term in _terms(_ENGLISH_TOKEN.findall(_lower(text)))]


def english_terms_at(text: str) -> list[tuple[int, str]]:
    """``english_terms``, each with where it starts in the text (a number written in words:
    where its first word does)."""
    matches = list(_ENGLISH_TOKEN.finditer(_lower(text)))
    return [(matches[k].start(), term) for k, term in _terms([m.group() for m in matches])]


def _lower(text: str) -> str:
    return text.lower().replace("’", "'")  # the same length: offsets hold


def _terms(tokens: list[str]) -> list[tuple[int, str]]:
    """The terms of lower-cased tokens, each with the index of its (first) token."""
    terms = []
    number, number_start = _NumberWords(), 0
    for k, token in enumerate(tokens):
        if not number.words:
            number_start = k
        if number.take(token):
            continue
        if number.words:
            if token == "and" and number.joins_and and k + 1 < len(tokens) and (
                tokens[k + 1] in _SMALL_NUMBERS or tokens[k + 1] in _SECTION_MULTIPLIERS
            ):
                continue
            terms.append((number_start, number.value()))
            number = _NumberWords()
        if token[0].isdigit():
            terms.append((k, token.replace(",", "")))
        elif len(token) > 1 and not token.endswith("n't"):  # didn't: auxiliary + not
            word = token.split("'")[0]
            word = _BASE_FORM.get(word, word)
            if word not in ENGLISH_STOPWORDS and token not in ENGLISH_STOPWORDS:
                terms.append((k, stem(word)))
    if number.words:
        terms.append((number_start, number.value()))
    return terms
