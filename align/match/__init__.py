"""``bitext match``: pair the documents of two folders by content, for crawls not paired by name.

``profiles`` (a document as English terms and a length), ``index`` (IDF-weighted vectors and
the candidate pairs of an inverted index over rare terms), ``assign`` (one-to-one links with a
threshold) and ``matcher`` (folders in, manifest out).
"""
