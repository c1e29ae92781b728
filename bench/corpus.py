#!/usr/bin/env python3
"""Deterministic generator of the benchmark corpus (issue 8).

One corpus of N pages spread over M clusters is written in the layouts of five static
site generators, with the same text and the same tables in each:

    <root>/clusterpages/   site_config.yaml, content/clusters/<slug>/{cluster.yaml, plan-2022-2023.md, pages/*.md}
    <root>/hugo/           hugo.toml, content/<slug>/*.md (TOML front matter), layouts/{baseof,single,list}.html
    <root>/eleventy/       eleventy.config.js, _includes/layout.njk, index.njk, <slug>/*.md
    <root>/pelican/        pelicanconf.py, content/<slug>/*.md (Title/Date/Slug metadata)
    <root>/mkdocs/         mkdocs.yml, docs/index.md, docs/<slug>/*.md

Every page has 600–900 words of Russian prose built from a fixed vocabulary and one
Markdown table; every cluster also has a work plan with a 20-row plan table (in the
peers' layouts it is an ordinary page). Randomness is `random.Random` seeded with a string
made of the seed and the page's coordinates, so a page's text does not depend on the
corpus size, on the order pages are written in or on the clock, and one page can be
rewritten alone (`restore_page`).

    python bench/corpus.py --pages 1000 --out bench/.corpora/1000
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1
DEFAULT_SEED = "clusterpages-bench"
LAYOUTS = ("clusterpages", "hugo", "eleventy", "pelican", "mkdocs")

SITE_TITLE = "Образовательно-отраслевые кластеры: нагрузочный корпус"

# --- fixed vocabulary -------------------------------------------------------------

NOUNS = (
    "кластер колледж техникум предприятие партнёр мастерская практика стажировка чемпионат профессия "
    "компетенция программа модуль занятие семинар совещание совет план отчёт показатель результат "
    "выпускник студент обучающийся преподаватель наставник мастер куратор директор специалист работодатель "
    "оборудование площадка лаборатория станок участок цех производство проект заявка договор соглашение "
    "мероприятие экскурсия конференция олимпиада конкурс экзамен аттестация квалификация стандарт норматив "
    "регион область округ муниципалитет департамент министерство школа центр отрасль экономика "
    "технология методика материал пособие учебник задание упражнение тренажёр симулятор платформа "
    "публикация новость видеоролик подкаст интервью репортаж медиаплан охват аудитория канал "
    "качество безопасность охрана здоровье экология энергия ресурс сырьё продукция услуга "
    "график срок этап период квартал месяц неделя год сессия смена"
).split()
ADJECTIVES = (
    "образовательный отраслевой региональный профессиональный практический учебный производственный "
    "современный цифровой новый основной ведущий опорный сетевой совместный межведомственный "
    "демонстрационный квалификационный итоговый промежуточный ежегодный ежемесячный плановый "
    "инженерный технический строительный энергетический аграрный медицинский транспортный "
    "туристический нефтегазовый машиностроительный химический информационный рабочий молодёжный "
    "городской сельский областной федеральный внешний внутренний открытый публичный общий"
).split()
VERBS = (
    "обеспечивает организует проводит развивает поддерживает формирует готовит обучает оценивает "
    "планирует согласует утверждает представляет публикует анализирует обновляет расширяет укрепляет "
    "включает объединяет сопровождает направляет координирует контролирует внедряет использует "
    "демонстрирует показывает предлагает рассматривает определяет выполняет завершает начинает"
).split()
ADVERBS = (
    "регулярно ежегодно совместно успешно последовательно планомерно оперативно своевременно "
    "дополнительно постоянно системно открыто впервые традиционно"
).split()
CONNECTORS = (
    "кроме того; при этом; в частности; в результате; по итогам года; на практике; в рамках проекта; "
    "вместе с партнёрами; по решению совета; в соответствии с планом"
).split("; ")
PEOPLE = ("А. В. Смирнов", "Е. Н. Попова", "И. С. Кузнецов", "О. П. Васильева", "Н. Г. Морозова",
          "Д. А. Соколов", "М. В. Новикова", "С. Л. Фёдоров", "Т. Ю. Волкова", "П. К. Лебедев")
STATUSES = ("выполнено", "выполнено", "в работе", "в работе", "", "", "отменено")

# The first ten clusters have fixed names; more get a numeric suffix.
CLUSTERS = (
    ("it", "информационных технологий", "Информационные технологии"),
    ("stroitelstvo", "строительства и архитектуры", "Строительство"),
    ("energetika", "энергетики", "Энергетика"),
    ("agro", "агропромышленного комплекса", "Агропромышленный комплекс"),
    ("medicina", "здравоохранения", "Здравоохранение"),
    ("transport", "транспорта и логистики", "Транспорт"),
    ("turizm", "туризма и гостеприимства", "Туризм"),
    ("neftegaz", "нефтегазовой отрасли", "Нефтегазовая отрасль"),
    ("mashinostroenie", "машиностроения", "Машиностроение"),
    ("himiya", "химической промышленности", "Химическая промышленность"),
)

_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"]))


def translit(text: str) -> str:
    out = "".join(_TRANSLIT.get(ch, ch if ch.isascii() and ch.isalnum() else "-") for ch in text.lower())
    return "-".join(part for part in out.split("-") if part)


# --- the corpus shape --------------------------------------------------------------

@dataclass(frozen=True)
class Cluster:
    index: int
    slug: str
    genitive: str      # «кластер информационных технологий»
    short_name: str


@dataclass(frozen=True)
class Page:
    cluster: Cluster
    index: int         # index within the cluster
    slug: str
    title: str
    date: _dt.date
    body: str          # Markdown, no front matter


def clusters(m: int) -> list[Cluster]:
    out = []
    for i in range(m):
        slug, gen, short = CLUSTERS[i % len(CLUSTERS)]
        if i >= len(CLUSTERS):
            n = i // len(CLUSTERS) + 1
            slug, gen, short = f"{slug}-{n}", f"{gen} № {n}", f"{short} № {n}"
        out.append(Cluster(i, slug, gen, short))
    return out


def pages_per_cluster(n: int, m: int) -> list[int]:
    """N pages spread over M clusters as evenly as possible (the first clusters get the remainder)."""
    return [n // m + (1 if i < n % m else 0) for i in range(m)]


def _rng(seed: str, *coords) -> random.Random:
    return random.Random(":".join([seed, *map(str, coords)]))


def _sentence(rng: random.Random, words: int) -> list[str]:
    out: list[str] = []
    if rng.random() < 0.25:
        out.extend(rng.choice(CONNECTORS).split())
    while len(out) < words:
        out.append(rng.choice(ADJECTIVES))
        out.append(rng.choice(NOUNS))
        if len(out) < words:
            out.append(rng.choice(VERBS))
        if len(out) < words and rng.random() < 0.3:
            out.append(rng.choice(ADVERBS))
        if len(out) < words:
            out.append(rng.choice(NOUNS))
    out = out[:words]
    out[0] = out[0].capitalize()
    return out


def _paragraph(rng: random.Random, budget: int) -> tuple[str, int]:
    words: list[str] = []
    sentences = []
    while len(words) < budget:
        s = _sentence(rng, min(rng.randint(6, 16), budget - len(words)))
        words += s
        text = " ".join(s)
        sentences.append(text + ".")
    return " ".join(sentences), len(words)


def _title(rng: random.Random) -> str:
    words = [rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(NOUNS)]
    if rng.random() < 0.5:
        words.append(rng.choice(ADJECTIVES))
        words.append(rng.choice(NOUNS))
    words[0] = words[0].capitalize()
    return " ".join(words)


def _table(rng: random.Random) -> str:
    head = "| № | Показатель | Значение | Единица | Комментарий |"
    rows = [head, "|---|---|---|---|---|"]
    for i in range(1, rng.randint(6, 10) + 1):
        name = f"{rng.choice(NOUNS).capitalize()} {rng.choice(ADJECTIVES)}"
        unit = rng.choice(("чел.", "ед.", "%", "ч", "мероприятий"))
        comment = " ".join(_sentence(rng, rng.randint(3, 6)))
        rows.append(f"| {i} | {name} | {rng.randint(1, 2000)} | {unit} | {comment} |")
    return "\n".join(rows)


def make_page(seed: str, cluster: Cluster, index: int) -> Page:
    rng = _rng(seed, cluster.slug, index)
    title = _title(rng)
    slug = f"{translit(' '.join(title.split()[:2]))}-{index + 1:04d}"
    date = _dt.date(2022, 9, 1) + _dt.timedelta(days=rng.randint(0, 290))
    target = rng.randint(600, 900)
    parts: list[str] = []
    words = 0
    table_at = rng.randint(1, 3)  # the table goes after this many paragraphs
    paragraphs = 0
    while words < target:
        if paragraphs and paragraphs % 3 == 0:
            parts.append("## " + _title(rng))
        para, n = _paragraph(rng, min(rng.randint(50, 110), target - words))
        parts.append(para)
        words += n
        paragraphs += 1
        if paragraphs == table_at:
            parts.append(_table(rng))
    return Page(cluster, index, slug, title, date, "\n\n".join(parts) + "\n")


def make_plan(seed: str, cluster: Cluster) -> Page:
    rng = _rng(seed, cluster.slug, "plan")
    title = f"План работы кластера {cluster.genitive} на 2022–2023 учебный год"
    head = ("| № п/п | Наименование мероприятия | Срок исполнения | Ответственный | Ожидаемый результат "
            "| Отметка о выполнении |")
    rows = [head, "|---|---|---|---|---|---|"]
    for i in range(1, 21):
        day = _dt.date(2022, 9, 5) + _dt.timedelta(days=rng.randint(0, 290))
        event = " ".join(_sentence(rng, rng.randint(5, 10)))
        result = " ".join(_sentence(rng, rng.randint(3, 6)))
        status = rng.choice(STATUSES) if day < _dt.date(2023, 2, 15) else rng.choice(("", "в работе"))
        rows.append(f"| {i} | {event} | {day:%d.%m.%Y} | {rng.choice(PEOPLE)} | {result} | {status} |")
    intro, _ = _paragraph(rng, 60)
    body = f"{intro}\n\n## Организационная работа\n\n" + "\n".join(rows) + "\n"
    return Page(cluster, -1, "plan-2022-2023", title, _dt.date(2022, 9, 1), body)


# --- writers per layout ------------------------------------------------------------

def _q(text: str) -> str:
    """A double-quoted string valid in YAML and TOML."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_file(layout: str, root: Path, page: Page) -> Path:
    """Where `page` lives in `layout` under the corpus root."""
    c = page.cluster.slug
    is_plan = page.index < 0
    if layout == "clusterpages":
        base = root / "clusterpages" / "content" / "clusters" / c
        return base / f"{page.slug}.md" if is_plan else base / "pages" / f"{page.slug}.md"
    sub = {"hugo": "hugo/content", "eleventy": "eleventy", "pelican": "pelican/content",
           "mkdocs": "mkdocs/docs"}[layout]
    return root / sub / c / f"{page.slug}.md"


