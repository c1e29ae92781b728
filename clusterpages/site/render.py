"""Rendering pages through the theme's Jinja2 templates (pure apart from reading templates)."""

from __future__ import annotations

import dataclasses
import functools
import json
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from clusterpages.content.facts import execution
from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.site.compiled import Store
from clusterpages.site.pages import PageSpec
from clusterpages.site.views import videos as video_views
from clusterpages.values import status, text, typography, urls, videos
from clusterpages.values.academic import AcademicYear


@jinja2.pass_context
def _url(ctx, target: str) -> str:
    return urls.relative(target, ctx["page_path"])


@jinja2.pass_context
def _asset(ctx, name: str) -> str:
    return urls.relative(urls.asset(name), ctx["page_path"])


def _year(y: AcademicYear, style: str = "dash") -> str:
    return y.label(style)


def _json_ld(data) -> Markup:
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if v is not None}
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def environment(templates: Path, compiled: Store | None = None) -> jinja2.Environment:
    """The theme's Jinja environment; `compiled`: where compiled templates are kept between builds
    and processes, and found compiled at setup (by name and source checksum: a changed template
    compiles anew; site/compiled.py)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True,
                             bytecode_cache=compiled.cache() if compiled is not None else None)
    env.globals.update(url=_url, asset=_asset, status_labels=status.LABELS, status_icons=status.ICONS,
                       status_order=status.ORDER, states=execution.STATES)
    env.filters.update(ru_date=text.ru_date, ru_short_date=text.ru_short_date, ru_number=text.ru_number, ru_figure=text.ru_figure_text,
                       ru_date_range=text.ru_date_range, status_note=text.status_note,
                       typo=text.typo_markup, plural=lambda n, a, b, c: text.plural(n, a, b, c), year=_year,
                       json_ld=_json_ld, ru_month=text.ru_month, iso=lambda d: d.isoformat(),
                       video_ld=lambda v: _json_ld(video_views.structured_data(v)),
                       platform=lambda key: videos.PLATFORM_NAMES.get(key, key),
                       capitalize_first=lambda s: s[:1].upper() + s[1:])
    return env


@functools.lru_cache(maxsize=4)
def kept_environments(templates: Path, compiled: Store | None) -> tuple[jinja2.Environment, jinja2.Environment]:
    """`environment` and the same `with_bundled_templates`, made once a process (a worker renders
    many chunks of pages, each its templates loaded again otherwise). In this process (the
    preview keeps it between saves) Jinja loads again a template whose file changed since
    (auto_reload), so an environment kept is never stale; a worker process ends with its build,
    whose templates are the ones it loaded (it does not look at their files before every page)."""
    env = environment(templates, compiled)
    env.auto_reload = multiprocessing.parent_process() is None
    return env, with_bundled_templates(env)


def warm(templates: Path, compiled: Store | None, share: tuple[int, int] = (0, 1)) -> None:
    """The templates of `kept_environments` loaded ahead of the pages (a worker that waits while
    the site is read compiles them meanwhile): the pages' templates, and the pieces' (embed/) in
    the pieces' environment only (no page uses them). With a folder where the build keeps compiled
    templates (`compiled.writable`) the workers share the work: each compiles its part (`share`: which of how many
    parts) and keeps it there, and takes the others' from there when it first renders with them.
    One that does not load is left to the page that uses it to report."""
    env, fragment_env = kept_environments(templates, compiled)
    todo = [(env, name) for name in env.list_templates() if not name.startswith("embed/")]
    todo += [(fragment_env, name) for name in fragment_env.list_templates() if name.startswith("embed/")]
    which, parts = share if compiled is not None and compiled.writable is not None else (0, 1)
    for kept, name in todo[which::parts]:
        try:
            kept.get_template(name)
        except jinja2.TemplateError:
            continue


def with_bundled_templates(env: jinja2.Environment) -> jinja2.Environment:
    """The same environment, falling back to the bundled theme for templates a site's own theme lacks."""
    return env.overlay(loader=jinja2.ChoiceLoader([env.loader, jinja2.FileSystemLoader(str(BUNDLED_THEME / "templates"))]))


