"""Rendering pages through the theme's Jinja2 templates (pure apart from reading templates)."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import dashboard, refs, status, text
from .academic import AcademicYear
from .pages import PageSpec


@jinja2.pass_context
def _url(ctx, target: str) -> str:
    return refs.relative(target, ctx["page_path"])


@jinja2.pass_context
def _asset(ctx, name: str) -> str:
    return refs.relative(f"assets/{name}", ctx["page_path"])


def _year(y: AcademicYear, style: str = "dash") -> str:
    return y.label(style)


def _json_ld(data) -> Markup:
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if v is not None}
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.globals.update(url=_url, asset=_asset, status_labels=status.LABELS, status_icons=status.ICONS,
                       states=dashboard.STATES)
    env.filters.update(ru_date=text.ru_date, ru_short_date=text.ru_short_date, ru_number=text.ru_number,
                       typo=text.typo_markup, plural=lambda n, a, b, c: text.plural(n, a, b, c), year=_year,
                       json_ld=_json_ld, ru_month=text.ru_month)
    return env


def render_page(env: jinja2.Environment, spec: PageSpec) -> bytes:
    html = env.get_template(spec.template).render(spec.context())
    return html.encode("utf-8")
