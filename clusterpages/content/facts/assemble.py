"""Assemble the site model from loaded sources: dispatch every file to its parser.

Parsing is the Markdown-heavy part of a build. Each file's parse is a pure function of
(file, site config, the files its references may name), so parses run through an injected
`mapper` (serial, or a process pool) and through the cache, and are then put together in
the files' sorted order: the result never depends on which worker did what.
"""

from __future__ import annotations

import datetime as _dt
import pickle
import re
from dataclasses import dataclass, replace
from typing import Callable, Iterable

from clusterpages.content import documents as docs
from clusterpages.content.documents import refs
from clusterpages.content.facts import nextyear
from clusterpages.content.read import placeholders
from clusterpages.content.read.config import build_config
from clusterpages.content.read.load import Sources
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Site
from clusterpages.values import diagnostics as dg
from clusterpages.values import inputs, memo, packing, text, urls

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KNOWN_NAMES = ("cluster.yaml, plan-ГГГГ-ГГГГ.md, media-plan-ГГГГ-ГГГГ.md, report-ГГГГ-ГГГГ.md, videos.yaml, "
                "championships/*.md, pages/*.md, media/*")

Mapper = Callable[[Callable, list], Iterable]


def _slug_problem(slug: str, file: str, what: str) -> dg.Diagnostic | None:
    from clusterpages.values.text import slugify
    if slug == "sveden":
        return dg.error("slug.reserved", file, None, f"Имя «sveden» ({what}) зарезервировано для раздела «Сведения об "
                        "образовательной организации».", "Переименуйте папку или файл.")
    if not _SLUG.match(slug):
        return dg.error("slug.invalid", file, None, f"Имя «{slug}» ({what}) попадёт в адрес страницы, а в адресе "
                        "допустимы только латинские строчные буквы, цифры и дефис.",
                        f"Переименуйте в «{slugify(slug)}».")
    return None


@dataclass(frozen=True)
class Task:
    """One file to parse: `kind` names the parser, `slug` the cluster (or None).

    A Word or Excel plan may have a companion `plan-<years>.yaml` beside it.
    """

    kind: str
    src: SourceFile
    slug: str | None
    companion: SourceFile | None = None


def _parse(ctx: docs.Context, task: Task):
    if task.kind == "protocol":
        return docs.parse_protocol(ctx, task.src)
    if task.kind == "cluster":
        return docs.parse_cluster(ctx, task.src, task.slug)
    if task.kind == "indicators":
        return docs.parse_catalogue(ctx, task.src)
    if task.kind in ("plan", "media-plan") and task.src.data:
        # python-docx and openpyxl load only for a site that has Word or Excel plans.
        from clusterpages.content.documents.office import document as office_document
        return office_document.parse_office_plan(ctx, task.src, task.slug, task.kind, task.companion)
    if task.kind in ("plan", "media-plan"):
        return docs.parse_plan(ctx, task.src, task.slug, task.kind)
    parser = {"report": docs.parse_report, "videos": docs.parse_videos, "championship": docs.parse_championship,
              "page": docs.parse_page, "help": docs.parse_page}[task.kind]
    return parser(ctx, task.src, task.slug)


def parse_chunk(args: tuple[docs.Context, list[Task]]) -> list[bytes]:
    """Parse several files with one context (a unit of work for a process pool); each result
    packed for the cache where it is made (cache.Cache.put_packed)."""
    ctx, tasks = args
    return [packing.pack(_parse(ctx, t)) for t in tasks]


_PLAN_NAME = re.compile(r"(media-plan|plan)-\d{4}-\d{4}\.(md|docx|xlsx)")


def _plan_sources(files: list[SourceFile]) -> tuple[dict[str, SourceFile], list[dg.Diagnostic]]:
    """The one source of each plan by its name without extension; two sources of one plan are an error."""
    found: dict[str, SourceFile] = {}
    diags = []
    for src in files:
        name = src.rel.rsplit("/", 1)[1]
        if src.rel.count("/") != 3 or not _PLAN_NAME.fullmatch(name):
            continue
        stem = name.rsplit(".", 1)[0]
        if stem in found:
            first = found[stem].rel.rsplit("/", 1)[1]
            diags.append(dg.error("plan.two-sources", src.rel, None,
                                  f"У документа «{stem}» два источника: {first} и {name}.",
                                  f"Оставьте один из файлов: {first} или {name} (Word и Excel читаются как "
                                  "Markdown; «python build.py import» превращает их в Markdown)."))
            continue
        found[stem] = src
    return found, diags


