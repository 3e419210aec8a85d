"""The timeline page in a real browser (Debian's chromium, headless, kept off the network) driven by
Playwright, loaded over HTTP from a real server. Screenshots go to build/screenshots/."""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_web import CHROMIUM, FLAGS  # noqa: E402
from reconcile_scale import synthetic_claims  # noqa: E402

from annales.api.app import VENDOR  # noqa: E402
from annales.pipeline import ingest  # noqa: E402
from annales.stages.reconcile import reconcile  # noqa: E402
from annales.store import Store  # noqa: E402

SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
HOSTILE = (
    "On 2 March 1848, <script>window.__pwned = 1</script> Metternich was exiled to London. "
    'In April 1848 <img src=x onerror="window.__pwned = 2"> Kossuth was arrested in Vienna.\n'
)

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (make setup)"),
    pytest.mark.skipif(not VENDOR.is_dir(), reason="the page's npm packages are not installed (make setup)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, sample_db: Path, serve: Callable[[Path], str]) -> str:
    """The sample corpus plus a document full of markup, served."""
    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.db"
    shutil.copy(sample_db, db)
    hostile = folder / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    with Store(db) as store:
        ingest([hostile], store)
    return serve(db)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[Path], str]) -> str:
    """The events of 3,000 synthetic claims (about a thousand events, ten times what the page draws one by
    one), served."""
    db = tmp_path_factory.mktemp("crowded") / "crowded.db"
    events, conflicts = reconcile(synthetic_claims(3000))
    with Store(db) as store:
        store.replace_events(events, conflicts)
    return serve(db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def _page(browser: Any, site: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=20000)
    page.wait_for_selector(".vis-item-content", timeout=20000)
    page.errors = errors
    return page


def test_web_click_an_event_shows_its_passages(browser: Any, site: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = _page(browser, site)
    page.screenshot(path=str(SHOTS / "timeline.png"))
    assert page.locator(".vis-item-content").count() > 10
    # The sample corpus's one disputed event: drawn as disputed, its sources side by side.
    page.check("#f-disputed")
    page.wait_for_function("document.querySelectorAll('.vis-item.disputed .vis-item-content').length >= 1")
    page.locator(".vis-item.disputed .vis-item-content").first.click()
    # (the pane fetches its sources' passages one after the other: wait for both sides, not the first to land)
    page.wait_for_function("document.querySelectorAll('#detail .source mark').length >= 2")
    marks = page.locator("#detail .source mark").all_inner_texts()
    assert len(marks) >= 2 and all(m.strip() for m in marks)
    assert page.locator("#detail .conflict").count() >= 1 and page.locator("#detail .source.disputed").count() >= 2
    page.screenshot(path=str(SHOTS / "disputed-event.png"), full_page=True)
    assert page.errors == []


def test_web_filters_and_uncertain_dates_as_ranges(browser: Any, site: str) -> None:
    page = _page(browser, site)
    total = page.locator(".vis-item-content").count()
    assert page.locator(".vis-item.vis-range").count() >= 1  # a month or a year is drawn as a range
    page.select_option("#f-lang", "fr")
    page.wait_for_function(f"document.querySelectorAll('.vis-item-content').length < {total}")
    page.select_option("#f-lang", "")
    page.fill("#f-entity", "Joséphine")
    page.wait_for_function(f"document.querySelectorAll('.vis-item-content').length < {total}")
    assert page.locator(".vis-item-content").count() >= 1
    assert page.evaluate("window.annalesLastFilterMs") >= 0
    page.fill("#f-entity", "")
    page.locator("#entity-list li").first.click()
    page.wait_for_function(f"document.querySelectorAll('.vis-item-content').length < {total}")
    page.screenshot(path=str(SHOTS / "entity-filter.png"))


def test_web_markup_from_a_document_never_runs(browser: Any, site: str) -> None:
    page = _page(browser, site)
    page.select_option("#f-source", "hostile.txt")
    page.wait_for_function("document.querySelectorAll('.vis-item-content').length === 2")
    for index in range(2):
        page.locator(".vis-item-content").nth(index).click()
        page.wait_for_selector("#detail .source mark")
        page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#detail script, #detail img, .vis-item script, .vis-item img").count() == 0
    shown = page.locator("#detail").inner_text() + page.locator("#timeline").inner_text()
    assert "<img" in shown or "<script>" in shown  # shown as text, not run
    assert page.errors == []


def _count(page: Any) -> int:
    """The filtered total the page states ("1,234 events")."""
    text = page.inner_text("#count")
    match = re.fullmatch(r"([\d,]+) events?", text.strip())
    assert match, text
    return int(match.group(1).replace(",", ""))


def _drawn(page: Any) -> int:
    """The events the timeline accounts for: a bucket's count, or one for an event drawn by itself."""
    total = 0
    for text in page.locator(".vis-item-content").all_inner_texts():
        match = re.match(r"([\d,]+) events?\b", text.strip())
        total += int(match.group(1).replace(",", "")) if match else 1
    return total


def _redrawn(page: Any) -> None:
    """Wait for the page's last redraw to be on screen (a filter redraws at once, in its change event)."""
    page.evaluate("window.annalesDrawn")


def test_web_many_events_drawn_as_buckets_a_click_zooms_into(browser: Any, crowded: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = _page(browser, crowded)
    total = _count(page)
    assert total > 500
    # Zoomed out: only buckets, and together they hold every event the filters keep.
    buckets = page.locator(".vis-item.bucket")
    assert buckets.count() > 5
    assert page.locator(".vis-item:not(.bucket)").count() == 0
    assert _drawn(page) == total
    assert any("disputed" in text for text in buckets.all_inner_texts())
    page.screenshot(path=str(SHOTS / "timeline-buckets.png"))
    # A click on a bucket narrows the window to it, until the events are few enough to draw one by one.
    for _ in range(6):
        if page.locator(".vis-item.bucket").count() == 0:
            break
        span = page.evaluate("(() => { const w = annalesTimeline.getWindow(); return w.end - w.start; })()")
        middle = page.locator(".vis-item.bucket .vis-item-content")
        middle.nth(middle.count() // 2).click()
        page.wait_for_function(f"(() => {{ const w = annalesTimeline.getWindow(); return w.end - w.start < {span}; }})()")
        _redrawn(page)
    assert page.locator(".vis-item.bucket").count() == 0
    assert 1 <= page.locator(".vis-item-content").count() <= 100
    assert page.locator("#detail .hint").count() == 1  # a bucket opens no event
    assert _count(page) == total  # the count is of what the filters keep, not of what is in view
    page.screenshot(path=str(SHOTS / "timeline-zoomed-in.png"))
    assert page.errors == []


def test_web_many_events_a_filter_changes_the_count_and_fits_the_window(browser: Any, crowded: str) -> None:
    page = _page(browser, crowded)
    total = _count(page)
    page.check("#f-disputed")
    _redrawn(page)
    disputed = _count(page)
    assert 0 < disputed < total
    assert _drawn(page) == disputed  # the window fits what the filter kept: all of it accounted for
    kept = page.locator(".vis-item.disputed .vis-item-content, .vis-item.bucket .vis-item-content")
    assert kept.count() == page.locator(".vis-item-content").count()
    kinds = page.eval_on_selector_all("#f-type option", "options => options.map(o => o.value)")
    page.select_option("#f-type", kinds[1])
    _redrawn(page)
    both = _count(page)
    assert 0 < both < disputed
    assert _drawn(page) == both
    assert page.errors == []
