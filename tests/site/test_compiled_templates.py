"""Templates compiled at setup (site/compiled.py): a build takes them from there while the code
and each template's text are the ones that compiled them, and never writes there."""

from __future__ import annotations

import os

import pytest

from clusterpages.site import compiled, render
from clusterpages.site.compiled import Store


@pytest.fixture()
def theme(tmp_path, monkeypatch):
    monkeypatch.setattr(compiled, "SHIPPED", tmp_path / "shipped")
    render.kept_environments.cache_clear()
    templates = tmp_path / "templates"
    templates.mkdir()
    for name in ("a.html", "b.html"):
        (templates / name).write_text(f"{{{{ '{name}' }}}}", encoding="utf-8")
    yield templates
    render.kept_environments.cache_clear()


def _setup(templates, fingerprint):
    """What `python -m clusterpages.commands.precompile` does, for this theme and code."""
    target = compiled.shipped(fingerprint)
    target.mkdir(parents=True)
    render.warm(templates, Store(target))
    render.kept_environments.cache_clear()
    return target


def test_templates_compiled_at_setup_are_loaded_not_compiled_and_never_written(theme, tmp_path):
    shipped = _setup(theme, "f" * 64)
    before = {p: p.stat().st_mtime_ns for p in shipped.iterdir()}
    cache = tmp_path / "cache"
    cache.mkdir()
    env = render.environment(theme, Store(cache, "f" * 64))
    env.compile = None  # compiling here rather than loading fails
    assert [env.get_template(n).render() for n in ("a.html", "b.html")] == ["a.html", "b.html"]
    assert {p: p.stat().st_mtime_ns for p in shipped.iterdir()} == before
    assert os.listdir(cache) == []  # loaded from the setup's folder: nothing to keep


def test_a_template_changed_since_setup_or_other_code_compiles_anew_into_the_cache(theme, tmp_path):
    shipped = _setup(theme, "f" * 64)
    before = sorted(os.listdir(shipped))
    (theme / "b.html").write_text("{{ 'b, changed' }}", encoding="utf-8")
    cache = tmp_path / "cache"
    cache.mkdir()
    env = render.environment(theme, Store(cache, "f" * 64))
    assert env.get_template("b.html").render() == "b, changed"
    assert len(os.listdir(cache)) == 1 and sorted(os.listdir(shipped)) == before
    # Another code version reads only its own folder (absent here), not the one compiled for "f…".
    other = render.environment(theme, Store(None, "0" * 64))
    compiled_here = []
    real = other.compile
    other.compile = lambda *a, **k: compiled_here.append(a[1]) or real(*a, **k)
    assert other.get_template("a.html").render() == "a.html" and compiled_here == ["a.html"]


def test_the_setup_step_compiles_every_bundled_template_for_this_code_and_removes_other_versions(tmp_path, monkeypatch):
    # commands/precompile.py as scripts/setup.sh runs it: a build's runtime with this code's
    # fingerprint and no cache folder then renders every bundled template without compiling any.
    from clusterpages import pipeline
    from clusterpages.commands import precompile
    from clusterpages.content.read.location import BUNDLED_THEME
    from clusterpages.runtime.cache import code_fingerprint

    monkeypatch.setattr(compiled, "SHIPPED", tmp_path / "shipped")
    (tmp_path / "shipped" / "0123456789abcdef").mkdir(parents=True)  # another version's folder
    render.kept_environments.cache_clear()
    try:
        assert precompile.main() == 0
        fingerprint = code_fingerprint()
        assert os.listdir(tmp_path / "shipped") == [fingerprint[:16]]
        store = pipeline.Runtime(fingerprint=fingerprint).compiled_templates()
        assert store == Store(None, fingerprint)
        env = render.with_bundled_templates(render.environment(BUNDLED_THEME / "templates", store))
        env.compile = None  # compiling here rather than loading fails
        names = env.list_templates()
        assert len(names) > 20 and all(env.get_template(n) for n in names)
    finally:
        render.kept_environments.cache_clear()
