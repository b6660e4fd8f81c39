"""The built website, opened page by page in headless Chromium, as a reader would.

The `site` tier (`pytest -m site`). It builds the book with `make book`, which renders every chapter from the
execution cache (the `notebooks` tier fills it; run alone, `make book` executes what is missing first), and checks
that the build itself executed nothing. It serves the site on 127.0.0.1 and checks every page: no broken internal
links or images, nothing fetched from the internet, and, where Debian's `chromium` and `chromium-driver` are
installed (CI installs them), in a browser: no console errors, maths typeset, every chapter's widgets rendered,
and search. With DLBOOK_SCREENSHOTS=1, screenshots of the chapter pages and their widgets go to
`_build/screenshots/`, for a person to look at (a third of the tier's time, so not by default).
"""

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots" if os.environ.get("DLBOOK_SCREENSHOTS") else None
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")

CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("src", "href") and tag in ("a", "img", "script", "link", "source")):
                self.links.append(value)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def build_log():
    """`make book`'s output: the chapters are executed into the cache first, then jupyter-book renders them."""
    done = subprocess.run(["make", "--no-print-directory", "book"], cwd=ROOT, capture_output=True, text=True)
    log = done.stdout + done.stderr
    if done.returncode:
        pytest.fail(f"make book failed:\n{log[-6000:]}", pytrace=False)
    return log


@pytest.fixture(scope="module")
def site(build_log):
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(site):
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("needs Debian's chromium and chromium-driver (apt-get install them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _pages():
    skip = {"search.html", "genindex.html"}
    return sorted(
        p.relative_to(HTML).as_posix()
        for p in HTML.rglob("*.html")
        if p.name not in skip and "_static" not in p.parts and "_sources" not in p.parts
    )


def _open(browser, url):
    browser.get(url)
    browser.execute_script("return document.readyState")
    # MathJax typesets after load; wait for it where it runs
    browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "if (window.MathJax && MathJax.startup && MathJax.startup.promise) {"
        "  MathJax.startup.promise.then(function(){ done(true); }); } else { done(false); }"
    )


def test_the_book_renders_every_chapter_from_the_execution_cache(build_log):
    """One execution per chapter: jupyter-book finds each chapter in the cache and executes nothing itself."""
    book = build_log[build_log.index("Running Jupyter-Book") :]
    assert "Executing notebook" not in book, "jupyter-book executed a notebook: the cache did not match"
    for chapter in CHAPTERS:
        assert re.search(rf"notebooks/{chapter}\.ipynb: Using cached notebook", book), (
            f"{chapter} not from the cache"
        )


def test_every_page_links_only_to_what_exists_and_nothing_online(site):
    pages = _pages()
    assert any(p.startswith("notebooks/") for p in pages) and any(p.startswith("exercises/") for p in pages)
    for page in pages:
        parser = _Links()
        parser.feed((HTML / page).read_text())
        for link in parser.links:
            url = urlparse(link)
            if url.scheme in ("http", "https"):
                continue  # links out (GitHub, Colab, papers) are fine; fetched resources are checked below
            if url.scheme in ("data", "mailto", "javascript") or not url.path:
                continue
            target = (HTML / page).parent / unquote(url.path)
            assert target.resolve().exists(), f"{page} links to missing {link}"
        fetched = re.findall(
            r'<(?:script|img)[^>]+src="(https?://[^"]+)"|<link[^>]+href="(https?://[^"]+\.css)"',
            (HTML / page).read_text(),
        )
        assert not fetched, f"{page} fetches {fetched} from the internet: vendor it (see the Makefile)"


@pytest.fixture(scope="module")
def visits(site, browser):
    """Every page opened once, as a reader would: what the browser checks below need, recorded per page, and
    screenshots (each chapter whole at half scale, and each widget) in ``SCREENSHOTS`` when it is set."""
    if SCREENSHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return {page: _visit(browser, urljoin(site, page), page) for page in _pages()}


