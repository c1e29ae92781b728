"""Shared fixtures: the repository, copies of the example site, running the command line, and
one build of the example site for the whole test run (`example_build`)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_AS_OF = dt.date(2023, 2, 15)

# Property tests are derandomized: every run tries the same examples (a failure is reproduced by
# running again), and no example database is written. Tests set their own modest max_examples;
# the long runs are separate tests marked `slow` (pytest --run-slow), which explore at random.
hypothesis_settings.register_profile("clusterpages", derandomize=True, database=None)
hypothesis_settings.load_profile("clusterpages")


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current build of the example region")
    parser.addoption("--update-screenshots", action="store_true", default=False,
                     help="rewrite docs/screenshots/ from this build instead of comparing with them "
                          "(tests/browser/test_screenshots.py)")
    parser.addoption("--run-slow", action="store_true", default=False,
                     help="also run the long tests marked `slow` (long property runs); "
                          "CLUSTERPAGES_LONG_TESTS=1 does the same")


def run_slow(config) -> bool:
    return config.getoption("--run-slow") or os.environ.get("CLUSTERPAGES_LONG_TESTS") == "1"


# The test files that take longest (15 s and more on two cores), longest first. They are run
# first, so that the processes of a parallel run (pytest-xdist, one file to a process) finish
# together on the short files instead of one waiting while the other ends a long file.
LONG_FILES = ("browser/test_every_page.py", "hardening/test_hardening_xss.py", "browser/test_presentable.py",
              "hardening/test_hardening_faults.py", "test_incremental.py", "browser/test_search.py",
              "browser/test_screenshots.py", "test_cli.py", "test_pagekeys.py", "browser/test_cms_hosts.py")


def _long_first(item) -> int:
    path = Path(item.path)
    rel = path.relative_to(REPO / "tests").as_posix() if path.is_relative_to(REPO / "tests") else ""
    return LONG_FILES.index(rel) if rel in LONG_FILES else len(LONG_FILES)


def pytest_collection_modifyitems(config, items):
    items.sort(key=_long_first)  # stable: each file's tests keep their order
    if run_slow(config):
        return
    skip = pytest.mark.skip(reason="a long run: pytest --run-slow (or CLUSTERPAGES_LONG_TESTS=1)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


def copy_example(site: Path, clusters: tuple[str, ...] | None = None) -> Path:
    """Copy the example region (site_config.yaml and content/) into `site`; returns its site_config.yaml.

    `clusters` keeps only those clusters' folders (the protocols, the guide and the indicators
    stay): a smaller region that still builds clean under --strict, for tests of what does not
    depend on the number of clusters."""
    site.mkdir(parents=True)
    shutil.copy2(REPO / "site_config.yaml", site / "site_config.yaml")

    def ignore(folder: str, names: list[str]) -> list[str]:
        if clusters is None or Path(folder) != REPO / "content" / "clusters":
            return []
        return [n for n in names if n not in clusters]

    shutil.copytree(REPO / "content", site / "content", ignore=ignore)
    return site / "site_config.yaml"


@pytest.fixture
def example_site(tmp_path: Path) -> Path:
    """A writable copy of the example region; returns its site_config.yaml."""
    return copy_example(tmp_path / "site")


@pytest.fixture
def it_site(tmp_path: Path) -> Path:
    """A writable copy of the example region with its IT cluster only (a third of the build's
    time); returns its site_config.yaml."""
    return copy_example(tmp_path / "site", clusters=("it",))


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under `root`, by its path relative to `root`."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class ExampleBuild:
    """The example region built once, in-process, as `build --strict --as-of 2023-02-15` builds it.

    Shared by the whole test run (one per xdist worker): READ it, never write into it. A test
    that edits the content or needs a process of its own builds a copy of its own."""
    site: Path        # the copied site: site_config.yaml and content/
    out: Path         # the built output
    result: object    # pipeline.Result of the build (its diagnostics, the site model)

    @property
    def config(self) -> Path:
        return self.site / "site_config.yaml"

    def path(self, rel: str) -> Path:
        path = self.out / rel
        assert path.is_file(), f"the example build has no {rel}"
        return path

    def page(self, rel: str) -> str:
        """The text of one built file, e.g. page("clusters/it/index.html")."""
        return self.path(rel).read_text(encoding="utf-8")

    def read(self, rel: str) -> bytes:
        return self.path(rel).read_bytes()

    @functools.cached_property
    def files(self) -> dict[str, bytes]:
        """Every built file's bytes by its path relative to the output (read once)."""
        return {p.relative_to(self.out).as_posix(): p.read_bytes() for p in sorted(self.out.rglob("*")) if p.is_file()}

    @functools.cached_property
    def hashes(self) -> dict[str, str]:
        return {rel: hashlib.sha256(data).hexdigest() for rel, data in self.files.items()}


def build_example(root: Path, *, jobs: int = 1) -> ExampleBuild:
    """Copy the example region under `root` and build it in-process into root/output."""
    from clusterpages import pipeline
    from clusterpages.values import diagnostics as dg
    config = copy_example(root / "site")
    out = root / "output"
    result = pipeline.build(config, out, EXAMPLE_AS_OF, EXAMPLE_AS_OF, True, None, jobs=jobs, use_cache=False)
    loud = [dg.format_text(d) for d in result.diagnostics if d.severity != dg.INFO]
    assert result.written and not loud, "the example region does not build clean under --strict:\n" + "\n".join(loud)
    assert (out / "index.html").is_file(), f"the build wrote no index.html into {out}"
    return ExampleBuild(config.parent, out, result)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> ExampleBuild:
    """The example region built once for the whole run (per xdist worker): read-only."""
    return build_example(tmp_path_factory.mktemp("example-build"))


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