class TemplateProblem(Exception):
    """A theme template failed; carries where, for a diagnostic."""

    def __init__(self, template: str, line: int | None, message: str, page: str):
        super().__init__(template, line, message, page)  # all args: picklable across processes
        self.template, self.line, self.message, self.page = template, line, message, page


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost template frame of a rendering error."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.name or exc.filename, exc.lineno
    # Jinja rewrites the traceback so that template frames carry the template's file and line.
    tb, found = exc.__traceback__, (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")):
            parts = Path(filename).parts
            name = "/".join(parts[parts.index("templates") + 1:]) if "templates" in parts else Path(filename).name
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


# The one large part of the theme's pages that renders the same on every page: the control of the
# version for the visually impaired (~3.8 KB, a sixth of a page). It is typographed once a process
# (`constant_part`) and put back into each page after the rest is typographed; the pages' tag scan
# takes its tags from there too (publish/pagework.py). A theme whose partial uses the page's data,
# or does not begin and end with a block-level tag, or is absent, is typographed with the page.
CONSTANT_PARTIAL = "partials/a11y_panel.html"
_STAND_IN = "<!--cp:constant-part-->"  # a comment: typography leaves it alone, and it ends a run


@dataclass(frozen=True)
class Constant:
    raw: str    # as the partial renders, from its first tag to its last
    done: str   # typographed


@functools.lru_cache(maxsize=8)
def _constant_of(template: jinja2.Template) -> Constant | None:
    try:
        raw = template.render().strip()
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError):
        return None  # it needs the page's data (url() its path): not the same on every page
    if not raw or _STAND_IN in raw or not typography.sealed(raw):
        return None
    return Constant(raw, typography.typograph_html(raw))


def constant_part(env: jinja2.Environment) -> Constant | None:
    """CONSTANT_PARTIAL of the environment's theme as every page holds it (None: not such a part)."""
    try:
        return _constant_of(env.get_template(CONSTANT_PARTIAL))
    except jinja2.TemplateError:
        return None


def _typographed(env: jinja2.Environment, html: str) -> str:
    """typography.typograph_html(html), the constant part typographed once a process."""
    part = constant_part(env)
    at = html.find(part.raw) if part is not None and _STAND_IN not in html else -1
    if at < 0:
        return typography.typograph_html(html)
    done = typography.typograph_html(html[:at] + _STAND_IN + html[at + len(part.raw):])
    at = done.index(_STAND_IN)
    return done[:at] + part.done + done[at + len(_STAND_IN):]


# A page's Markdown body (page.html's `page.body_html`), typographed once for the page and its CMS
# piece (publish/pagework.py): each is rendered with this stand-in for the body, the rest is
# typographed, and the body put back. A body that begins and ends with a block-level tag
# (typography.sealed) gets the same typography alone as inside any page, as the constant part does.
BODY_STAND_IN = "<!--cp:body-->"


def typographed_body(spec: PageSpec) -> str | None:
    """The page's body typographed, when it can be typographed apart (else None)."""
    view = spec.data.get("page")
    if not isinstance(getattr(view, "body_utf8", None), bytes) or not dataclasses.is_dataclass(view):
        return None
    body = view.body_html
    if BODY_STAND_IN in body or typography.untouchable(body) or not typography.sealed(body):
        return None
    return typography.typograph_html(body, seen_once=True)


def render_with_body(env: jinja2.Environment, spec: PageSpec, body: str) -> str | None:
    """render_text(env, spec) with the page's body typographed apart (`body`, typographed_body's);
    None when the template is not an HTML one, does not show the body once, or holds what
    typography leaves alone."""
    around = around_body(env, spec)
    return None if around is None else around[0] + body + around[1]


def around_body(env: jinja2.Environment, spec: PageSpec) -> tuple[str, str] | None:
    """What render_with_body puts before and after the body (None: as render_with_body)."""
    if not spec.template.endswith(".html"):
        return None
    stand_in = dataclasses.replace(spec.data["page"], body_utf8=BODY_STAND_IN.encode("utf-8"))
    html = _rendered(env, dataclasses.replace(spec, data={**spec.data, "page": stand_in}))
    if html.count(BODY_STAND_IN) != 1 or typography.untouchable(html):
        return None
    head, _, tail = _typographed(env, html).partition(BODY_STAND_IN)
    return head, tail


def _rendered(env: jinja2.Environment, spec: PageSpec) -> str:
    try:
        return env.get_template(spec.template).render(spec.context())
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(spec.template, None, f"шаблон «{exc.name}» не найден", spec.path) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        name, line = _template_line(exc)
        raise TemplateProblem(name or spec.template, line, str(exc), spec.path) from None


def render_page(env: jinja2.Environment, spec: PageSpec) -> bytes:
    """The page's bytes."""
    return render_text(env, spec).encode("utf-8")


def render_text(env: jinja2.Environment, spec: PageSpec, typographed: bool = True) -> str:
    """The page's text (a worker that scans and rewrites it, then writes it, encodes it once);
    `typographed=False` leaves typography to the caller (a CMS piece is typographed once, after
    its links are rewritten)."""
    html = _rendered(env, spec)
    if typographed and spec.template.endswith(".html"):
        html = _typographed(env, html)
    return html