def page_text(layout: str, page: Page) -> str:
    d = page.date.isoformat()
    if layout == "clusterpages":
        if page.index < 0:
            front = f"title: {_q(page.title)}\nacademic_year: 2022-2023\nupdated: {d}\n"
        else:
            front = f"title: {_q(page.title)}\ndate: {d}\n"
        return f"---\n{front}---\n{page.body}"
    if layout == "hugo":
        return f"+++\ntitle = {_q(page.title)}\ndate = {d}\n+++\n{page.body}"
    if layout == "eleventy":
        return f"---\ntitle: {_q(page.title)}\ndate: {d}\nlayout: layout.njk\n---\n{page.body}"
    if layout == "pelican":
        return f"Title: {page.title}\nDate: {d}\nSlug: {page.cluster.slug}-{page.slug}\n\n{page.body}"
    if layout == "mkdocs":
        return f"---\ntitle: {_q(page.title)}\ndate: {d}\n---\n\n# {page.title}\n\n{page.body}"
    raise ValueError(layout)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def _cluster_yaml(seed: str, cluster: Cluster) -> str:
    rng = _rng(seed, cluster.slug, "cluster")
    colleges = "".join(f"  - name: {_q(f'Колледж № {cluster.index * 10 + i + 1}')}\n" for i in range(3))
    partners = "".join(f"  - name: {_q(f'ООО «{rng.choice(NOUNS).capitalize()}-{i + 1}»')}\n"
                       f"    industry: {_q(rng.choice(ADJECTIVES) + ' ' + rng.choice(NOUNS))}\n" for i in range(4))
    professions = "".join(f"  - name: {_q(rng.choice(NOUNS).capitalize() + ' ' + rng.choice(ADJECTIVES))}\n"
                          for _ in range(3))
    return (f"name: {_q('Образовательно-отраслевой кластер ' + cluster.genitive)}\n"
            f"short_name: {_q(cluster.short_name)}\n"
            "established: true\n"
            "accent: primary\n"
            f"description: {_q('Нагрузочный корпус: кластер ' + cluster.genitive + ' (демонстрационные данные).')}\n"
            "leading_college:\n"
            f"  name: {_q(f'Ведущий техникум кластера № {cluster.index + 1}')}\n"
            f"  short_name: {_q(f'ВТ-{cluster.index + 1}')}\n"
            f"colleges:\n{colleges}partners:\n{partners}professions:\n{professions}")


