"""CMS pieces pasted into college sites styled by real themes look right in any column.

Every piece of the example (both forms; the inline one after WordPress's real kses) is pasted
into a page of each host (cms_hosts.HOSTS): one page per host and form, its content columns
resized to 320, 640 and 900 px. In every column: every visible text at 4.5:1 (3:1 large)
against the background actually behind it, nothing outside the column or behind a scroll, no
marker or text transform of the host, the status first where a table became cards.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .cms_hosts import HOSTS, PROBE, WIDTHS, host_page, require_host, wp_kses_post

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[1] / "_artifacts" / "cms-hosts"
SHOWN = ("report-", "plan-", "media-plan-")  # screenshots of these pieces, for a person to look at


def _pieces(out: Path, inline: bool) -> dict[str, str]:
    """Every piece of every cluster (the optional video players apart), by path under embed/."""
    found = {}
    for p in sorted((out / "embed").glob("*/*.html")):
        if p.name.startswith("video-") or p.name.endswith(".inline.html") != inline:
            continue
        found[p.relative_to(out / "embed").as_posix()] = p.read_text(encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def forms(built_site) -> dict[str, tuple[dict[str, str], Path | None]]:
    """The two forms: the class one with embed.css, the inline one as WordPress keeps it."""
    inline = _pieces(built_site, inline=True)
    kept = dict(zip(inline, wp_kses_post(list(inline.values()))))
    return {"classes": (_pieces(built_site, inline=False), built_site / "embed" / "embed.css"),
            "inline": (kept, None)}


@pytest.mark.parametrize("form", ["classes", "inline"])
@pytest.mark.parametrize("host_name", sorted(HOSTS))
def test_every_piece_reads_in_every_column(open_page, forms, tmp_path, host_name, form):
    host = HOSTS[host_name]
    require_host(host)
    pieces, sheet = forms[form]
    assert len(pieces) >= 40
    page_file = tmp_path / f"{host_name}-{form}.html"
    page_file.write_text(host_page(host, pieces, sheet), encoding="utf-8")
    watch = open_page(viewport={"width": 1280, "height": 900})
    watch.goto(page_file.as_uri())
    p = watch.page
    problems = []
    for width in WIDTHS:
        p.evaluate(f"document.body.style.setProperty('--col', '{width}px')")
        problems += [f"{width} px: {x}" for x in p.evaluate(PROBE)]
        _screenshots(p, host_name, form, width)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(_summary(problems))


def _summary(problems: list[str]) -> list[str]:
    """The first problem of each kind (width, kind of piece, what), with how many there are."""
    kinds: dict[tuple, list[str]] = {}
    for x in problems:
        m = re.match(r"(\d+ px): [^/]+/([a-z]+)[^:]*: ([a-z:-]+(?: [a-z]+)?)", x)
        kinds.setdefault(m.groups() if m else (x,), []).append(x)
    return [f"{len(v)}× {v[0]}" for v in kinds.values()][:60]


def _screenshots(p, host_name: str, form: str, width: int) -> None:
    """Screenshots of the report, plan and media-plan pieces of one cluster, when asked for
    (CLUSTERPAGES_SCREENSHOTS=1): tests/_artifacts/cms-hosts/<host>-<form>-<width>-<piece>.png."""
    import os
    if not os.environ.get("CLUSTERPAGES_SCREENSHOTS"):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for col in p.locator("[data-piece^='agro/']").all():
        name = col.get_attribute("data-piece").split("/")[1]
        if name.startswith(SHOWN):
            stem = re.sub(r"(\.inline)?\.html$", "", name)
            col.scroll_into_view_if_needed()
            box = p.evaluate("""e => { const r = e.getBoundingClientRect();
                return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: Math.min(r.height, 1800)}; }""",
                             col.element_handle())
            p.screenshot(path=str(SCREENSHOTS / f"{host_name}-{form}-{width}-{stem}.png"), clip=box, full_page=True)