def classify(sources: Sources) -> tuple[list[Task], list[dg.Diagnostic]]:
    """Which parser each content file goes to; files that belong nowhere are diagnostics."""
    tasks: list[Task] = []
    diags: list[dg.Diagnostic] = []
    by_cluster: dict[str, list[SourceFile]] = {}
    for src in sources.files:
        where = inputs.place(src.rel)
        if where.section in ("protocol", "help"):
            protocol = where.section == "protocol"
            problem = _slug_problem(where.slug, src.rel, "протокол" if protocol else "страница справки")
            if problem:
                diags.append(problem)
            else:
                tasks.append(Task("protocol", src, None) if protocol else Task("help", src, ""))
        elif where.section == "cluster":
            by_cluster.setdefault(where.slug, []).append(src)
        elif where.section == "indicators":
            tasks.append(Task("indicators", src, None))
        elif where.section != "media":
            diags.append(dg.warning("content.unknown-file", src.rel, None,
                                    "Файл не относится ни к одному разделу сайта и не публикуется.",
                                    "Кластеры лежат в content/clusters/<имя>/, протоколы — в content/protocols/, "
                                    "страницы справки — в content/help/, каталог показателей — в "
                                    f"{inputs.INDICATORS}."))
    for slug in sorted(by_cluster):
        files = by_cluster[slug]
        problem = _slug_problem(slug, inputs.cluster(slug), "папка кластера")
        if problem:
            diags.append(problem)
            continue
        cluster_rel = inputs.cluster_yaml(slug)
        if not any(f.rel == cluster_rel for f in files):
            if any(d.file == cluster_rel for d in sources.diagnostics):
                continue  # it exists but could not be read: that diagnostic says why
            diags.append(dg.error("cluster.missing", cluster_rel, None,
                                  f"В папке кластера «{slug}» нет файла cluster.yaml.",
                                  f"Создайте его командой «python build.py new cluster {slug} --name \"…\"» или по образцу."))
            continue
        sub_tasks, sub = _cluster_tasks(slug, files)
        tasks += sub_tasks
        diags += sub
    return tasks, diags


def _cluster_tasks(slug: str, files: list[SourceFile]) -> tuple[list[Task], list[dg.Diagnostic]]:
    """The parsers of one cluster's files (its folder and cluster.yaml already checked)."""
    tasks: list[Task] = []
    plans, diags = _plan_sources(files)
    for src in files:
        rest = src.rel.split("/")[3:]
        name = rest[-1]
        if rest == ["cluster.yaml"]:
            tasks.append(Task("cluster", src, slug))
        elif len(rest) == 1 and _PLAN_NAME.fullmatch(name):
            stem = name.rsplit(".", 1)[0]
            if plans.get(stem) is src:
                companion = next((f for f in files if f.rel == src.rel.rsplit(".", 1)[0] + ".yaml"), None)
                tasks.append(Task("media-plan" if name.startswith("media-plan") else "plan", src, slug,
                                  companion if src.data else None))
        elif len(rest) == 1 and re.fullmatch(r"(media-plan|plan)-\d{4}-\d{4}\.yaml", name) and \
                plans.get(name[:-5]) is not None and plans[name[:-5]].data:
            continue  # the companion of a Word or Excel plan, read with it
        elif len(rest) == 1 and re.fullmatch(r"report-\d{4}-\d{4}\.md", name):
            tasks.append(Task("report", src, slug))
        elif rest == ["videos.yaml"]:
            tasks.append(Task("videos", src, slug))
        elif len(rest) == 2 and rest[0] in ("championships", "pages") and name.endswith(".md"):
            problem = _slug_problem(name[:-3], src.rel, "имя файла")
            if problem:
                diags.append(problem)
            else:
                tasks.append(Task("championship" if rest[0] == "championships" else "page", src, slug))
        elif rest[0] != "media":
            diags.append(dg.warning("content.unknown-file", src.rel, None,
                                    "Имя файла не относится ни к одному типу содержимого кластера; файл не публикуется.",
                                    "Допустимые имена: " + _KNOWN_NAMES + "."))
    return tasks, diags


def _scope(task: Task) -> str:
    if task.kind == "help":
        return inputs.HELP + "/"
    if task.kind == "indicators":
        return inputs.INDICATORS
    return inputs.PROTOCOLS + "/" if task.slug is None else inputs.cluster(task.slug) + "/"