def _visit(browser, url, page) -> dict:
    _open(browser, url)
    seen = {
        "errors": [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"],
        "broken images": browser.execute_script(
            "return Array.from(document.images).filter(function(i){"
            "  return i.offsetParent !== null && !(i.complete && i.naturalWidth > 0); }).map(function(i){"
            "  return i.src.slice(0, 80); });"
        ),
        "typeset": browser.execute_script("return document.querySelectorAll('mjx-container').length"),
        "raw maths": browser.execute_script(
            "return Array.from(document.querySelectorAll('.math')).filter(function(m){"
            "  return !m.querySelector('mjx-container'); }).length"
        ),
        "widgets": [],
    }
    if not page.startswith("notebooks/"):
        return seen
    if SCREENSHOTS:
        height = min(browser.execute_script("return document.documentElement.scrollHeight"), 30000)
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": height, "deviceScaleFactor": 0.5, "mobile": False},
        )
        browser.save_screenshot(str(SCREENSHOTS / f"{Path(page).stem}.png"))
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    for widget in browser.find_elements("css selector", ".dlbook-widget"):
        name = widget.get_attribute("data-widget")
        browser.execute_script("arguments[0].scrollIntoView()", widget)
        if SCREENSHOTS:
            widget.screenshot(str(SCREENSHOTS / f"{Path(page).stem}-{name}.png"))
        visible = [img for img in widget.find_elements("tag name", "img") if img.is_displayed()]
        width = browser.execute_script("return arguments[0].naturalWidth", visible[0]) if visible else 0
        slider_works = None  # no slider of precomputed states
        sliders = widget.find_elements("css selector", "input[type=range]")
        if sliders and visible:
            browser.execute_script(
                "var s = arguments[0]; s.value = s.max;s.dispatchEvent(new Event('input'));", sliders[0]
            )
            now = [img for img in widget.find_elements("tag name", "img") if img.is_displayed()]
            slider_works = len(now) == 1 and now[0] != visible[0]
        seen["widgets"].append(
            {"name": name, "pictures": len(visible), "width": width, "slider": slider_works}
        )
    return seen


def test_every_page_renders_without_console_errors(visits):
    problems = [
        f"{page}: {what} {seen[what]}"
        for page, seen in visits.items()
        for what in ("errors", "broken images")
        if seen[what]
    ]
    assert not problems, "\n".join(problems)


def test_maths_is_typeset(visits):
    for page, seen in visits.items():
        assert seen["raw maths"] == 0, (
            f"{page}: {seen['typeset']} formulas typeset, {seen['raw maths']} left raw"
        )
        if page.startswith("notebooks/"):
            assert seen["typeset"] > 0, f"{page}: a chapter without a typeset formula"


def test_widgets_show_their_pictures_and_precomputed_states(visits):
    chapter_pages = [page for page in visits if page.startswith("notebooks/")]
    assert sorted(Path(p).stem for p in chapter_pages) == CHAPTERS, "a page for every chapter"
    without = [page for page in chapter_pages if not visits[page]["widgets"]]
    assert not without, f"every chapter shows a widget; these show none: {without}"
    for page in chapter_pages:
        for widget in visits[page]["widgets"]:
            assert widget["pictures"] == 1, f"{page}: {widget['name']} shows {widget['pictures']} pictures"
            assert widget["width"] > 100, f"{page}: {widget['name']}'s picture is {widget['width']} px wide"
            assert widget["slider"] is not False, f"{page}: {widget['name']}'s slider changes nothing"


def test_search_finds_backpropagation(site, browser):
    browser.get(urljoin(site, "search.html?q=backpropagation"))
    from selenium.webdriver.support.ui import WebDriverWait

    results = WebDriverWait(browser, 30).until(
        lambda b: b.find_elements("css selector", "#search-results li, ul.search li")
    )
    assert results
