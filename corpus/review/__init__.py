"""Review screen for translators: ``bitext review OUT_DIR``.

``session.ReviewSession`` holds the state and the operations (pure Python) over the change
model of ``changes``; ``store`` keeps it on disk in OUT_DIR and ``exports`` exports it with
``corpus.export``; ``server`` serves it to a local page (``static/``) with Starlette + uvicorn.
Importing this package is cheap: the web stack loads in ``server``.
"""

from corpus.review.changes import ReviewError
from corpus.review.session import ReviewSession, ReviewState

__all__ = ["ReviewError", "ReviewSession", "ReviewState"]
