"""A worker keeps its Jinja environments for the whole build (site/render.py, kept_environments):
a template changed, added or removed since is what the next render uses."""

from __future__ import annotations

import os

import jinja2
import pytest

from clusterpages.site import render


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
