"""Browser tests: Playwright drives Debian's Chromium against the live server.

axe-core runs on every page a test visits. It is injected into each document (the test
context bypasses our CSP for that alone), runs on `load` and reports to the test; links,
form submissions and page.goto wait until it has. Any WCAG 2.1 A/AA violation fails the
test, naming the page, the rule and the elements. After an htmx update, call axe.rerun(page).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

AXE_SOURCE = (Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js").read_text()
AXE_RUNNER = """
(() => {
  if (window.top !== window) return;
  window.__axeDone = !location.protocol.startsWith('http');
  if (window.__axeDone) return;
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const run = () => axe.run(document, {runOnly: {type: 'tag', values: tags}})
    .then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
    })))
    .catch((e) => [{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]);
  window.__axeRun = run;
  window.__axeResult = new Promise((resolve) => {
    const start = () => run().then((found) => window.__reportAxe(location.href, found))
      .then(() => { window.__axeDone = true; resolve(); });
    if (document.readyState === 'complete') start(); else window.addEventListener('load', start);
  });
  // Hold a link or a form submission until axe has reported on this page, so that a fast
  // test cannot leave a page unchecked.
  document.addEventListener('submit', (event) => {
    if (window.__axeDone) return;
    event.preventDefault();
    const form = event.target, submitter = event.submitter;
    window.__axeResult.then(() => form.requestSubmit(submitter));
  }, true);
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href]');
    if (window.__axeDone || !link || event.defaultPrevented) return;
    if (link.target || link.hasAttribute('download')) return;
    if (link.getAttribute('href').startsWith('#')) return;
    event.preventDefault();
    window.__axeResult.then(() => { window.location.href = link.href; });
  }, true);
})();
"""
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class AxeAudit:
    def __init__(self) -> None:
        self.checked: list[str] = []
        self.violations: list[tuple[str, dict]] = []

    def record(self, url: str, found: list[dict]) -> None:
        self.checked.append(url)
        self.violations.extend((url, v) for v in found)

    def wait(self, page: Page) -> None:
        """Let axe finish on the current document (before the test leaves it or ends)."""
        if page.url.startswith("http"):
            page.wait_for_function("window.__axeDone === true", timeout=20_000)

    def rerun(self, page: Page) -> None:
        """Check again after htmx has changed part of the page."""
        self.record(page.url + " (after update)", page.evaluate("window.__axeRun()"))

    def report(self) -> str:
        return "\n".join(
            f"{url}: {v['id']} ({v['impact']}) {v['help']} → {', '.join(v['nodes'])}"
            for url, v in self.violations
        )


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def axe():
    return AxeAudit()


@pytest.fixture
def page(browser, live_server, axe):
    context = browser.new_context(
        base_url=live_server.url,
        bypass_csp=True,
        locale="nb-NO",
        viewport={"width": 1280, "height": 900},
    )
    context.add_init_script(AXE_SOURCE)
    context.add_init_script(AXE_RUNNER)
    context.expose_function("__reportAxe", axe.record)
    page = context.new_page()
    page.set_default_timeout(10_000)
    navigate = page.goto

    def goto(url, **kwargs):
        axe.wait(page)
        return navigate(url, **kwargs)

    page.goto = goto
    yield page
    axe.wait(page)
    context.close()
    assert axe.checked, "axe-core checked no page"
    assert not axe.violations, "Accessibility violations:\n" + axe.report()


def login(page: Page, username: str, password: str = "demo") -> None:
    page.goto("/konto/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
