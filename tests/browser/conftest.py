"""Fixtures of the browser tests: one build of the example site, one Chromium, a sub-path
HTTP server and watched pages. Run them with `bash scripts/test.sh -m browser`."""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    SETUP_HINT,
    SiteServer,
    Watch,
    a11y_init_script,
    all_pages,
    axe_init_script,
    require_chromium,
)

DEFAULT_VIEWPORT = {"width": 1280, "height": 900}
PAGE_TIMEOUT_MS = 20_000


@pytest.fixture(scope="session")
def built_site(example_build) -> Path:
    """The example site (./site_config.yaml, ./content) built once with --strict: the output of
    the run's shared build (tests/conftest.py, example_build). Read it, never write into it."""
    return example_build.out


@pytest.fixture(scope="session")
def site_pages(built_site) -> list[Path]:
    pages = all_pages(built_site)
    assert pages, f"the build in {built_site} has no HTML pages"
    return pages


@pytest.fixture(scope="session")
def site_server(built_site):
    """The build served at http://127.0.0.1:<free port>/college-site/clusters/."""
    server = SiteServer(built_site).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    require_chromium()
    try:
        browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as exc:  # a broken install: say what to do
        pytest.fail(f"Chromium does not start ({exc}): {SETUP_HINT}")
    yield browser
    browser.close()


@pytest.fixture
def open_page(browser):
    """Factory: open_page(a11y=None, axe=False, **context_options) → a Watch on a fresh context's
    page; `axe=True` gives every document of the context axe-core from its start (run_axe).

    `a11y` is the localStorage state of the version for the visually impaired to store before
    every document (see browser_support.a11y_state), None for the normal version. Every
    problem seen (requests leaving the machine, failed requests, HTTP >= 400, console and page
    errors) fails the test at teardown unless the test already checked it.
    """
    contexts = []
    watches: list[Watch] = []

    def factory(a11y: dict | None = None, axe: bool = False, **options) -> Watch:
        options.setdefault("viewport", DEFAULT_VIEWPORT)
        options.setdefault("locale", "ru-RU")
        options.setdefault("service_workers", "block")
        context = browser.new_context(**options)
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        if a11y is not None:
            context.add_init_script(a11y_init_script(a11y))
        if axe:
            context.add_init_script(axe_init_script())
        contexts.append(context)
        watch = Watch(context.new_page()).attach()
        watches.append(watch)
        return watch

    yield factory
    leftovers = [p for w in watches for p in w.new_problems()]
    for context in contexts:
        context.close()
    assert not leftovers, "problems while loading pages:\n  " + "\n  ".join(leftovers)


@pytest.fixture
def page(open_page) -> Watch:
    """A watched page at 1280×900 in the normal version."""
    return open_page()
