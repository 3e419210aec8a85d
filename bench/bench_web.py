"""The timeline page at scale, measured in the browser: first render, one filter and one zoom, with N claims.

The store holds the events of synthetic claims (bench/reconcile_scale.py); the page is served by the real
app and opened in Debian's chromium, headless and off the network, through Playwright. First render is
from the start of the page's script to the timeline's items on screen (``window.annalesFirstRenderMs``).
The filter and the zoom are timed inside the page, from the browser's clock: the filter from setting the
type select and dispatching its ``change`` to two animation frames later (vis-timeline redraws in the
first, the second follows the paint); the zoom from setting the window to a tenth of the range through
the timeline's API to two frames after the page's redraw, which waits for vis-timeline's
``rangechanged`` (emitted 200 ms after a window stops changing, as after a user's wheel zoom), with the
page's own redraw beside it (``window.annalesLastRedrawMs``). Beside them, in the same run: the time to
fetch the page's data alone (``/api/timeline``) from Python, the floor under any first render. The
events are stored again after that fetch, as an ingest would, so the first visit is timed with the
server reading the summaries afresh; the next visit gets the body the server kept.

    .venv/bin/python bench/bench_web.py [--claims 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from reconcile_scale import synthetic_claims

from annales.api import create_app
from annales.stages.reconcile import reconcile
from annales.store import Store

GOALS = {"first_render_ms": 2000.0, "filter_ms": 200.0}
CHROMIUM = "/usr/bin/chromium"
#: Off the network: every host but this machine resolves to nothing, and nothing runs in the background.
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--disable-extensions",
]

#: Two animation frames: vis-timeline redraws in the first (its redraw is throttled to one), the paint
#: follows, then the second runs.
_PAINTED = "new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))"
#: A type filter applied and drawn, in milliseconds of the browser's clock.
FILTER = f"""async (kind) => {{
    const select = document.getElementById("f-type");
    const started = performance.now();
    select.value = kind;
    select.dispatchEvent(new Event("change"));
    await {_PAINTED};
    return performance.now() - started;
}}"""
#: The window narrowed to its middle tenth and drawn: [total ms, the page's own redraw in ms]. The page
#: redraws when vis-timeline emits rangechanged, 200 ms after a window stops changing; its listener,
#: added first, runs first, and puts the new items in place; two frames later they are on screen.
ZOOM = f"""async () => {{
    const timeline = window.annalesTimeline;
    const view = timeline.getWindow();
    const middle = (view.start.valueOf() + view.end.valueOf()) / 2;
    const tenth = (view.end.valueOf() - view.start.valueOf()) / 10;
    const started = performance.now();
    const drawn = new Promise((resolve) => {{
        const done = () => {{
            timeline.off("rangechanged", done);
            {_PAINTED}.then(resolve);
        }};
        timeline.on("rangechanged", done);
    }});
    timeline.setWindow(middle - tenth / 2, middle + tenth / 2, {{ animation: false }});
    await drawn;
    return [performance.now() - started, window.annalesLastRedrawMs];
}}"""


def main(argv: list[str] | None = None) -> int:
    import uvicorn
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--timeout", type=int, default=60, help="seconds to wait for the page")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "web.db"
        started = time.perf_counter()
        events, conflicts = reconcile(synthetic_claims(args.claims))
        with Store(db) as store:
            store.replace_events(events, conflicts)
        print(f"{args.claims:,} claims, {len(events):,} events stored in {time.perf_counter() - started:.1f} s")
        server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=0, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        url = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        with urllib.request.urlopen(url + "/api/timeline", timeout=120) as response:
            size = len(response.read())
        fetch_ms = (time.perf_counter() - started) * 1000
        with Store(db) as store:  # as an ingest would: the server's copy of the summaries is out of date
            store.replace_events(events, conflicts)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            first, later, filtered, zoomed, redrawn = (float("inf"),) * 5
            try:
                for visit in ("first", "later"):  # the server reads the summaries, then sends what it kept
                    page.goto(url + "/")
                    page.wait_for_selector("body[data-ready=true]", timeout=args.timeout * 1000)
                    if visit == "first":
                        first = float(page.evaluate("window.annalesFirstRenderMs"))
                    else:
                        later = float(page.evaluate("window.annalesFirstRenderMs"))
                kinds = page.eval_on_selector_all("#f-type option", "options => options.map(o => o.value)")
                filtered = float(page.evaluate(FILTER, kinds[1]))
                zoomed, redrawn = page.evaluate(ZOOM)
            except PlaywrightTimeout:
                print(f"  the page did not finish within {args.timeout} s")
            browser.close()
        server.should_exit = True
        thread.join(timeout=10)
    print(f"  /api/timeline fetched alone: {fetch_ms:,.0f} ms ({size / 1e6:.1f} MB)")
    print(
        f"  first render in the browser: {first:,.0f} ms = {first / fetch_ms:.1f} x the fetch alone"
        f"   goal < {GOALS['first_render_ms']:.0f} ms {'ok' if first < GOALS['first_render_ms'] else 'MISSED'}"
    )
    print(f"    the next visit:            {later:,.0f} ms = {later / fetch_ms:.1f} x (the server sends the summaries it kept)")
    print(
        f"  a type filter applied:       {filtered:,.0f} ms"
        f"   goal < {GOALS['filter_ms']:.0f} ms {'ok' if filtered < GOALS['filter_ms'] else 'MISSED'}"
    )
    print(
        f"  a zoom to a tenth:           {zoomed:,.0f} ms, the page's redraw {redrawn:,.0f} ms of it, after"
        " vis-timeline's 200 ms wait for the window to settle (no goal)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
