"""Templates compiled at setup (site/compiled.py): a build takes them from there while the code
and each template's text are the ones that compiled them, and never writes there."""

from __future__ import annotations

import os

import pytest

from clusterpages.site import compiled, render
from clusterpages.site.compiled import Kept


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
    """What `python -m clusterpages.site.compiled` does, for this theme and code."""
    target = compiled.shipped(fingerprint)
    target.mkdir(parents=True)
    render.warm(templates, Kept(target))
    render.kept_environments.cache_clear()
    return target


def test_templates_compiled_at_setup_are_loaded_not_compiled_and_never_written(theme, tmp_path):
    shipped = _setup(theme, "f" * 64)
    before = {p: p.stat().st_mtime_ns for p in shipped.iterdir()}
    cache = tmp_path / "cache"
    cache.mkdir()
    env = render.environment(theme, Kept(cache, "f" * 64))
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
    env = render.environment(theme, Kept(cache, "f" * 64))
    assert env.get_template("b.html").render() == "b, changed"
    assert len(os.listdir(cache)) == 1 and sorted(os.listdir(shipped)) == before
    other = render.environment(theme, Kept(None, "0" * 64))  # another code version: its own folder, absent
    compiled_here = []
    real = other.compile
    other.compile = lambda *a, **k: compiled_here.append(a[1]) or real(*a, **k)
    assert other.get_template("a.html").render() == "a.html" and compiled_here == ["a.html"]
