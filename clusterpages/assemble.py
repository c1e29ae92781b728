"""Assemble the site model from loaded sources: dispatch every file to its parser."""

from __future__ import annotations

import datetime as _dt
import re

from . import diagnostics as dg
from . import documents as docs
from .config import build_config
from .load import Sources
from .model import Site

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KNOWN_NAMES = ("cluster.yaml, plan-ГГГГ-ГГГГ.md, media-plan-ГГГГ-ГГГГ.md, report-ГГГГ-ГГГГ.md, videos.yaml, "
                "championships/*.md, pages/*.md, media/*")


def _slug_problem(slug: str, file: str, what: str) -> dg.Diagnostic | None:
    from .text import slugify
    if slug == "sveden":
        return dg.error("slug.reserved", file, None, f"Имя «sveden» ({what}) зарезервировано для раздела «Сведения об "
                        "образовательной организации».", "Переименуйте папку или файл.")
    if not _SLUG.match(slug):
        return dg.error("slug.invalid", file, None, f"Имя «{slug}» ({what}) попадёт в адрес страницы, а в адресе "
                        "допустимы только латинские строчные буквы, цифры и дефис.",
                        f"Переименуйте в «{slugify(slug)}».")
    return None


def assemble(sources: Sources, as_of: _dt.date | None, fallback_as_of: _dt.date) -> tuple[Site | None, list[dg.Diagnostic]]:
    diags: list[dg.Diagnostic] = list(sources.diagnostics)
    if sources.config is None:
        return None, diags
    config, sub = build_config(sources.config, as_of, fallback_as_of)
    diags += sub
    if config is None:
        return None, diags
    known = frozenset([f.rel for f in sources.files] + list(sources.media))
    ctx = docs.Context(config, known)
    clusters, plans, reports, videos, champs, pages, protocols = [], [], [], [], [], [], []
    by_cluster: dict[str, list] = {}
    for src in sources.files:
        parts = src.rel.split("/")
        if parts[:2] == ["content", "protocols"] and len(parts) == 3 and parts[2].endswith(".md"):
            problem = _slug_problem(parts[2][:-3], src.rel, "протокол")
            if problem:
                diags.append(problem)
                continue
            protocol, sub = docs.parse_protocol(ctx, src)
            diags += sub
            if protocol:
                protocols.append(protocol)
            continue
        if parts[:2] == ["content", "clusters"] and len(parts) >= 4:
            by_cluster.setdefault(parts[2], []).append(src)
            continue
        if parts[:2] == ["content", "media"]:
            continue
        diags.append(dg.warning("content.unknown-file", src.rel, None, "Файл не относится ни к одному разделу сайта и не публикуется.",
                                "Кластеры лежат в content/clusters/<имя>/, протоколы — в content/protocols/."))
    for slug in sorted(by_cluster):
        files = by_cluster[slug]
        problem = _slug_problem(slug, f"content/clusters/{slug}", "папка кластера")
        if problem:
            diags.append(problem)
            continue
        cluster_file = next((f for f in files if f.rel == f"content/clusters/{slug}/cluster.yaml"), None)
        if cluster_file is None:
            diags.append(dg.error("cluster.missing", f"content/clusters/{slug}/cluster.yaml", None,
                                  f"В папке кластера «{slug}» нет файла cluster.yaml.",
                                  f"Создайте его командой «python build.py new cluster {slug} --name \"…\"» или по образцу."))
            continue
        cluster, sub = docs.parse_cluster(ctx, cluster_file, slug)
        diags += sub
        if cluster is None:
            continue
        clusters.append(cluster)
        for src in files:
            rest = src.rel.split("/")[3:]
            name = rest[-1]
            if rest == ["cluster.yaml"]:
                continue
            if len(rest) == 1 and re.fullmatch(r"(media-plan|plan)-\d{4}-\d{4}\.md", name):
                kind = "media-plan" if name.startswith("media-plan") else "plan"
                doc, sub = docs.parse_plan(ctx, src, slug, kind)
                diags += sub
                if doc:
                    plans.append(doc)
            elif len(rest) == 1 and re.fullmatch(r"report-\d{4}-\d{4}\.md", name):
                doc, sub = docs.parse_report(ctx, src, slug)
                diags += sub
                if doc:
                    reports.append(doc)
            elif rest == ["videos.yaml"]:
                found, sub = docs.parse_videos(ctx, src, slug)
                diags += sub
                videos.extend(found)
            elif len(rest) == 2 and rest[0] in ("championships", "pages") and name.endswith(".md"):
                problem = _slug_problem(name[:-3], src.rel, "имя файла")
                if problem:
                    diags.append(problem)
                    continue
                parse = docs.parse_championship if rest[0] == "championships" else docs.parse_page
                doc, sub = parse(ctx, src, slug)
                diags += sub
                if doc:
                    (champs if rest[0] == "championships" else pages).append(doc)
            elif rest[0] == "media":
                continue
            else:
                diags.append(dg.warning("content.unknown-file", src.rel, None,
                                        "Имя файла не относится ни к одному типу содержимого кластера; файл не публикуется.",
                                        "Допустимые имена: " + _KNOWN_NAMES + "."))
    media = tuple(sorted((m[len("content/"):], m) for m in sources.media
                         if m.startswith("content/media/") or (m.startswith("content/clusters/") and "/media/" in m)))
    site = Site(config=config, clusters=tuple(clusters), plans=tuple(plans), reports=tuple(reports),
                videos=tuple(videos), championships=tuple(champs), pages=tuple(pages), protocols=tuple(protocols),
                media=media)
    return site, diags
