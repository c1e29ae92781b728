"""`build.py new cluster SLUG --name …`: a cluster folder with commented examples that build cleanly."""

from __future__ import annotations

import re
from pathlib import Path

from clusterpages.text import slugify

_CLUSTER = """\
# Кластер «{name}». Поля описаны в docs/content-model.md.
name: {name_q}
short_name: {short_q}
established: true
# Цвет кластера: ключ палитры (primary, secondary, accent) или свой цвет в кавычках, например "#0b4f8a".
accent: primary
description: Кратко о кластере — одна-две фразы.
leading_college:
  name: Название ведущей ПОО
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
| 1 | Заседание совета кластера | сентябрь {y1} | И. О. Фамилия | Протокол заседания | |
| 2 | Актуализация плана работы по решениям протокола | до 25.12.{y1} | И. О. Фамилия | План на сайте ведущей ПОО | |
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
| 1 | октябрь {y1} | Старт работы кластера в новом учебном году | пост | госпаблик VK | 500 | | И. О. Фамилия | |
"""


def new_cluster(site_root: Path, slug: str, name: str, first_year: int | None = None) -> Path:
    """Create content/clusters/<slug>/ with cluster.yaml, a plan and a media plan."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) or slug == "sveden":
        raise ValueError(f"Имя папки «{slug}» не подходит для адреса страницы: латинские строчные буквы, цифры и дефис. "
                         f"Например: {slugify(slug or name)}")
    if not name.strip():
        raise ValueError("Укажите название кластера: --name \"Образовательно-отраслевой кластер …\"")
    folder = site_root / "content" / "clusters" / slug
    if folder.exists():
        raise ValueError(f"Папка «{folder}» уже существует: выберите другое имя.")
    y1 = first_year or _current_academic_year()
    short = re.sub(r"^образовательно-отраслевой кластер\s*", "", name.strip(), flags=re.I) or name.strip()
    (folder / "media").mkdir(parents=True)
    (folder / "cluster.yaml").write_text(_CLUSTER.format(name=name, name_q=_q(name), short_q=_q(short[:1].upper() + short[1:])),
                                         encoding="utf-8", newline="\n")
    (folder / f"plan-{y1}-{y1 + 1}.md").write_text(_PLAN.format(y1=y1, y2=y1 + 1), encoding="utf-8", newline="\n")
    (folder / f"media-plan-{y1}-{y1 + 1}.md").write_text(_MEDIA.format(y1=y1, y2=y1 + 1), encoding="utf-8", newline="\n")
    return folder


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _current_academic_year() -> int:
    import datetime as _dt
    today = _dt.date.today()
    return today.year if today.month >= 9 else today.year - 1
