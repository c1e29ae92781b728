"""`build.py new cluster SLUG --name …`: a cluster folder with commented examples.

What only the college can know (the leading college's name, the responsible people, the
menu name when --short-name is not given) is written as a placeholder «[ЗАПОЛНИТЕ: …]»:
the build warns about every one left (content/placeholders.py) and `--strict` fails, so a
scaffold is never published as it is. The first plan's academic year is the one the
site's as-of date falls in.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from clusterpages.values import inputs
from clusterpages.values.text import slugify

_CLUSTER = """\
# Кластер «{name}». Поля описаны в docs/content-model.md.
name: {name_q}
short_name: {short_q}   # краткое название: пункт меню и заголовки карточек
established: true
# Цвет кластера: ключ палитры (primary, secondary, accent) или свой цвет в кавычках, например "#0b4f8a".
accent: primary
description: "{fill}: кратко о кластере — одна-две фразы]"
leading_college:
  name: "{fill}: название ведущей ПОО]"
  # short_name: ТТИТ
  # url: https://college.example.ru/
  # address: г. Томск, ул. …
  # phone: +7 (3822) 00-00-00
  # email: info@college.example.ru
colleges: []        # члены кластера: - name: …
partners: []        # предприятия-партнёры: - name: АО «…»
professions: []     # профессии: - name: Программист, code: 09.02.07
"""

_PLAN = """\
---
# План работы кластера. Таблицы с русскими заголовками столбцов становятся пунктами плана.
title: План работы кластера на {y1}–{y2} учебный год
academic_year: {y1}-{y2}
# approved:                  # гриф «УТВЕРЖДАЮ»
#   position: Директор ОГБПОУ «…»
#   name: И. О. Фамилия
#   date: {y1}-09-01
version: 1
updated: {y1}-09-01
changes: []
---
## Организационная работа

| № | Мероприятие | Срок | Ответственный | Результат | Статус |
|---|---|---|---|---|---|
| 1 | Заседание совета кластера | сентябрь {y1} | {fill}: И. О. Фамилия] | Протокол заседания | |
| 2 | Актуализация плана работы | декабрь {y1} | {fill}: И. О. Фамилия] | План на сайте ведущей ПОО | |
"""

_MEDIA = """\
---
# Медиаплан: информационное сопровождение деятельности кластера.
title: Медиаплан кластера на {y1}–{y2} учебный год
academic_year: {y1}-{y2}
version: 1
updated: {y1}-09-01
---
| № | Дата | Информационный повод | Формат | Канал | Охват (план) | Охват (факт) | Ответственный | Ссылка на публикацию |
|---|---|---|---|---|---|---|---|---|
| 1 | октябрь {y1} | Старт работы кластера в новом учебном году | пост | госпаблик VK | 500 | | {fill}: И. О. Фамилия] | |
"""


PLACEHOLDER = "[ЗАПОЛНИТЕ"
SHORT_NAME_TODO = f"{PLACEHOLDER}: краткое название для меню]"


def academic_year_of(day: _dt.date, year_start: tuple[int, int] = (9, 1)) -> int:
    """The first calendar year of the academic year `day` falls in."""
    return day.year if (day.month, day.day) >= year_start else day.year - 1


def new_cluster(site_root: Path, slug: str, name: str, as_of: _dt.date, short_name: str | None = None,
                year_start: tuple[int, int] = (9, 1)) -> Path:
    """Create content/clusters/<slug>/ with cluster.yaml, a plan and a media plan of the
    academic year of `as_of`; the menu name is `short_name`, or a placeholder to fill in."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) or slug == "sveden":
        raise ValueError(f"Имя папки «{slug}» не подходит для адреса страницы: латинские строчные буквы, цифры и дефис. "
                         f"Например: {slugify(slug or name)}")
    if not name.strip():
        raise ValueError("Укажите название кластера: --name \"Образовательно-отраслевой кластер …\"")
    folder = inputs.on_disk(site_root, inputs.cluster(slug))
    if folder.exists():
        raise ValueError(f"Папка «{folder}» уже существует: выберите другое имя.")
    y1 = academic_year_of(as_of, year_start)
    short = (short_name or "").strip() or SHORT_NAME_TODO
    (folder / "media").mkdir(parents=True)
    (folder / "cluster.yaml").write_text(_CLUSTER.format(name=name, name_q=_q(name), short_q=_q(short), fill=PLACEHOLDER),
                                         encoding="utf-8", newline="\n")
    (folder / f"plan-{y1}-{y1 + 1}.md").write_text(_PLAN.format(y1=y1, y2=y1 + 1, fill=PLACEHOLDER),
                                                   encoding="utf-8", newline="\n")
    (folder / f"media-plan-{y1}-{y1 + 1}.md").write_text(_MEDIA.format(y1=y1, y2=y1 + 1, fill=PLACEHOLDER),
                                                         encoding="utf-8", newline="\n")
    return folder


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
