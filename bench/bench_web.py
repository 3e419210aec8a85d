"""The timeline page at scale, measured in the browser: first render and one filter, with N claims stored.

The store holds the events of synthetic claims (bench/reconcile_scale.py); the page is served by the real
app and opened in Debian's chromium, headless and off the network, through Playwright. First render is
from the page's start to the timeline drawn with its items (``window.annalesFirstRenderMs``); a filter is
the time to apply a type filter (``window.annalesLastFilterMs``). Beside them, in the same run: the time
to fetch the page's data alone (``/api/timeline``) from Python, the floor under any first render.

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
    "--headless=new", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--metrics-recording-only", "--disable-extensions",
]


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
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url + "/")
            first, filtered = float("inf"), float("inf")
            try:
                page.wait_for_selector("body[data-ready=true]", timeout=args.timeout * 1000)
                first = float(page.evaluate("window.annalesFirstRenderMs"))
                kinds = page.eval_on_selector_all("#f-type option", "options => options.map(o => o.value)")
                page.select_option("#f-type", kinds[1], timeout=args.timeout * 1000)
                page.wait_for_timeout(200)
                filtered = float(page.evaluate("window.annalesLastFilterMs"))
            except PlaywrightTimeout:
                print(f"  the page did not finish within {args.timeout} s")
            browser.close()
        server.should_exit = True
        thread.join(timeout=10)
    print(f"  /api/timeline fetched alone: {fetch_ms:,.0f} ms ({size / 1e6:.1f} MB)")
    print(f"  first render in the browser: {first:,.0f} ms = {first / fetch_ms:.1f} x the fetch alone"
          f"   goal < {GOALS['first_render_ms']:.0f} ms {'ok' if first < GOALS['first_render_ms'] else 'MISSED'}")
    print(f"  a type filter applied:       {filtered:,.0f} ms"
          f"   goal < {GOALS['filter_ms']:.0f} ms {'ok' if filtered < GOALS['filter_ms'] else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
