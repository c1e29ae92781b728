"""Each content type loads, validates and renders as a page of its own (a minimal site per test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from clusterpages import pipeline

CONFIG = """\
title: Тестовый регион
demo: false
as_of: 2023-02-15
department:
  name: Департамент
brandbook:
  palette:
    primary: "#0b4f8a"
    secondary: "#1d6f5f"
    accent: "#b4490f"
    neutral_dark: "#334155"
    neutral_light: "#eef2f6"
    background: "#ffffff"
    text: "#1a1a1a"
"""

CLUSTER = """\
name: Тестовый кластер
short_name: Тест
leading_college:
  name: Тестовый колледж
partners:
  - name: АО «Завод»
professions:
  - name: Сварщик
"""


def make_site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "site"
    (root / "content" / "clusters" / "t").mkdir(parents=True)
    (root / "site_config.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "clusters" / "t" / "cluster.yaml").write_text(CLUSTER, encoding="utf-8")
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root / "site_config.yaml"


def build(config: Path):
    site, diags = pipeline.prepare(config, None, dt.date(2023, 2, 15))
    assert site is not None, diags
    files, copies, more = pipeline.produce(site, config.parent)
    return site, files, [d for d in diags + more if d.severity != "info"]


def page(files, path) -> str:
    """The page's HTML with no-break spaces and word joiners (typography) read as plain spaces."""
    return files[path].decode("utf-8").replace("\u00a0", " ").replace("\u2060", "")


def test_cluster_home(tmp_path):
    site, files, diags = build(make_site(tmp_path, {}))
    assert diags == []
    html = page(files, "clusters/t/index.html")
    assert "Тестовый кластер" in html and "Тестовый колледж" in html and "АО «Завод»" in html
    assert 'href="../../partners/index.html#partner-ao-zavod"' in html
    assert "Сварщик" in page(files, "professions/index.html")


def test_plan_and_media_plan(tmp_path):
    plan = "---\ntitle: План\nacademic_year: 2022-2023\nupdated: 2022-12-20\n---\n| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | Совет | 25.12.2022 |\n"
    media = ("---\ntitle: Медиаплан\nacademic_year: 2022-2023\n---\n| № | Дата | Тема | Канал | Ссылка на публикацию |\n"
             "|---|---|---|---|---|\n| 1 | 10.01.2023 | Пост | VK | https://vk.com/wall-1_1 |\n")
    site, files, diags = build(make_site(tmp_path, {"content/clusters/t/plan-2022-2023.md": plan,
                                                   "content/clusters/t/media-plan-2022-2023.md": media}))
    assert diags == []
    assert "Совет" in page(files, "clusters/t/plan-2022-2023/index.html")
    html = page(files, "clusters/t/media-plan-2022-2023/index.html")
    assert "Опубликовано" in html and "https://vk.com/wall-1_1" in html and "Календарь по каналам" in html


def test_plan_year_must_match_file_name(tmp_path):
    plan = "---\ntitle: План\nacademic_year: 2021-2022\n---\n| № | Мероприятие | Срок |\n|---|---|---|\n| 1 | А | 25.12.2021 |\n"
    site, diags = pipeline.prepare(make_site(tmp_path, {"content/clusters/t/plan-2022-2023.md": plan}), None, dt.date(2023, 1, 1))
    assert [(d.code, d.line) for d in diags if d.severity == "error"] == [("plan.year-mismatch", 3)]


def test_report_with_charts_print_and_slides(tmp_path):
    report = ("---\ntitle: Отчёт\nacademic_year: 2021-2022\npublished: 2022-12-20\nindicators:\n"
              "  - name: Студенты\n    value: 1250\n    previous: 1180\n    unit: чел.\n    group: Контингент\n"
              "  - name: Партнёры\n    value: 12\n    previous: 12\n    group: Партнёрство\n---\n"
              "## Итоги года\nТекст.\n\n## Планы\nЕщё текст.\n")
    site, files, diags = build(make_site(tmp_path, {"content/clusters/t/report-2021-2022.md": report}))
    assert diags == []
    html = page(files, "clusters/t/report-2021-2022/index.html")
    assert html.count('<figure class="chart"') == 2
    # The delta is absolute and relative, numbers grouped with a narrow no-break space, units in every cell.
    assert "1\u202f250 чел." in html and "+70 чел., +5,9 %" in html and "без изменений" in html
    assert "<td class=\"num\">1\u202f180 чел.</td>" in html
    assert "<caption" in html  # the same data as a table
    slides = page(files, "clusters/t/report-2021-2022/slides/index.html")
    # title, key figures, two charts, two sections, closing
    assert slides.count('aria-roledescription="слайд"') == 7 and "Итоги года" in slides and "slides.js" in slides
    assert "Спасибо за внимание" in slides and "2021–2022 учебный год" in slides  # closing and title slides
    assert "Итоги года" in page(files, "clusters/t/report-2021-2022/print/index.html")


