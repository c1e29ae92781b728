"""`build.py new plan SLUG --year 2023-2024` (and `new media-plan`): next year's document from
this year's, written beside it as Markdown, with a short report of what was carried.

The edge of `content.nextyear`: it loads the site (so a Word or Excel plan is read like a
Markdown one), finds the cluster's document of the year before, writes the new file and says
what it did. Nothing is overwritten without --force.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from pathlib import Path

from clusterpages.content.academic import AcademicYear
from clusterpages.diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

_YEAR = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
_NAMES = {"plan": "план работы", "media-plan": "медиаплан"}


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _year(text: str | None) -> AcademicYear | None:
    m = _YEAR.match((text or "").strip())
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        return None
    return AcademicYear(int(m.group(1)))


def _numbers(items) -> str:
    shown = [f"п. {i.number}" if i.number else f"«{i.title_text}»" for i in items]
    return ", ".join(shown[:12]) + (" …" if len(shown) > 12 else "")


def report(kind: str, old, new_path: Path, carried) -> list[str]:
    """What the command tells the methodist."""
    lines = [f"Создан {_NAMES[kind]}: {new_path}",
             f"Перенесено из {old.file} незавершённых пунктов: {len(carried.carried)}"
             + (f" ({_numbers(carried.carried)})" if carried.carried else "") + "."]
    for why in sorted({w for _, w in carried.left}):
        rows = [i for i, w in carried.left if w == why]
        lines.append(f"Оставлено в старом плане ({why}): {len(rows)} ({_numbers(rows)}).")
    lines.append("Впишите в новый план дату утверждения (блок approved), проверьте сроки перенесённых пунктов "
                 "и добавьте новые мероприятия. В старом плане эти пункты будут показаны как «перенесено в план».")
    return lines


def run(config: Path, kind: str, cluster: str, year_text: str | None, as_of: _dt.date | None, force: bool) -> int:
    from clusterpages import pipeline
    from clusterpages.content import nextyear
    from clusterpages.content.config import fallback_as_of

    year = _year(year_text)
    if year is None:
        _say(f"Укажите учебный год нового плана: --year 2023-2024 (написано: «{year_text or ''}»).")
        return EXIT_USAGE
    site, diags = pipeline.prepare(config, as_of, fallback_as_of())
    if site is None:
        for d in diags:
            _say(str(d))
        _say("Сайт не загрузился: исправьте ошибки выше и повторите.")
        return EXIT_CONTENT
    earlier = sorted((p for p in site.plans if p.cluster == cluster and p.kind == kind and p.year.first < year.first),
                     key=lambda p: p.year.first)
    if not earlier:
        known = sorted({p.cluster for p in site.plans})
        _say(f"У кластера «{cluster}» нет документа «{kind}» за годы до {year.label('dash')}: не из чего переносить. "
             f"Кластеры с планами: {', '.join(known)}.")
        return EXIT_USAGE
    old = earlier[-1]
    target = config.parent / "content" / "clusters" / cluster / f"{kind}-{year.first}-{year.first + 1}.md"
    others = [target.with_suffix(ext) for ext in (".md", ".docx", ".xlsx") if target.with_suffix(ext).exists()]
    if others and not force:
        _say(f"Файл {others[0]} уже есть: новый план не записан. Чтобы заменить его, добавьте --force.")
        return EXIT_USAGE
    carried = nextyear.carry(old, year)
    target.write_text(carried.text, encoding="utf-8", newline="\n")
    for line in report(kind, old, target, carried):
        _say(line)
    return EXIT_OK
