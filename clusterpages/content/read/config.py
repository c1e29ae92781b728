"""site_config.yaml → SiteConfig (validated against the declared schema)."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import fields

from clusterpages.content.read import schema, schemas, yamlload
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import SiteConfig
from clusterpages.values import diagnostics as dg
from clusterpages.values.colorparse import parse_color
from clusterpages.values.colors import ColorError
from clusterpages.values.tokens import DEFAULT_PALETTE, Palette

_PALETTE_KEYS = tuple(f.name for f in fields(Palette))


def _month_day(text: str, file: str, line: int | None, key: str, default: str,
               diags: list[dg.Diagnostic]) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", str(text or default).strip())
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        try:
            _dt.date(2000, month, day)
            return month, day
        except ValueError:
            pass
    diags.append(dg.error("config.month-day", file, line, f"«{text}» в поле {key} — не день года.",
                          f"Запишите месяц и день через дефис в кавычках, например \"{default}\"."))
    m = re.fullmatch(r"(\d+)-(\d+)", default)
    return int(m.group(1)), int(m.group(2))


def fallback_as_of() -> _dt.date:
    """SOURCE_DATE_EPOCH's date when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date()
    return _dt.date.today()


def _palette(written: dict, located, file: str, diags: list[dg.Diagnostic]) -> dict:
    """The brand book's colours: each as written, else the default (a colour that cannot be
    read is an error and takes the default)."""
    colours = {}
    for key in _PALETTE_KEYS:
        value = written.get(key)
        colours[key] = getattr(DEFAULT_PALETTE, key)
        if value is None:
            continue
        try:
            colours[key] = parse_color(value)
        except ColorError as exc:
            line = located.line(("brandbook", "palette", key))
            diags.append(dg.error("config.color", file, line, f"brandbook.palette.{key}: {exc.message}", exc.hint))
    return colours


def _base_url(base_url: str | None, file: str, line: int | None, diags: list[dg.Diagnostic]) -> str | None:
    """Where output/ is published, ending in «/»; an address that is not one is an error."""
    if base_url and not re.match(r"^https?://[^\s/]+", base_url):
        diags.append(dg.error("config.base-url", file, line, f"base_url «{base_url}» — не адрес сайта.",
                              "Запишите полный адрес, например https://college.ru/clusters/, или удалите поле."))
        return None
    if base_url and not base_url.endswith("/"):
        base_url += "/"
    return base_url


def build_config(src: SourceFile, as_of: _dt.date | None, fallback_as_of: _dt.date
                 ) -> tuple[SiteConfig | None, list[dg.Diagnostic]]:
    """`as_of` comes from the command line; `fallback_as_of` from SOURCE_DATE_EPOCH or the clock."""
    located, diags = yamlload.load(src.text, src.rel)
    if located is None:
        return None, diags
    if not isinstance(located.value, dict):
        return None, diags + [dg.error("config.not-mapping", src.rel, 1, "Настройки сайта должны быть полями «ключ: значение».",
                                       "Начните с «title: Название сайта».")]
    data, sub = schema.validate(located, schemas.SITE_CONFIG, src.rel, what="в настройках сайта")
    diags += sub
    brand = data.get("brandbook") or {}
    colours = _palette(brand.get("palette") or {}, located, src.rel, diags)
    year = data.get("academic_year") or {}
    greet = data.get("greetings") or {}
    fonts = brand.get("fonts") or {}
    line = located.line
    base_url = _base_url(data.get("base_url"), src.rel, line(("base_url",)), diags)
    logo = brand.get("logo")
    if any(d.severity == dg.ERROR for d in diags) and data.get("title") is None:
        return None, diags
    config = SiteConfig(
        file=src.rel,
        title=data.get("title") or "",
        demo=bool(data.get("demo")),
        as_of=as_of or data.get("as_of") or fallback_as_of,
        base_url=base_url,
        department_name=(data.get("department") or {}).get("name") or "",
        department_url=(data.get("department") or {}).get("url"),
        year_start=_month_day(year.get("start"), src.rel, line(("academic_year", "start")), "academic_year.start", "09-01", diags),
        year_end=_month_day(year.get("end"), src.rel, line(("academic_year", "end")), "academic_year.end", "06-30", diags),
        year_style=year.get("style") or "dash",
        greet_start=_month_day(greet.get("start"), src.rel, line(("greetings", "start")), "greetings.start", "12-20", diags),
        greet_end=_month_day(greet.get("end"), src.rel, line(("greetings", "end")), "greetings.end", "01-15", diags),
        palette=Palette(**colours),
        fonts=(fonts.get("body") or "PT Sans", fonts.get("heading") or "PT Serif"),
        logo=logo or None,  # as written; assemble resolves it inside content/media/
        logo_line=located.line(("brandbook", "logo")) if logo else None,
        palette_lines=tuple((k, located.line(("brandbook", "palette", k))) for k in _PALETTE_KEYS
                            if located.line(("brandbook", "palette", k)) is not None),
    )
    return config, diags
