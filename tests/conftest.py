"""Shared fixtures: the repository, copies of the example site, running the command line."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current build of the example region")


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A writable copy of the example region; returns its site_config.yaml."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy2(REPO / "site_config.yaml", site / "site_config.yaml")
    shutil.copytree(REPO / "content", site / "content")
    return site / "site_config.yaml"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd or REPO, capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=300)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def playwright_instance():
    """One Playwright (sync API) for the whole session: a second sync_playwright() started
    while another runs fails with «Sync API inside the asyncio loop»."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright for Python is not installed: run `bash scripts/test.sh`")
    pw = sync_playwright().start()
    yield pw
    pw.stop()


def prepare(config: Path, as_of: dt.date | None = None):
    from clusterpages import pipeline
    return pipeline.prepare(config, as_of, dt.date(2023, 2, 15))
