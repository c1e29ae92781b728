"""Parsing each kind of content file into model objects (pure: text in, data out)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from clusterpages import diagnostics as dg, urls
from clusterpages.content import (
    frontmatter,
    markup,
    plantables,
    refs,
    schema,
    schemas,
    yamlload,
)
from clusterpages.content import videos as vids
from clusterpages.content.academic import AcademicYear
from clusterpages.content.deadlines import DeadlineError, parse_deadline
from clusterpages.content.sources import SourceFile
from clusterpages.model import (
    Approval,
    Championship,
    Cluster,
    College,
    Decision,
    EvidenceClaim,
    Indicator,
    Page,
    Partner,
    Photo,
    PlanDoc,
    Profession,
    Protocol,
    Report,
    ReportSection,
    Result,
    Rule,
    SiteConfig,
    Video,
)
from clusterpages.text import slugify
from clusterpages.theme.colors import ColorError, parse_color


@dataclass(frozen=True)
class Context:
    """What parsing a file may know about the rest of the site."""

    config: SiteConfig
    known: frozenset[str]  # every content path (text and media)


def _year(text: str, config: SiteConfig, file: str, line: int | None, diags: list) -> AcademicYear | None:
    try:
        return AcademicYear.parse(str(text), start=config.year_start, end=config.year_end)
    except ValueError as exc:
        diags.append(dg.error("schema.academic-year", file, line, f"Учебный год «{text}» не распознан: {exc}",
                              "Запишите учебный год как 2022-2023."))
        return None


def _file_year(file: str, prefix: str) -> str | None:
    m = re.search(prefix + r"-(\d{4})-(\d{4})\.md$", file)
    return f"{m.group(1)}-{m.group(2)}" if m else None


def _ref(ctx: Context, ref: str | None, file: str, line: int | None, scope: str, what: str,
         diags: list) -> str | None:
    """A content path for `ref`, or None with an error diagnostic."""
    if not ref:
        return None
    source_dir = file.rsplit("/", 1)[0]
    path, problem = refs.resolve(ref, source_dir, scope, ctx.known)
    if problem:
        code = "path.missing" if problem == "файл не найден" else "path.outside"
        diags.append(dg.error(code, file, line, f"{what} «{ref}»: {problem}.",
                              "Положите файл в папку media/ кластера и укажите путь от папки кластера, "
                              "например media/logo.svg."))
    return path


def _body_html(ctx: Context, text: str, file: str, first_line: int, scope: str, page: str, diags: list) -> str:
    r = markup.render(text)
    if r.removed:
        diags.append(dg.warning("html.sanitized", file, first_line + markup.removed_line(text, r.removed),
                                "Удалён небезопасный HTML: " + ", ".join(r.removed) + ".",
                                "Пишите текст средствами Markdown; скрипты, стили, фреймы и формы не публикуются."))
    return rewrite_links(ctx, r.html, text, file, first_line, scope, page, diags)


def _line_of(text: str, needle: str, first_line: int) -> int:
    idx = text.find(needle)
    return first_line + (text[:idx].count("\n") if idx >= 0 else 0)


_LINK_ATTR = re.compile(r'(?<=\s)(href|src)="([^"]*)"(?=(?:\s+[\w:-]+(?:="[^"]*")?)*\s*/?>)')  # in tags only, never in text


_EXTERNAL_IMG = re.compile(r'<img\b[^>]*?\ssrc="(https?://[^"]*)"[^>]*>')
_ALT = re.compile(r'\salt="([^"]*)"')


def rewrite_links(ctx: Context, html: str, source: str, file: str, first_line: int, scope: str, page: str,
                  diags: list) -> str:
    """Make content links to files and pages relative to the page that shows them.

    Images from other hosts become links: a page never fetches anything from the internet.
    """
    def external(m):
        url = m.group(1)
        alt = _ALT.search(m.group(0))
        diags.append(dg.warning("media.external", file, _line_of(source, url.replace("&amp;", "&"), first_line),
                                f"Изображение с другого сайта ({url}) не встраивается: страницы ничего не загружают "
                                "из интернета. Вместо него показана ссылка.",
                                "Скачайте изображение, положите его в папку media/ кластера и укажите путь "
                                "media/имя-файла."))
        return f'<a href="{url}">{alt.group(1) if alt and alt.group(1) else "Изображение"}</a>'
    html = _EXTERNAL_IMG.sub(external, html)
    def repl(m):
        attr, value = m.group(1), m.group(2).replace("&amp;", "&")
        if not value or value.startswith("#") or re.match(r"^(https?|mailto|tel):", value):
            return m.group(0)
        frag = "#" + value.split("#", 1)[1] if "#" in value else ""
        path = _ref(ctx, value, file, _line_of(source, value, first_line), scope, "Ссылка", diags)
        if path is None:
            return f'{attr}="#"' if attr == "href" else f'{attr}=""'
        target = urls.page_of(path) or urls.media(path)
        return f'{attr}="{urls.relative(target, page)}{frag}"'
    return _LINK_ATTR.sub(repl, html)


def parse_cluster(ctx: Context, src: SourceFile, slug: str) -> tuple[Cluster | None, list[dg.Diagnostic]]:
    located, diags = yamlload.load(src.text, src.rel)
    if located is None:
        return None, diags
    data, sub = schema.validate(located, schemas.CLUSTER, src.rel, what="кластера")
    diags += sub
    scope = f"content/clusters/{slug}"
    accent_raw = data.get("accent") or "primary"
    palette = ctx.config.palette
    accent_key = None
    if isinstance(accent_raw, str) and hasattr(palette, accent_raw.strip()):
        accent_key = accent_raw.strip()
        accent = getattr(palette, accent_key)
    else:
        try:
            accent = parse_color(accent_raw)
        except ColorError as exc:
            diags.append(dg.error("cluster.color", src.rel, located.line(("accent",)), f"accent: {exc.message}",
                                  exc.hint + " Или укажите цвет из палитры: primary, secondary, accent."))
            accent = palette.primary
    if data.get("name") is None or data.get("leading_college") is None:
        return None, diags
    lead = data["leading_college"]
    logo = _ref(ctx, data.get("logo"), src.rel, located.line(("logo",)), scope, "Логотип", diags)
    page = urls.cluster(slug)
    desc = markup.render(data.get("description") or "")
    if desc.removed:
        diags.append(dg.warning("html.sanitized", src.rel, located.line(("description",)),
                                "Из описания удалён небезопасный HTML: " + ", ".join(desc.removed) + ".",
                                "Пишите описание обычным текстом."))
    evidence = []
    for e in data.get("evidence") or []:
        link = e.get("link") or ""
        if link.startswith(("http://", "https://")):
            evidence.append(EvidenceClaim(e["protocol"], e["decision"], link, True, e["date"], e.get("note") or "", e["_line"]))
            continue
        path = _ref(ctx, link, src.rel, e["_line"], scope, "Подтверждение", diags)
        if path:
            target = urls.page_of(path) or urls.media(path)
            evidence.append(EvidenceClaim(e["protocol"], e["decision"], target, False, e["date"], e.get("note") or "", e["_line"]))
    names = set()
    partners = []
    for p in (p for p in data.get("partners") or [] if p.get("name")):  # a nameless one is already an error
        if p["name"] in names:
            diags.append(dg.error("cluster.duplicate-partner", src.rel, p["_line"], f"Партнёр «{p['name']}» указан дважды.",
                                  "Оставьте одну запись."))
        names.add(p["name"])
        partners.append(Partner(p["name"], slugify(p["name"]), p.get("url"), p.get("industry") or ""))
    cluster = Cluster(
        slug=slug, file=src.rel, name=data["name"], short_name=data.get("short_name") or data["name"],
        established=data.get("established", True) is not False, accent=accent,
        logo=urls.media(logo) if logo else None,
        description_html=rewrite_links(ctx, desc.html, src.text, src.rel, 1, scope, page, diags),
        leading=College(lead.get("name") or "", lead.get("short_name") or "", lead.get("url"),
                        lead.get("address") or "", lead.get("phone") or "", lead.get("email") or ""),
        colleges=tuple(College(c["name"], url=c.get("url")) for c in data.get("colleges") or []),
        partners=tuple(partners),
        professions=tuple(Profession(p["name"], slugify(p["name"]), p.get("code") or "")
                          for p in data.get("professions") or [] if p.get("name")),
        evidence=tuple(evidence),
        accent_key=accent_key,
        accent_line=located.line(("accent",)) if "accent" in (located.value or {}) else None,
    )
    return cluster, diags


def _front(src: SourceFile, sch, what: str):
    doc, diags = frontmatter.split(src.text, src.rel)
    if doc is None:
        return None, None, diags
    data, sub = schema.validate(doc.meta, sch, src.rel, what=what)
    return doc, data, diags + sub


def parse_plan(ctx: Context, src: SourceFile, slug: str, kind: str) -> tuple[PlanDoc | None, list[dg.Diagnostic]]:
    doc, data, diags = _front(src, schemas.PLAN, "плана" if kind == "plan" else "медиаплана")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    scope = f"content/clusters/{slug}"
    year_line = doc.meta.line(("academic_year",))
    year = _year(data["academic_year"], ctx.config, src.rel, year_line, diags)
    if year is None:
        return None, diags
    expected = _file_year(src.rel, kind)
    if expected and expected != f"{year.first}-{year.first + 1}":
        diags.append(dg.error("plan.year-mismatch", src.rel, year_line,
                              f"Учебный год в документе ({data['academic_year']}) не совпадает с именем файла ({expected}).",
                              f"Исправьте academic_year на {expected} или переименуйте файл."))
    approval = None
    if data.get("approved"):
        a = data["approved"]
        scan = _ref(ctx, a.get("scan"), src.rel, doc.meta.line(("approved", "scan")), scope, "Скан утверждённого плана", diags)
        approval = Approval(a.get("position") or "", a.get("name") or "", a.get("date"),
                            urls.media(scan) if scan else None)
    doc_slug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.document(slug, doc_slug)
    blocks, sub = plantables.split_body(doc.body, doc.body_line, kind=kind, cluster=slug, doc=doc_slug, year=year,
                                        as_of=ctx.config.as_of, file=src.rel)
    diags += sub
    def relink(html: str) -> str:
        return rewrite_links(ctx, html, doc.body, src.rel, doc.body_line, scope, page, diags)

    blocks = tuple(relink(b) if isinstance(b, str) else replace(b, items=tuple(
        replace(i, title_html=relink(i.title_html), result_html=relink(i.result_html),
                extra=tuple((h, relink(v)) for h, v in i.extra)) for i in b.items))
        for b in blocks)
    version = data.get("version")
    return PlanDoc(kind=kind, cluster=slug, slug=doc_slug, file=src.rel, title=data["title"], year=year,
                   approval=approval, version="" if version is None else str(version), updated=data.get("updated"),
                   changes=tuple(data.get("changes") or ()), blocks=blocks), diags


def _sections(html: str) -> tuple[str, tuple[ReportSection, ...]]:
    parts = re.split(r'(<h2[^>]*>.*?</h2>)', html, flags=re.S)
    intro = parts[0]
    sections = []
    for i in range(1, len(parts), 2):
        head = parts[i]
        m = re.search(r'id="([^"]+)"', head)
        title = markup.strip_tags(head)
        sections.append(ReportSection(title, m.group(1) if m else slugify(title), parts[i + 1] if i + 1 < len(parts) else ""))
    return intro, tuple(sections)


def parse_report(ctx: Context, src: SourceFile, slug: str) -> tuple[Report | None, list[dg.Diagnostic]]:
    doc, data, diags = _front(src, schemas.REPORT, "отчёта")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    year = _year(data["academic_year"], ctx.config, src.rel, doc.meta.line(("academic_year",)), diags)
    if year is None:
        return None, diags
    doc_slug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.document(slug, doc_slug)
    html = _body_html(ctx, doc.body, src.rel, doc.body_line, f"content/clusters/{slug}", page, diags)
    intro, sections = _sections(html)
    indicators = tuple(Indicator(i["name"], i["value"], i.get("previous"), i.get("unit") or "", i.get("target"),
                                 i.get("group") or "Показатели") for i in data.get("indicators") or [])
    return Report(slug, doc_slug, src.rel, data["title"], year, data["published"], indicators, intro, sections), diags


def parse_videos(ctx: Context, src: SourceFile, slug: str) -> tuple[tuple[Video, ...], list[dg.Diagnostic]]:
    located, diags = yamlload.load(src.text, src.rel)
    if located is None:
        return (), diags
    data, sub = schema.validate(located, schemas.VIDEOS, src.rel, what="в videos.yaml")
    diags += sub
    scope = f"content/clusters/{slug}"
    out, seen = [], set()
    for i, v in enumerate(data.get("videos") or []):
        line = v.get("_line")
        if v.get("title") is None or v.get("date") is None or v.get("kind") is None:
            continue
        url, file = v.get("url"), v.get("file")
        if bool(url) == bool(file):
            diags.append(dg.error("video.source", src.rel, line, f"У ролика «{v['title']}» должен быть ровно один источник: url или file.",
                                  vids.HINT))
            continue
        embed_url = None
        video_file = None
        if url:
            mapped = vids.embed(url)
            if mapped is None:
                diags.append(dg.error("video.url", src.rel, located.line(("videos", i, "url")),
                                      f"Адрес ролика «{url}» не относится к VK Видео, RUTUBE или YouTube или записан не полностью.",
                                      vids.HINT))
                continue
            platform, embed_url = mapped
            page_url = url.strip()
        else:
            path = _ref(ctx, file, src.rel, located.line(("videos", i, "file")), scope, "Файл ролика", diags)
            if path is None:
                continue
            platform, video_file = "file", urls.media(path)
            page_url = video_file
        poster = _ref(ctx, v.get("poster"), src.rel, located.line(("videos", i, "poster")), scope, "Обложка", diags)
        vslug = slugify(v["title"])
        n = 2
        base = vslug
        while vslug in seen:
            vslug, n = f"{base}-{n}", n + 1
        seen.add(vslug)
        duration = v.get("duration") or ""
        secs = vids.seconds(duration) if duration else None
        if duration and secs is None:
            diags.append(dg.warning("video.duration", src.rel, located.line(("videos", i, "duration")),
                                    f"Длительность «{duration}» не распознана.", "Запишите в кавычках как \"3:45\" или \"1:02:10\"."))
        out.append(Video(slug, vslug, line, v["title"], v["kind"], platform, page_url, embed_url, video_file,
                         v.get("profession") or "", urls.media(poster) if poster else None, duration, secs,
                         v["date"], v.get("description") or "", v.get("transcript") or ""))
    return tuple(out), diags


def parse_championship(ctx: Context, src: SourceFile, slug: str) -> tuple[Championship | None, list[dg.Diagnostic]]:
    doc, data, diags = _front(src, schemas.CHAMPIONSHIP, "чемпионата")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    scope = f"content/clusters/{slug}"
    cslug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.championship(slug, cslug)
    end = data.get("end") or data["start"]
    if end < data["start"]:
        diags.append(dg.error("championship.dates", src.rel, doc.meta.line(("end",)), "Дата окончания раньше даты начала.",
                              "Проверьте поля start и end."))
    photos = []
    for i, p in enumerate(data.get("photos") or []):
        path = _ref(ctx, p.get("file"), src.rel, p.get("_line"), scope, "Фото", diags)
        if path:
            photos.append(Photo(urls.media(path), p.get("alt") or ""))
    results = tuple(Result(str(r.get("place")), r.get("college") or "", r.get("competency") or "",
                           r.get("participant") if r.get("consent") else None) for r in data.get("results") or [])
    body = _body_html(ctx, doc.body, src.rel, doc.body_line, scope, page, diags)
    return Championship(slug, cslug, src.rel, data["title"], data["start"], end, data.get("venue") or "",
                        data.get("level") or "regional", tuple(data.get("partners") or ()),
                        tuple(data.get("competencies") or ()), tuple(t.lower() for t in data.get("tags") or ()),
                        results, tuple(photos), body, doc.meta.line(("partners",))), diags


def parse_page(ctx: Context, src: SourceFile, slug: str) -> tuple[Page | None, list[dg.Diagnostic]]:
    doc, data, diags = _front(src, schemas.PAGE, "страницы")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    pslug = src.rel.rsplit("/", 1)[1][:-3]
    page = urls.page(slug, pslug)
    body = _body_html(ctx, doc.body, src.rel, doc.body_line, f"content/clusters/{slug}", page, diags)
    return Page(slug, pslug, src.rel, data["title"], data.get("date"), data.get("summary") or "",
                tuple(t.lower().replace("ё", "е") for t in data.get("tags") or ()), body), diags


def parse_protocol(ctx: Context, src: SourceFile) -> tuple[Protocol | None, list[dg.Diagnostic]]:
    doc, data, diags = _front(src, schemas.PROTOCOL, "протокола")
    if doc is None or any(d.severity == dg.ERROR for d in diags):
        return None, diags
    pslug = src.rel.rsplit("/", 1)[1][:-3]
    decisions = []
    year = AcademicYear(data["date"].year if data["date"].month >= ctx.config.year_start[0] else data["date"].year - 1,
                        start=ctx.config.year_start, end=ctx.config.year_end)
    numbers = set()
    for i, d in enumerate(data.get("decisions") or []):
        if d.get("number") in numbers:
            diags.append(dg.error("protocol.duplicate-decision", src.rel, d["_line"], f"Решение № {d['number']} встречается дважды.",
                                  "У каждого решения свой номер."))
        numbers.add(d.get("number"))
        deadline = None
        try:
            deadline = parse_deadline(d.get("deadline") or "", year)
        except DeadlineError as exc:
            diags.append(dg.warning("protocol.deadline", src.rel, doc.meta.line(("decisions", i, "deadline")),
                                    f"Срок «{d.get('deadline')}» не распознан.", exc.hint))
        rules = tuple(Rule(r.get("type"), r.get("academic_year"), r.get("kind"),
                           (r.get("tag") or "").lower().replace("ё", "е") or None, r.get("_line"))
                      for r in d.get("evidence") or [])
        decisions.append(Decision(d["number"], d["text"], d.get("deadline") or "", deadline, d.get("responsible") or "",
                                  rules, short=d.get("short") or "", line=d.get("_line")))
    approved = data.get("approved") or {}
    body = _body_html(ctx, doc.body, src.rel, doc.body_line, "content/protocols", urls.protocol(pslug), diags)
    return Protocol(pslug, src.rel, data["title"], str(data["number"]), data["date"], approved.get("position") or "",
                    approved.get("name") or "", tuple(sorted(decisions, key=lambda x: x.number)), body), diags
