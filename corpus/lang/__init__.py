"""The language rules every reader, encoder and filter shares, one module a job.

``script`` tells Han, CJK and Latin characters apart; ``chinese`` cuts Chinese into jieba
tokens and reads Chinese numerals; ``english`` turns English into stemmed content words and
numbers; ``cues`` holds the punctuation and quotation marks both languages share; ``cedict``
looks words up in CC-CEDICT. Importing this package is cheap: jieba, the stemmer and the
dictionary load in the first call that needs them.
"""
