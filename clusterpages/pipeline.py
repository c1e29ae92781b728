"""The build as one function: load → assemble → check → render → write."""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import dataclass
from pathlib import Path

from . import assemble as asm
from . import check as chk
from . import diagnostics as dg
from . import outputs, pages, publish, render, write
from .load import load
from .model import Site

BUNDLED_THEME = Path(__file__).resolve().parent.parent / "themes" / "brandbook"


@dataclass(frozen=True)
class Result:
    site: Site | None
    diagnostics: tuple[dg.Diagnostic, ...]
    written: int
    seconds: float


def theme_dir(site_root: Path) -> Path:
    own = site_root / "themes" / "brandbook"
    return own if own.is_dir() else BUNDLED_THEME


def _theme_rel(theme: Path, site_root: Path) -> str:
    try:
        return theme.relative_to(site_root).as_posix()
    except ValueError:
        return theme.as_posix()


def _template_diag(exc: "render.TemplateProblem", theme: Path, site_root: Path) -> dg.Diagnostic:
    return dg.error("template.error", f"{_theme_rel(theme, site_root)}/templates/{exc.template}", exc.line,
                    f"Шаблон не отрисовал страницу {exc.page}: {exc.message}.",
                    "Исправьте шаблон темы (или верните стандартную тему, удалив папку themes/ сайта).")


def prepare(config_path: Path, as_of: _dt.date | None, fallback_as_of: _dt.date) -> tuple[Site | None, list[dg.Diagnostic]]:
    """Load, assemble and check: everything `check` does, nothing written."""
    sources = load(config_path)
    site, diags = asm.assemble(sources, as_of, fallback_as_of)
    if site is not None:
        diags += chk.check(site)
    return site, diags


def produce(site: Site, site_root: Path, previous_manifest: dict | None = None
            ) -> tuple[dict[str, bytes], dict[str, Path], list[dg.Diagnostic]]:
    """Render every page and artifact in memory; nothing touches the output yet."""
    theme = theme_dir(site_root)
    env = render.environment(theme / "templates")
    files: dict[str, bytes] = {}
    diags: list[dg.Diagnostic] = []
    for spec in pages.specs(site):
        try:
            files[spec.path] = render.render_page(env, spec)
        except render.TemplateProblem as exc:
            diags.append(_template_diag(exc, theme, site_root))
    if diags:
        return files, {}, diags
    extra, sub = outputs.artifacts(site, env, theme)
    diags += sub
    files.update(extra)
    copies = {site_path: site_root / src for site_path, src in site.media}
    for asset in sorted((theme / "static").rglob("*")):
        if asset.is_file():
            copies[f"assets/{asset.relative_to(theme / 'static').as_posix()}"] = asset
    try:
        published, sub = publish.artifacts(site, env, dict(files), dict(copies), previous_manifest)
    except render.TemplateProblem as exc:
        return files, {}, diags + [_template_diag(exc, theme, site_root)]
    files.update(published)
    diags += sub
    diags += outputs.link_check(files, set(copies), site)
    return files, copies, diags


def build(config_path: Path, out: Path, as_of: _dt.date | None, fallback_as_of: _dt.date, strict: bool,
          epoch: float, previous_manifest: dict | None = None) -> Result:
    started = time.perf_counter()
    site_root = config_path.parent
    write.refuse_unsafe(out, site_root)
    site, diags = prepare(config_path, as_of, fallback_as_of)
    written = 0
    if site is not None and not any(d.severity == dg.ERROR for d in diags):
        files, copies, sub = produce(site, site_root, previous_manifest)
        diags += sub
        if not dg.fails(diags, strict):
            with write.locked(out):
                written = write.write_site(out, files, copies, epoch)
    return Result(site, tuple(dg.sort(diags)), written, time.perf_counter() - started)