SITE_CONFIG = f"""title: {_q(SITE_TITLE)}
language: ru
demo: true
as_of: 2023-02-15
department:
  name: Департамент профессионального образования
academic_year:
  start: 09-01
  end: 06-30
  style: dash
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

HUGO_CONFIG = f"""baseURL = "https://example.org/"
defaultContentLanguage = "ru"
title = {_q(SITE_TITLE)}
# HTML pages and section lists only, like the other tools here (no feeds, no taxonomies).
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt"]
"""
HUGO_BASEOF = """<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><title>{{ .Title }} — {{ site.Title }}</title></head>
<body>
<nav><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time>
{{ .Content }}</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""

ELEVENTY_CONFIG = """// Minimal Eleventy configuration of the benchmark corpus.
module.exports = function () {
  return {
    dir: { input: ".", includes: "_includes", output: "_site" },
    // The content has no template code: Markdown is plain Markdown (no Liquid pass).
    markdownTemplateEngine: false,
  };
};
"""
ELEVENTY_LAYOUT = """<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<nav><a href="/">Главная</a></nav>
<main><article><h1>{{ title }}</h1>
<time datetime="{{ page.date.toISOString().slice(0, 10) }}">{{ page.date.toISOString().slice(0, 10) }}</time>
{{ content | safe }}</article></main>
</body>
</html>
"""
ELEVENTY_INDEX = f"""---
title: {_q(SITE_TITLE)}
---
<!DOCTYPE html>
<html lang="ru">
<head><meta charset="utf-8"><title>{{{{ title }}}}</title></head>
<body><main><h1>{{{{ title }}}}</h1>
<ul>{{% for p in collections.all %}}<li><a href="{{{{ p.url }}}}">{{{{ p.data.title }}}}</a></li>{{% endfor %}}</ul>
</main></body>
</html>
"""

