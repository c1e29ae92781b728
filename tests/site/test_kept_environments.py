"""A worker keeps its Jinja environments for the whole build (site/render.py, kept_environments):
a template changed, added or removed since is what the next render uses."""

from __future__ import annotations

import os

import jinja2
import pytest

from clusterpages.site import render
from clusterpages.site.compiled import Store


def test_a_kept_environment_renders_a_template_as_its_file_is_now(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html"
    page.write_text("один", encoding="utf-8")
    env, bundled = render.kept_environments(templates, None)
    assert env.get_template("page.html").render() == "один"
    assert render.kept_environments(templates, None)[0] is env and bundled.get_template("page.html").render() == "один"
    page.write_text("два", encoding="utf-8")
    stat = page.stat()
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    (templates / "new.html").write_text("новый", encoding="utf-8")
    env, bundled = render.kept_environments(templates, None)
    assert env.get_template("page.html").render() == "два" == bundled.get_template("page.html").render()
    assert env.get_template("new.html").render() == "новый"
    page.unlink()
    with pytest.raises(jinja2.TemplateNotFound):
        env.get_template("page.html")


def test_workers_warming_their_shares_compile_each_template_once_into_the_shared_folder(tmp_path):
    # Two workers' shares (render.warm with (0, 2) and (1, 2)) leave in the folder what one worker
    # warming alone compiles, each share a part of it; a third environment then loads the
    # templates from there without compiling any.
    templates = tmp_path / "templates"
    (templates / "embed").mkdir(parents=True)
    for name in ("a.html", "b.html", "c.html", "embed/p.html", "embed/q.html"):
        (templates / name).write_text(f"{{{{ '{name}' }}}}", encoding="utf-8")
    shared, alone = tmp_path / "shared", tmp_path / "alone"
    shared.mkdir()
    alone.mkdir()
    render.warm(templates, Store(shared), (0, 2))
    first = set(os.listdir(shared))
    render.kept_environments.cache_clear()  # the second worker: a process of its own
    render.warm(templates, Store(shared), (1, 2))
    render.kept_environments.cache_clear()
    render.warm(templates, Store(alone))
    render.kept_environments.cache_clear()
    assert 0 < len(first) < len(set(os.listdir(shared))) and set(os.listdir(shared)) == set(os.listdir(alone))
    env = render.with_bundled_templates(render.environment(templates, Store(shared)))
    env.compile = None  # a template compiled here rather than loaded from the folder fails
    for name in ("a.html", "b.html", "c.html", "embed/p.html", "embed/q.html"):
        assert env.get_template(name).render() == name
