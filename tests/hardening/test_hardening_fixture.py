"""A small one-cluster site for the hardening tests, written into a temporary folder.

Every kind of content file is present once, so a mutation of any of them can be tried;
the unmutated site checks and builds with no error and no warning (tested below).
Other hardening tests import `site_files`, `write_site`, `run_check`, `run_build`.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from pathlib import Path

AS_OF = dt.date(2023, 2, 15)
EPOCH = dt.datetime(2023, 2, 15, tzinfo=dt.timezone.utc).timestamp()

# A 1×1 transparent PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")
LOGO_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" width="8" height="8">'
            '<rect width="8" height="8" fill="#0b4f8a"/></svg>\n')

CONFIG = """\
title: Кластеры Томской области (проверочный сайт)
language: ru
demo: true
as_of: 2023-02-15
department:
  name: Департамент профессионального образования Томской области
academic_year:
  start: 09-01
  end: 06-30
brandbook:
  palette:
    primary: "#0b4f8a"
    secondary: "#1f6f43"
    accent: "#a3470f"
    neutral_dark: "#334155"
    neutral_light: "#eef2f6"
    background: "#ffffff"
    text: "#1a1a1a"
  fonts:
    body: PT Sans
    heading: PT Serif
"""

PROTOCOL = """\
---
title: Протокол № 4 совещания ведущих ПОО
number: 4
date: 2022-12-06
approved:
  position: Начальник Департамента
  name: Ю. В. Калинин
decisions:
  - number: 1
    text: Сформировать отчёт о деятельности кластеров за 2021–2022 учебный год.
    deadline: "25.12.2022"
    responsible: руководители ведущих ПОО
    evidence:
      - type: report
        academic_year: 2021-2022
  - number: 2
    text: Создать видеоролики о рабочих профессиях.
    deadline: "до 01.04.2023"
    responsible: руководители ведущих ПОО
    evidence:
      - type: video
        kind: profession
---
Текст протокола.
"""

CLUSTER = """\
name: Кластер информационных технологий
short_name: Информационные технологии
established: true
accent: primary
logo: media/logo.svg
description: Кластер объединяет колледжи и ИТ-компании.
leading_college:
  name: Томский техникум информационных технологий
  short_name: ТТИТ
  url: https://example.ru/ttit/
  address: г. Томск, ул. Примерная, д. 1
  phone: +7 (3822) 00-00-01
  email: cluster-it@example.ru
colleges:
  - name: Томский политехнический техникум
    url: https://example.ru/tpt/
partners:
  - name: АО «Микран»
    industry: радиоэлектроника
  - name: ООО «Рубиус»
professions:
  - name: Программист
    code: 09.02.07
evidence:
  - protocol: protocol-4
    decision: 1
    link: pages/about.md
    date: 2022-12-20
    note: Отчёт опубликован
"""

PLAN = """\
---
title: План работы кластера на 2022–2023 учебный год
academic_year: 2022-2023
approved:
  position: Директор ТТИТ
  name: А. В. Смирнов
  date: 2022-09-01
version: 2
updated: 2022-12-20
changes:
  - Добавлены мероприятия медиаплана
---
План утверждён советом кластера.

## Организационная работа

| № | Мероприятие | Срок | Ответственный | Результат | Статус |
|---|---|---|---|---|---|
| 1 | Заседание совета кластера | 20.09.2022 | А. В. Смирнов | Протокол | выполнено |
| 2 | Отчёт кластера (п. 1 протокола № 4) #отчёт | 25.12.2022 | А. В. Смирнов | Отчёт на сайте | выполнено |
| 3 | Стажировки преподавателей | март 2023 | Д. А. Соколов | Шесть стажировок | в работе |
"""

MEDIA_PLAN = """\
---
title: Медиаплан кластера на 2022–2023 учебный год
academic_year: 2022-2023
---
| № | Дата | Информационный повод | Формат | Канал | Охват (план) | Охват (факт) | Ответственный | Ссылка на публикацию |
|---|---|---|---|---|---|---|---|---|
| 1 | 01.09.2022 | День знаний | пост | госпаблик VK | 1500 | 1820 | М. В. Новикова | https://vk.com/wall-1_101 |
| 2 | март 2023 | Чемпионат «ИТ-старт» | статья | сайт ПОО | 500 | | М. В. Новикова | |
"""

REPORT = """\
---
title: Отчёт о деятельности кластера за 2021–2022 учебный год
academic_year: 2021-2022
published: 2022-12-20
indicators:
  - name: Обучающихся по программам кластера
    value: 1250
    previous: 1180
    unit: чел.
    target: 1300
    group: Контингент
