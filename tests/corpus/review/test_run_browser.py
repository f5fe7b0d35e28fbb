"""The run index in a real headless Chromium (skips as ``test_browser`` does)."""

from __future__ import annotations

from pathlib import Path

from corpus.review.server import ReviewServer
from tests.corpus.review.runs_sample import make_run
from tests.corpus.review.test_browser import browser, page  # noqa: F401 — the fixtures

SCREENSHOT_COPY = Path("/tmp/bitext-review-run.png")


def test_a_translator_goes_from_the_run_to_a_document_and_back(page, tmp_path):  # noqa: F811
    run = make_run(tmp_path / "run")
    server = ReviewServer(run).start()
    try:
        page.goto(server.url)
        page.wait_for_selector("body[data-ready='1']")
        assert page.locator("#run-rows tr").count() == 2
        assert page.locator("#run-rows tr").first.locator("a").text_content() == "weak"
        assert "broken: b.zh is a binary file" in page.locator("#failed-list").text_content()
        page.screenshot(path=str(SCREENSHOT_COPY))
        page.locator("#run-rows a").first.click()
        page.wait_for_selector("body[data-ready='1'] .bead")
        assert page.locator("#doc-id").text_content() == "weak"
        page.keyboard.press("c")
        page.wait_for_function("document.querySelector('#counter').textContent.includes('1 /')")
        page.go_back()
        page.wait_for_selector("body[data-ready='1']")
        page.wait_for_function(
            "document.querySelector('#run-rows tr td:nth-child(5)').textContent === '1 / 11'")
    finally:
        server.stop()