def test_videos_map_page_addresses_to_embeds(tmp_path):
    videos = ("videos:\n  - title: Сварщик\n    kind: profession\n    url: https://vkvideo.ru/video-123_456\n"
              "    profession: Сварщик\n    date: 2023-01-10\n    duration: \"3:45\"\n    transcript: Текст ролика.\n"
              "  - title: Поздравление\n    kind: greeting\n    url: https://rutube.ru/video/0123456789abcdef0123456789abcdef/\n"
              "    date: 2022-12-22\n")
    site, files, diags = build(make_site(tmp_path, {"content/clusters/t/videos.yaml": videos}))
    assert diags == []
    html = page(files, "clusters/t/videos/index.html")
    assert 'data-embed="https://vkvideo.ru/video_ext.php?oid=-123&amp;id=456&amp;hd=2"' in html
    assert 'data-embed="https://rutube.ru/play/embed/0123456789abcdef0123456789abcdef"' in html
    assert "<iframe" not in html  # nothing loads before a click
    assert 'href="https://vkvideo.ru/video-123_456"' in html and "Текст ролика." in html
    assert '"@type": "VideoObject"' in html and '"duration": "PT225S"' in html
    assert "Сварщик" in page(files, "professions/index.html")


def test_unmappable_video_address_is_an_error_with_line(tmp_path):
    videos = "videos:\n  - title: Ролик\n    kind: other\n    url: https://example.com/watch/1\n    date: 2023-01-10\n"
    site, diags = pipeline.prepare(make_site(tmp_path, {"content/clusters/t/videos.yaml": videos}), None, dt.date(2023, 1, 1))
    assert [(d.code, d.line) for d in diags if d.severity == "error"] == [("video.url", 4)]


def test_championship_hides_names_without_consent(tmp_path):
    ch = ("---\ntitle: Чемпионат\nstart: 2023-01-20\nend: 2023-01-21\nvenue: Колледж\nlevel: regional\n"
          "partners: [АО «Завод»]\nresults:\n  - place: 1\n    college: Колледж А\n    participant: Иван Согласный\n"
          "    consent: true\n  - place: 2\n    college: Колледж Б\n    participant: Пётр Тайный\n---\nО чемпионате.\n")
    site, files, diags = build(make_site(tmp_path, {"content/clusters/t/championships/chemp.md": ch}))
    assert diags == []
    html = page(files, "clusters/t/championships/chemp/index.html")
    assert "Иван Согласный" in html and "Пётр Тайный" not in html and "Колледж Б" in html
    assert not any("Пётр Тайный" in v.decode("utf-8", "ignore") for v in files.values() if isinstance(v, bytes))
    assert "Чемпионат" in page(files, "partners/index.html")


def test_page_with_media_image(tmp_path):
    pg = "---\ntitle: Страница\ndate: 2023-01-18\ntags: [точки-роста]\n---\n![Фото мастерской](media/foto.png)\n"
    site, files, diags = build(make_site(tmp_path, {"content/clusters/t/pages/stranitsa.md": pg,
                                                   "content/clusters/t/media/foto.png": b"\x89PNG\r\n"}))
    assert diags == []
    html = page(files, "clusters/t/pages/stranitsa/index.html")
    assert 'src="../../media/foto.png"' in html and 'alt="Фото мастерской"' in html
    assert "Страница" in page(files, "tochki-rosta/index.html")


def test_protocol_page(tmp_path):
    proto = ("---\ntitle: Протокол № 1\nnumber: 1\ndate: 2022-12-06\ndecisions:\n  - number: 1\n    text: Сделать отчёт\n"
             "    deadline: 25.12.2022\n    evidence:\n      - type: report\n        academic_year: 2021-2022\n---\nТекст.\n")
    site, files, diags = build(make_site(tmp_path, {"content/protocols/p1.md": proto}))
    assert diags == []
    html = page(files, "protocols/p1/index.html")
    assert "Сделать отчёт" in html and "Просрочено" in html  # no report, deadline passed


def test_unknown_key_has_did_you_mean(tmp_path):
    cfg = make_site(tmp_path, {})
    path = cfg.parent / "content" / "clusters" / "t" / "cluster.yaml"
    path.write_text(CLUSTER + "profesions: []\n", encoding="utf-8")
    site, diags = pipeline.prepare(cfg, None, dt.date(2023, 1, 1))
    d = next(d for d in diags if d.code == "schema.unknown-key")
    assert d.line == 9 and "professions" in d.hint


def test_all_diagnostics_are_reported_together(tmp_path):
    cfg = make_site(tmp_path, {
        "content/clusters/t/plan-2022-2023.md": "title: нет забора\n",
        "content/clusters/t/videos.yaml": "videos:\n  - title: X\n",
        "content/clusters/t/pages/a.md": "---\ntitle: [\n---\n",
    })
    site, diags = pipeline.prepare(cfg, None, dt.date(2023, 1, 1))
    codes = {d.code for d in diags}
    assert {"frontmatter.missing", "schema.required", "yaml.syntax"} <= codes


@pytest.mark.parametrize("slug", ["sveden", "Тест"])
def test_bad_cluster_folder_names(tmp_path, slug):
    cfg = make_site(tmp_path, {f"content/clusters/{slug}/cluster.yaml": CLUSTER.replace("Тест", "Другой")})
    site, diags = pipeline.prepare(cfg, None, dt.date(2023, 1, 1))
    assert any(d.code in ("slug.reserved", "slug.invalid") for d in diags)