def parse_all(ctx: docs.Context, tasks: list[Task], mapper: Mapper, store: memo.Store,
              fingerprint: str, chunk: int = 40) -> list:
    """Every task's (result, diagnostics), in task order, through the cache and the mapper."""
    config_bytes = packing.stable_bytes(ctx.config)
    scopes: dict[str, str] = {}
    keys = []
    for t in tasks:
        scope = _scope(t)
        if scope not in scopes:
            scopes[scope] = packing.key(*sorted(p for p in ctx.known if p.startswith(scope)))
        keys.append(packing.key(fingerprint, config_bytes, t.kind, t.src.rel, t.src.digest,
                                  t.companion.digest if t.companion else "", scopes[scope]))
    results: list = [store.get("parse", k) for k in keys]
    missing = [i for i, r in enumerate(results) if r is None]
    chunks = [(ctx, [tasks[i] for i in missing[n:n + chunk]]) for n in range(0, len(missing), chunk)]
    # Each document taken (and kept in the cache) as its chunk comes back, while the workers parse the next.
    done = (r for part in mapper(parse_chunk, chunks, "разбор") for r in part)
    for i, data in zip(missing, done):
        results[i] = pickle.loads(data)
        store.put_packed("parse", keys[i], data, results[i])
    return results


def _serial(fn, items, stage=""):
    return map(fn, items)


def assemble(sources: Sources, as_of: _dt.date | None, fallback_as_of: _dt.date, mapper: Mapper = _serial,
             store: memo.Store = memo.NoStore(), fingerprint: str = "") -> tuple[Site | None, list[dg.Diagnostic]]:
    diags: list[dg.Diagnostic] = list(sources.diagnostics)
    if sources.config is None:
        return None, diags
    config, sub = build_config(sources.config, as_of, fallback_as_of)
    diags += sub
    if config is None:
        return None, diags
    known = frozenset([f.rel for f in sources.files] + list(sources.media))
    if config.logo:
        path, problem = refs.resolve(config.logo, inputs.MEDIA, inputs.MEDIA, known)
        if problem:
            diags.append(dg.error("path.missing" if problem == "файл не найден" else "path.outside", config.file,
                                  config.logo_line, f"brandbook.logo «{config.logo}»: {problem}.",
                                  "Положите логотип в папку content/media/ и укажите имя файла, например logo.svg."))
        config = replace(config, logo=urls.media(path) if path else None)
    ctx = docs.Context(config, known)
    tasks, sub = classify(sources)
    diags += sub + placeholders.find(sources.files)
    results = parse_all(ctx, tasks, mapper, store, fingerprint)
    failed_clusters = set()
    for task, (value, sub) in zip(tasks, results):
        diags += sub
        if task.kind == "cluster" and value is None:
            failed_clusters.add(task.slug)
    lists: dict[str, list] = {k: [] for k in ("cluster", "plan", "report", "videos", "championship", "page", "protocol",
                                              "help", "indicators")}
    for task, (value, _) in zip(tasks, results):
        if task.slug in failed_clusters or value is None:
            continue
        kind = "plan" if task.kind == "media-plan" else task.kind
        if kind == "videos":
            lists[kind].extend(value)
        else:
            lists[kind].append(value)
    media = tuple(sorted((urls.media(m), m) for m in sources.media if inputs.is_media(m)))
    media += tuple(sorted((urls.plan_original(p.cluster, p.slug, p.original), p.file)
                          for p in lists["plan"] if p.original))
    # Clusters in the Russian alphabetical order of their short names: every menu and list follows it.
    clusters = tuple(sorted(lists["cluster"], key=lambda c: (text.ru_sort_key(c.short_name), c.slug)))
    site = Site(config=config, clusters=clusters, plans=nextyear.mark_carried(tuple(lists["plan"]), config.as_of),
                reports=tuple(lists["report"]), videos=tuple(lists["videos"]),
                championships=tuple(lists["championship"]), pages=tuple(lists["page"]),
                protocols=tuple(sorted(lists["protocol"], key=lambda p: (p.date, p.slug))), media=media,
                help=tuple(sorted(lists["help"], key=lambda p: (p.date or _dt.date.min, p.slug))),
                catalogue=lists["indicators"][0] if lists["indicators"] else None)
    return site, diags
