"""Every export format by name: the writer classes, and the list of their names.

Importing it is cheap: ``hf.py`` loads pyarrow/datasets only when a dataset is written.
"""

from __future__ import annotations

from corpus.errors import UnknownChoiceError
from corpus.export.formats import JsonlWriter, MosesWriter, TmxWriter, TsvWriter, XliffWriter
from corpus.export.hf import HfWriter
from corpus.export.writer import Writer

WRITERS: dict[str, type[Writer]] = {
    cls.name: cls
    for cls in (HfWriter, JsonlWriter, MosesWriter, TmxWriter, TsvWriter, XliffWriter)
}

EXPORT_FORMATS = tuple(sorted(WRITERS))


def writer_class(name: str) -> type[Writer]:
    """The writer for a format name; unknown names list the valid ones."""
    if name not in WRITERS:
        raise UnknownChoiceError("export format", name, EXPORT_FORMATS)
    return WRITERS[name]