PELICAN_CONFIG = f"""# Minimal Pelican configuration of the benchmark corpus (bundled default theme).
AUTHOR = "Бенчмарк"
SITENAME = {_q(SITE_TITLE)}
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Moscow"
DEFAULT_LANG = "ru"
DEFAULT_PAGINATION = 20
ARTICLE_URL = "{{category}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{category}}/{{slug}}/index.html"
# No feeds, like the other tools here.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
"""

MKDOCS_CONFIG = f"""site_name: {_q(SITE_TITLE)}
docs_dir: docs
site_dir: site
use_directory_urls: true
theme:
  name: mkdocs
  locale: ru
# nav is not given: MkDocs builds it from the folders.
"""


def _stamp(n: int, m: int, seed: str) -> dict:
    src = Path(__file__).read_bytes()
    return {"generator": GENERATOR_VERSION, "pages": n, "clusters": m, "seed": seed,
            "source": hashlib.sha256(src).hexdigest()[:16]}


def generate(root: Path, n: int, m: int = 10, seed: str = DEFAULT_SEED, force: bool = False) -> bool:
    """Write the corpus under `root` (all five layouts). Returns False when it was already there."""
    stamp_file = root / "corpus.json"
    want = _stamp(n, m, seed)
    if not force and stamp_file.is_file():
        try:
            if json.loads(stamp_file.read_text(encoding="utf-8")) == want:
                return False
        except ValueError:
            pass
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    _write(root / "clusterpages" / "site_config.yaml", SITE_CONFIG)
    _write(root / "hugo" / "hugo.toml", HUGO_CONFIG)
    _write(root / "hugo" / "layouts" / "baseof.html", HUGO_BASEOF)
    _write(root / "hugo" / "layouts" / "single.html", HUGO_SINGLE)
    _write(root / "hugo" / "layouts" / "list.html", HUGO_LIST)
    _write(root / "hugo" / "content" / "_index.md", f"+++\ntitle = {_q(SITE_TITLE)}\n+++\n")
    _write(root / "eleventy" / "eleventy.config.js", ELEVENTY_CONFIG)
    _write(root / "eleventy" / "_includes" / "layout.njk", ELEVENTY_LAYOUT)
    _write(root / "eleventy" / "index.njk", ELEVENTY_INDEX)
    _write(root / "pelican" / "pelicanconf.py", PELICAN_CONFIG)
    _write(root / "mkdocs" / "mkdocs.yml", MKDOCS_CONFIG)
    _write(root / "mkdocs" / "docs" / "index.md", f"# {SITE_TITLE}\n\nНагрузочный корпус clusterpages.\n")
    for cluster, k in zip(clusters(m), pages_per_cluster(n, m)):
        cluster_dir = root / "clusterpages" / "content" / "clusters" / cluster.slug
        _write(cluster_dir / "cluster.yaml", _cluster_yaml(seed, cluster))
        title = f"Кластер {cluster.genitive}"
        _write(root / "hugo" / "content" / cluster.slug / "_index.md", f"+++\ntitle = {_q(title)}\n+++\n")
        docs = [make_plan(seed, cluster)] + [make_page(seed, cluster, i) for i in range(k)]
        for page in docs:
            for layout in LAYOUTS:
                _write(page_file(layout, root, page), page_text(layout, page))
    stamp_file.write_text(json.dumps(want, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return True


def edit_target(n: int, m: int = 10, seed: str = DEFAULT_SEED) -> Page:
    """The page the benchmark edits: the middle page of the first cluster."""
    k = pages_per_cluster(n, m)[0]
    return make_page(seed, clusters(m)[0], k // 2)


def restore_page(root: Path, page: Page) -> None:
    """Rewrite `page` in every layout exactly as `generate` wrote it."""
    for layout in LAYOUTS:
        _write(page_file(layout, root, page), page_text(layout, page))


def edit_page(root: Path, layout: str, page: Page, variant: int) -> Path:
    """Change `page`'s text in `layout` (one sentence appended); returns the file written."""
    path = page_file(layout, root, page)
    text = page_text(layout, page).rstrip("\n") + f"\n\nПравка номер {variant}: текст страницы изменён.\n"
    _write(path, text)
    return path


def word_count(page: Page) -> int:
    """Words of prose (table rows and headings not counted)."""
    return sum(len(block.split()) for block in page.body.split("\n\n")
               if not block.startswith(("|", "#")))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="total pages N")
    ap.add_argument("--clusters", type=int, default=10, help="clusters M (default 10)")
    ap.add_argument("--seed", default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--force", action="store_true", help="rewrite even when the stamp matches")
    a = ap.parse_args()
    wrote = generate(a.out, a.pages, a.clusters, a.seed, a.force)
    print(f"{'written' if wrote else 'up to date'}: {a.out} ({a.pages} pages, {a.clusters} clusters)")


if __name__ == "__main__":
    main()


def made_site(size: int) -> Path | None:
    """The clusterpages site of the corpus of `size` pages bench/run.py made (bench/.corpora/<size>/),
    or None after saying how to make it — for the scripts that measure on it."""
    site = Path(__file__).resolve().parent / ".corpora" / str(size) / "clusterpages"
    if (site / "site_config.yaml").is_file():
        return site
    import sys
    print(f"No corpus at {site}: run bench/run.py --sizes {size} first.", file=sys.stderr)
    return None
