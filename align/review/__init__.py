"""Review screen for translators: ``bitext review OUT_DIR``.

``session.ReviewSession`` holds the state (pure Python); ``server`` serves it to a local page
(``static/``) with Starlette + uvicorn. Importing this package is cheap: the web stack loads in
``server``.
"""

from align.review.session import ReviewError, ReviewSession, ReviewState

__all__ = ["ReviewError", "ReviewSession", "ReviewState"]
