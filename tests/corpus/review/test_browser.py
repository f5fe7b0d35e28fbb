"""End to end in a real headless Chromium (Debian's /usr/bin/chromium) through Playwright.

Each step is done with the keyboard or a button, then checked on disk (read_outdir, the files).
Skips with a reason when Chromium or Playwright is missing.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.outdir import PAIRS, read_outdir, write_outdir
from corpus.review.server import ReviewServer
from corpus.review.store import LOG_FILE, STATE_FILE
from tests.corpus.review.sample import EN, make_long_doc

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_COPY = Path("/tmp/bitext-review.png")

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    # bypass_csp: Playwright's wait_for_function evaluates strings, which the page's CSP forbids;
    # without the CSP the <script> check below tests the escaping alone (a stricter test).
    context = browser.new_context(viewport={"width": 1400, "height": 820}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_default_timeout(5000)
    yield page
    context.close()
    assert not errors, errors


def open_review(page, server: ReviewServer) -> None:
    page.goto(server.url)
    page.wait_for_selector("body[data-ready='1']")


def wait_rev(page, rev: int) -> None:
    page.wait_for_function(f"document.body.dataset.rev === '{rev}'")


def row(page, index: int):
    return page.locator(f".bead[data-i='{index}']")


def sentence(page, side: str, sid: int):
    return page.locator(f".sent[data-side='{side}'][data-id='{sid}']")


def on_disk(out: Path) -> list[str]:
    return [b.to_line() for b in read_outdir(out).beads]


def statuses(out: Path) -> list[str]:
    lines = (out / PAIRS).read_text(encoding="utf-8").splitlines()
    return [json.loads(x)["status"] for x in lines]


def test_review_flow(page, outdir: Path, tmp_path: Path) -> None:
    server = ReviewServer(outdir).start()
    try:
        open_review(page, server)
        assert page.locator(".bead").count() == 11
        assert page.locator("#counter").text_content() == "Reviewed 0 / 11"
        # a <script> in a sentence is shown as text and never runs
        assert "<script>window.__pwned = 1</script>" in sentence(page, "src", 10).text_content()
        assert page.evaluate("window.__pwned") is None
        # each bead shows its confidence as a number
        assert row(page, 5).locator(".score").text_content() == "0.35"
        assert "conf-low" in row(page, 5).get_attribute("class")

        # 1. merge bead 0 with the next (keyboard m)
        row(page, 0).locator(".meta").click()
        page.keyboard.press("m")
        wait_rev(page, 1)
        assert on_disk(outdir)[:2] == ["[0,1]:[0,1]", "[2]:[2]"]
        assert page.locator(".bead").count() == 10

        # 2. split it again before zh sentence 1 (click the sentence, then s)
        sentence(page, "src", 1).click()
        page.keyboard.press("s")
        wait_rev(page, 2)
        assert on_disk(outdir)[:2] == ["[0]:[0]", "[1]:[1]"]

        # 3. move the last zh sentence of bead 3 ([3,4]:[3]) down to the next bead (])
        row(page, 3).locator(".meta").click()
        page.keyboard.press("]")
        wait_rev(page, 3)
        assert on_disk(outdir)[3:5] == ["[3]:[3]", "[4,5]:[4]"]
        # ... and back up with the toolbar button (first zh sentence of bead 4 → bead 3)
        row(page, 4).locator(".meta").click()
        page.locator("#toolbar button[data-action='src_up']").click()
        wait_rev(page, 4)
        assert on_disk(outdir)[3:5] == ["[3,4]:[3]", "[5]:[4]"]

        # 4. confirm bead 5 (c): saved, counted, selection moves on to bead 6
        row(page, 5).locator(".meta").click()
        page.keyboard.press("c")
        wait_rev(page, 5)
        assert statuses(outdir)[5] == "confirmed"
        assert page.locator("#counter").text_content() == "Reviewed 1 / 11"
        assert "selected" in row(page, 6).get_attribute("class")
        # reject bead 6 with the button
        page.locator("#toolbar button[data-action='reject']").click()
        wait_rev(page, 6)
        assert statuses(outdir)[6] == "rejected"

        # 5. undo (z) the reject, then Ctrl+Z the confirm, then redo (y) the confirm
        page.keyboard.press("z")
        wait_rev(page, 7)
        page.keyboard.press("Control+z")
        wait_rev(page, 8)
        assert statuses(outdir)[5:7] == ["auto", "auto"]
        assert page.locator("#counter").text_content() == "Reviewed 0 / 11"
        page.keyboard.press("y")
        wait_rev(page, 9)
        assert statuses(outdir)[5] == "confirmed"

        # 6. edit an English sentence (double-click, type, Enter)
        sentence(page, "tgt", 2).dblclick()
        editor = page.locator("textarea.editor")
        editor.fill("The old man opened the door.")
        editor.press("Enter")
        wait_rev(page, 10)
        assert (outdir / "tgt.sents").read_text(encoding="utf-8").splitlines()[2] == (
            "The old man opened the door."
        )
        state = json.loads((outdir / STATE_FILE).read_text(encoding="utf-8"))
        assert state["originals"]["tgt"] == {"2": EN[2]}
        log = (outdir / LOG_FILE).read_text(encoding="utf-8").splitlines()
        assert json.loads(log[-1])["edits"][0]["before"] == EN[2]
        assert "edited" in sentence(page, "tgt", 2).get_attribute("class")

        # 7. reload: nothing is lost
        page.reload()
        page.wait_for_selector("body[data-ready='1']")
        assert page.locator(".bead").count() == 11
        assert sentence(page, "tgt", 2).text_content() == "The old man opened the door."
        assert EN[2] in sentence(page, "tgt", 2).get_attribute("title")
        assert page.locator("#counter").text_content() == "Reviewed 1 / 11"
        assert "st-c" in row(page, 5).get_attribute("class")
        assert page.locator("#undo-btn").is_enabled()

        # 8. the needs-review view lists unreviewed beads, lowest confidence first
        page.locator("#view-review").click()
        first = page.locator(".bead").first
        page.wait_for_function("document.querySelector('#view-review.active') !== null")
        tops = page.eval_on_selector_all(
            ".bead", "rows => rows.map(r => [parseFloat(r.style.top), r.dataset.i])"
        )
        order = [int(i) for _, i in sorted(tops)]
        assert order[0] == 6  # score 0.42; bead 5 (0.35) is confirmed, so it comes last
        assert order[-1] == 5
        assert first.is_visible()
        # confirming there moves on to the next lowest-confidence bead (bead 3, 0.62)
        assert "selected" in row(page, 6).get_attribute("class")
        page.keyboard.press("c")
        wait_rev(page, 11)
        assert "selected" in row(page, 3).get_attribute("class")
        assert statuses(outdir)[6] == "confirmed"
        page.keyboard.press("z")
        wait_rev(page, 12)
        assert statuses(outdir)[6] == "auto"
        page.locator("#view-all").click()

        # 9. the overview canvas: a click jumps to the bead under it
        box = page.locator("#overview").bounding_box()
        page.mouse.click(box["x"] + box["width"] - 12, box["y"] + box["height"] - 12)
        page.wait_for_function("document.querySelector('.bead.selected')?.dataset.i === '10'")

        # 10. export TMX from the page: into OUT_DIR/exports/, statuses carried along
        page.locator("#export-format").select_option("tmx")
        page.locator("#export-btn").click()
        page.wait_for_function("document.body.dataset.exported !== undefined")
        tmx = (outdir / "exports" / "chapter1.tmx").read_text(encoding="utf-8")
        assert '<prop type="x-status">confirmed</prop>' in tmx
        assert "The old man opened the door." in tmx
        assert "exports/chapter1.tmx" in page.locator("#message").text_content()

        # an impossible operation shows the server's message, changes nothing
        row(page, 10).locator(".meta").click()
        page.keyboard.press("m")
        page.wait_for_function("document.querySelector('#message.error') !== null")
        assert "last one" in page.locator("#message").text_content()

        # screenshot for the lead: select a sentence of a low-confidence bead first
        row(page, 0).locator(".meta").click()
        sentence(page, "src", 7).click()
        page.evaluate(
            "(m => { m.textContent = ''; m.className = ''; })(document.getElementById('message'))"
        )
        shot = tmp_path / "bitext-review.png"
        page.screenshot(path=str(shot))
        shutil.copyfile(shot, SCREENSHOT_COPY)
        assert shot.stat().st_size > 10_000
    finally:
        server.stop()
    # restart the server: the same state, and the undo history still works
    server = ReviewServer(outdir).start()
    try:
        open_review(page, server)
        assert sentence(page, "tgt", 2).text_content() == "The old man opened the door."
        page.keyboard.press("z")  # undo the edit after the restart
        wait_rev(page, 1)
        assert (outdir / "tgt.sents").read_text(encoding="utf-8").splitlines()[2] == EN[2]
    finally:
        server.stop()


def test_long_document_is_windowed(page, tmp_path: Path) -> None:
    out = tmp_path / "long"
    write_outdir(out, make_long_doc(5000))
    server = ReviewServer(out).start()
    try:
        open_review(page, server)
        assert page.evaluate("document.body.dataset.beads") == "5000"
        rendered = page.locator(".bead").count()
        assert 0 < rendered < 200, rendered
        # scroll to the end: the last bead is rendered and visible, still few rows in the DOM
        page.evaluate("const l = document.getElementById('list'); l.scrollTop = l.scrollHeight")
        last = row(page, 4999)
        last.wait_for(state="visible")
        assert last.locator(".idx").text_content() == "#5000"
        assert "Sentence 4999:" in last.text_content()
        assert page.locator(".bead").count() < 200
        box, view = last.bounding_box(), page.locator("#list").bounding_box()
        assert view["y"] <= box["y"] and box["y"] + box["height"] <= view["y"] + view["height"] + 1
        # keyboard navigation keeps working at the end: k selects the bead before
        last.locator(".meta").click()
        page.keyboard.press("k")
        page.wait_for_function("document.querySelector('.bead.selected')?.dataset.i === '4998'")
    finally:
        server.stop()