---
## Итоги года

Кластер вырос.

## Планы

Новые программы.
"""

VIDEOS = """\
videos:
  - title: Профессия «Программист»
    kind: profession
    url: https://vkvideo.ru/video-217000001_456239017
    profession: Программист
    poster: media/photo.png
    duration: "3:42"
    date: 2023-01-25
    description: Студенты рассказывают о профессии.
    transcript: |
      Программист пишет код.
"""

CHAMPIONSHIP = """\
---
title: Отраслевой чемпионат «ИТ-старт»
start: 2023-03-15
end: 2023-03-17
venue: ТТИТ
level: regional
partners: [АО «Микран»]
competencies: [Программные решения для бизнеса]
tags: [чемпионат]
photos:
  - file: media/photo.png
    alt: Участники на площадке
---
Весенний этап чемпионата.
"""

PAGE = """\
---
title: О кластере
date: 2023-01-18
summary: Коротко о кластере.
tags: [точки-роста]
---
Подробности — в [плане работы](../plan-2022-2023.md) и [отчёте](../report-2021-2022.md).

![Фото с совета](media/photo.png)
"""

CL = "content/clusters/it"


def site_files() -> dict[str, bytes]:
    """The fixture as site path → bytes (a fresh dict each time: mutate freely)."""
    text = {
        "site_config.yaml": CONFIG,
        "content/protocols/protocol-4.md": PROTOCOL,
        f"{CL}/cluster.yaml": CLUSTER,
        f"{CL}/plan-2022-2023.md": PLAN,
        f"{CL}/media-plan-2022-2023.md": MEDIA_PLAN,
        f"{CL}/report-2021-2022.md": REPORT,
        f"{CL}/videos.yaml": VIDEOS,
        f"{CL}/championships/start-2023.md": CHAMPIONSHIP,
        f"{CL}/pages/about.md": PAGE,
        f"{CL}/media/logo.svg": LOGO_SVG,
    }
    files = {k: v.encode("utf-8") for k, v in text.items()}
    files[f"{CL}/media/photo.png"] = PNG
    return files


def write_site(root: Path, files: dict[str, bytes] | None = None) -> Path:
    """Write the fixture (or `files`) under `root`; returns site_config.yaml's path."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in (site_files() if files is None else files).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root / "site_config.yaml"


def run_check(config: Path):
    """pipeline.prepare on the site: (site or None, sorted diagnostics)."""
    from clusterpages import pipeline
    from clusterpages.values import diagnostics as dg
    site, diags = pipeline.prepare(config, None, AS_OF)
    return site, dg.sort(diags)


def run_build(config: Path, out: Path | None = None, strict: bool = False):
    """pipeline.build in-process (serial, no cache): the pipeline's Result."""
    from clusterpages import pipeline
    out = out or config.parent / "output"
    try:
        return pipeline.build(config, out, None, AS_OF, strict, None, jobs=1, use_cache=False)
    except TypeError:  # a pipeline without workers or cache
        return pipeline.build(config, out, None, AS_OF, strict, None)


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- baseline


def test_fixture_checks_clean(tmp_path):
    from clusterpages.values import diagnostics as dg
    site, diags = run_check(write_site(tmp_path / "site"))
    assert site is not None
    loud = [dg.format_text(d) for d in diags if d.severity != dg.INFO]
    assert not loud, "\n".join(loud)
    assert [c.slug for c in site.clusters] == ["it"]
    assert site.plans and site.reports and site.videos and site.championships and site.pages and site.protocols


def test_fixture_builds_clean(tmp_path):
    from clusterpages.values import diagnostics as dg
    config = write_site(tmp_path / "site")
    result = run_build(config, strict=True)
    loud = [dg.format_text(d) for d in result.diagnostics if d.severity != dg.INFO]
    assert not loud, "\n".join(loud)
    out = tmp_path / "site" / "output"
    assert (out / "clusters" / "it" / "plan-2022-2023" / "index.html").is_file()
    assert result.written > 20
