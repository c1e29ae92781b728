"""What web admins take away: cluster zips, CMS fragments, feeds, sitemap, the admin page, --since.

Every test reads real builds of the example region: `plain` by the command line
(python build.py build --strict), `with_base` in-process as the command line builds it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest

REPO = Path(__file__).resolve().parents[2]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE_URL = "https://college.example.ru/klastery/"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# --------------------------------------------------------------------------- helpers

def build(cfg: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """`python build.py build --strict` of `cfg` into `out`, by the command line."""
    r = subprocess.run([sys.executable, "build.py", "build", "--config", str(cfg), "--out", str(out), "--strict", *extra],
                       cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert r.returncode == 0, r.stderr[-4000:]
    return r


def copy_site(dest: Path, base_url: str | None = None) -> Path:
    dest.mkdir(parents=True)
    shutil.copytree(REPO / "content", dest / "content")
    text = re.sub(r"(?m)^base_url:.*\n", "", (REPO / "site_config.yaml").read_text(encoding="utf-8"))
    if base_url:
        text += f"base_url: {base_url}\n"
    (dest / "site_config.yaml").write_text(text, encoding="utf-8")
    return dest / "site_config.yaml"


class Doc(HTMLParser):
    """Tags, addresses, ids, labels and headings of one HTML document or fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.urls: list[tuple[str, str, str]] = []  # (tag, attr, value)
        self.ids: set[str] = set()
        self.roots: list[tuple[str, dict]] = []
        self.depth = 0
        self.headings: list[int] = []
        self.text_outside = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if self.depth == 0:
            self.roots.append((tag, a))
        if tag not in VOID:
            self.depth += 1
        if a.get("id"):
            self.ids.add(a["id"])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        for name in ("href", "src", "poster"):
            if a.get(name) is not None:
                self.urls.append((tag, name, a[name]))
        if a.get("srcset"):
            for part in a["srcset"].split(","):
                self.urls.append((tag, "srcset", part.strip().split(" ")[0]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.depth -= 1

    def handle_endtag(self, tag):
        self.depth -= 1

    def handle_data(self, data):
        if self.depth == 0:
            self.text_outside += data.strip()


def parse(text: str) -> Doc:
    d = Doc()
    d.feed(text)
    d.close()
    return d


def local(value: str) -> bool:
    parts = urlsplit(value)
    return not (parts.scheme or value.startswith("//") or value.startswith("#") or not value.strip())


def target_of(root: Path, page: Path, value: str) -> Path:
    path = unquote(urlsplit(value).path)
    target = (page.parent / path)
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


# --------------------------------------------------------------------------- builds (one per module)

@pytest.fixture(scope="module")
def plain_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The example region without base_url, built by the command line: (output, the process)."""
    root = tmp_path_factory.mktemp("plain")
    out = root / "output"
    return out, build(copy_site(root / "site"), out)


@pytest.fixture(scope="module")
def plain(plain_build) -> Path:
    return plain_build[0]


@pytest.fixture(scope="module")
def with_base(tmp_path_factory) -> Path:
    """A copy of the example region with base_url set (a sub-path), built in-process under --strict."""
    from clusterpages import pipeline
    from clusterpages.values import diagnostics as dg
    from conftest import EXAMPLE_AS_OF
    root = tmp_path_factory.mktemp("based")
    cfg = copy_site(root / "site", BASE_URL)
    out = root / "output"
    result = pipeline.build(cfg, out, None, EXAMPLE_AS_OF, True, None, jobs=1, use_cache=False)
    assert result.written, [dg.format_text(d) for d in result.diagnostics if d.severity != dg.INFO]
    return out


# --------------------------------------------------------------------------- zips

def _check_unzipped(tree: Path) -> list[str]:
    broken = []
    for page in sorted(tree.rglob("*.html")):
        doc = parse(page.read_text(encoding="utf-8"))
        for tag, attr, value in doc.urls:
            if not local(value):
                continue
            target = target_of(tree, page, value).resolve()
            if not target.is_relative_to(tree.resolve()) or not target.is_file():
                broken.append(f"{page.relative_to(tree)}: <{tag} {attr}=\"{value}\">")
    for css in sorted(tree.rglob("*.css")):
        for value in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if local(value) and not target_of(tree, css, value).is_file():
                broken.append(f"{css.relative_to(tree)}: url({value})")
    return broken


def test_every_cluster_zip_works_anywhere_after_unzipping(plain, tmp_path):
    zips = sorted((plain / "downloads").glob("*.zip"))
    clusters = sorted(p.name for p in (REPO / "content" / "clusters").iterdir() if p.is_dir())
    assert [z.stem for z in zips] == clusters
    for z in zips:
        tree = tmp_path / z.stem / "any" / "folder"
        tree.mkdir(parents=True)
        with zipfile.ZipFile(z) as zf:
            assert zf.testzip() is None
            zf.extractall(tree)
        assert _check_unzipped(tree) == [], z.name
        assert (tree / "clusters" / z.stem / "index.html").is_file()
        assert not (tree / "clusters").joinpath("x").exists()
        assert sorted(p.name for p in (tree / "clusters").iterdir()) == [z.stem], "only this cluster's pages"
        root = parse((tree / "index.html").read_text(encoding="utf-8"))
        assert ("a", "href", f"clusters/{z.stem}/index.html") in root.urls
        # the fonts travel with their licence
        assert list((tree / "assets" / "fonts").glob("OFL*"))


def test_zip_links_leaving_the_cluster_become_text_without_base_url(plain, tmp_path):
    with zipfile.ZipFile(plain / "downloads" / "it.zip") as zf:
        home = zf.read("clusters/it/index.html").decode("utf-8")
    doc = parse(home)
    # the regional index and the other clusters are not in the zip: no link to them remains
    hrefs = [v for t, a, v in doc.urls if t == "a"]
    assert not any("agro/" in h or h.endswith("../../index.html") for h in hrefs)
    assert "<span>Агропромышленный</span>" in home  # the navigation keeps its words
    # the same page in the site itself still links
    assert 'href="../agro/index.html"' in (plain / "clusters" / "it" / "index.html").read_text(encoding="utf-8")


def test_zip_manifest_hashes_and_instruction(plain):
    with zipfile.ZipFile(plain / "downloads" / "it.zip") as zf:
        names = zf.namelist()
        assert names == sorted(names)
        manifest = json.loads(zf.read("manifest.json"))
        listed = {f["path"]: f for f in manifest["files"]}
        assert set(listed) == set(names) - {"manifest.json"}
        for name, entry in listed.items():
            data = zf.read(name)
            assert entry["sha256"] == hashlib.sha256(data).hexdigest(), name
            assert entry["size"] == len(data)
        note = zf.read("ИНСТРУКЦИЯ.txt").decode("utf-8-sig")
        assert "FTP" in note and "файловый менеджер" in note and "с диска" in note
        infos = zf.infolist()
        assert {i.date_time for i in infos} == {(2023, 2, 15, 0, 0, 0)}  # the as-of date, not the clock
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_zip_links_go_to_base_url_when_set(with_base, tmp_path):
    with zipfile.ZipFile(with_base / "downloads" / "it.zip") as zf:
        zf.extractall(tmp_path)
        home = zf.read("clusters/it/index.html").decode("utf-8")
    assert f'href="{BASE_URL}clusters/agro/index.html"' in home
    assert f'href="{BASE_URL}index.html"' in home
    assert _check_unzipped(tmp_path) == []


def test_site_manifest_lists_every_file_but_downloads(plain):
    manifest = json.loads((plain / "downloads" / "manifest.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(plain).as_posix(): p for p in plain.rglob("*") if p.is_file()}
    expected = {k for k in on_disk if not k.startswith("downloads/")}
    assert set(manifest["files"]) == expected
    for path in ("index.html", "clusters/it/plan-2022-2023/index.html", "embed/embed.css", "assets/theme.css"):
        assert manifest["files"][path] == hashlib.sha256(on_disk[path].read_bytes()).hexdigest()


# --------------------------------------------------------------------------- fragments

def _fragments(out: Path) -> list[Path]:
    return sorted((out / "embed").rglob("*.html"))


def test_fragments_are_plain_html_with_one_cp_embed_root(plain):
    frags = _fragments(plain)
    names = {p.relative_to(plain / "embed").as_posix() for p in frags}
    for expected in ("it/home.html", "it/plan-2022-2023.html", "it/media-plan-2022-2023.html",
                     "it/report-2021-2022.html", "it/videos.html", "it/championships.html",
                     "it/championship-it-start-2023.html", "it/page-tochki-rosta.html",
                     "it/home.inline.html", "stroy/home.html"):
        assert expected in names
    for path in frags:
        text = path.read_text(encoding="utf-8")
        doc = parse(text)
        used = {t for t, _ in doc.tags}
        assert not used & {"script", "html", "head", "body", "svg", "style", "link", "meta", "form", "button"}, path
        assert len(doc.roots) == 1 and doc.text_outside == "", path
        tag, attrs = doc.roots[0]
        cluster = path.parent.name
        assert tag == "div" and {"cp-embed", f"cp-embed--{cluster}"} <= set(attrs["class"].split()), path
        assert "a11y" not in text and "<!DOCTYPE" not in text
        if not path.name.startswith("video-"):
            assert "iframe" not in used, path


def test_fragments_without_base_url_have_no_site_paths(plain):
    for path in _fragments(plain):
        doc = parse(path.read_text(encoding="utf-8"))
        for tag, attr, value in doc.urls:
            if value.startswith("#"):
                assert value[1:] in doc.ids, (path, value)
            else:
                assert urlsplit(value).scheme in ("http", "https", "mailto", "tel"), (path, tag, value)
    report = (plain / "embed" / "it" / "report-2021-2022.html").read_text(encoding="utf-8")
    # Charts are drawn as HTML bars, so they need no address at all.
    assert "<img" not in report and len(re.findall(r'style="width:[\d.]+%', report)) >= 6


def test_inline_variant_has_style_attributes_and_no_style_element(plain):
    inline = sorted((plain / "embed").rglob("*.inline.html"))
    assert inline
    for path in inline:
        text = path.read_text(encoding="utf-8")
        doc = parse(text)
        assert "style" not in {t for t, _ in doc.tags}
        assert "style" in doc.roots[0][1], path
        assert "var(" not in text
    # A plan's wide table is cards in the inline variant (it cannot ask for the column's width):
    # every card and every field carries its own border and colours.
    plan = parse((plain / "embed" / "it" / "plan-2022-2023.inline.html").read_text(encoding="utf-8"))
    assert "table" not in {t for t, _ in plan.tags} and "li" not in {t for t, _ in plan.tags}
    cards = [a for t, a in plan.tags if "cp-embed__card" in a.get("class", "").split()]
    fields = [a for t, a in plan.tags if "cp-embed__field" in a.get("class", "").split()]
    assert cards and all("border:" in a["style"] and "background-color:#" in a["style"] for a in cards)
    assert fields and all("border-top:" in a["style"] for a in fields)


def test_embed_css_is_scoped_and_uses_literal_colours(plain):
    css = (plain / "embed" / "embed.css").read_text(encoding="utf-8")
    assert "var(" not in css
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", body) for s in block.split(",")
                 if not block.strip().startswith("@container cp-embed ")]
    # Every selector starts at a piece's root, weighted above a theme's id and class rules.
    assert selectors and all(re.match(r"\.cp-embed(--[a-z0-9-]+)?:not\(#cp-embed-x\)(\s|$|\.)", s)
                             for s in selectors), selectors
    assert ".cp-embed--agro:not(#cp-embed-x) h2" in css and "#2f6b1f" in css  # the agro accent, written out
    assert sorted(p.name for p in (plain / "embed").iterdir() if p.is_file()) == ["embed.css"]


def test_charts_are_svg_files_offered_on_the_admin_page_and_bars_in_the_fragment(with_base):
    charts = sorted((with_base / "embed" / "it" / "charts").glob("*.svg"))
    assert charts
    for c in charts:
        root = ET.fromstring(c.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert "var(" not in c.read_text(encoding="utf-8")
    admin = parse((with_base / "dlya-administratorov" / "it" / "index.html").read_text(encoding="utf-8"))
    assert {f"../../embed/it/charts/{c.name}" for c in charts} <= {v for t, a, v in admin.urls if t == "a"}
    report = (with_base / "embed" / "it" / "report-2021-2022.html").read_text(encoding="utf-8")
    doc = parse(report)
    assert not [v for t, a, v in doc.urls if t == "img"]
    assert len(re.findall(r'style="width:[\d.]+%', report)) >= 6
    hrefs = [v for t, a, v in doc.urls if t == "a"]
    assert f"{BASE_URL}clusters/it/report-2021-2022/index.html" in hrefs
    for path in _fragments(with_base):
        for tag, attr, value in parse(path.read_text(encoding="utf-8")).urls:
            assert not local(value), (path, value)


def test_video_snippets_embed_only_allow_listed_hosts_with_a_text_link(plain):
    from clusterpages.values.videos import ALLOWED_EMBED_HOSTS
    snippets = sorted((plain / "embed").rglob("video-*.html"))
    assert snippets
    for path in snippets:
        doc = parse(path.read_text(encoding="utf-8"))
        frames = [a for t, a in doc.tags if t == "iframe"]
        assert len(frames) == 1 and frames[0].get("title")
        src = urlsplit(frames[0]["src"])
        assert src.scheme == "https" and src.hostname in ALLOWED_EMBED_HOSTS
        assert [v for t, a, v in doc.urls if t == "a" and v.startswith("https://")], path
    videos = (plain / "embed" / "it" / "videos.html").read_text(encoding="utf-8")
    assert "iframe" not in videos and "длительность 3:42" in videos


# --------------------------------------------------------------------------- admin page

def _cluster_slugs() -> list[str]:
    return [p.name for p in sorted((REPO / "content" / "clusters").iterdir()) if (p / "cluster.yaml").is_file()]


def test_admin_pages_offer_every_fragment_in_a_labelled_readonly_textarea(plain):
    """Each cluster's page holds its own pieces' code (both forms of every page's piece, and the
    video players): a file opened in a browser shows no code to copy. The index holds none but
    the fragments' stylesheet, and leads to every cluster's page and zip."""
    index = parse((plain / "dlya-administratorov" / "index.html").read_text(encoding="utf-8"))
    assert [a["id"] for t, a in index.tags if t == "textarea"] == ["code-embed-css"]
    index_hrefs = {v for t, a, v in index.urls if t == "a"}
    slugs = _cluster_slugs()
    assert {f"{s}/index.html" for s in slugs} <= index_hrefs
    for z in (plain / "downloads").glob("*.zip"):
        assert f"../downloads/{z.name}" in index_hrefs
    for cms in ("1С-Битрикс", "Joomla", "WordPress"):
        assert cms in (plain / "dlya-administratorov" / "index.html").read_text(encoding="utf-8")
    total = 0
    for slug in slugs:
        doc = parse((plain / "dlya-administratorov" / slug / "index.html").read_text(encoding="utf-8"))
        areas = [a for t, a in doc.tags if t == "textarea"]
        labels = {a.get("for") for t, a in doc.tags if t == "label"}
        assert areas and all("readonly" in a and a["id"] in labels for a in areas), slug
        buttons = [a for t, a in doc.tags if t == "button" and "data-copy" in a]
        assert {b["data-copy"] for b in buttons} == {a["id"] for a in areas}
        frags = [p for p in _fragments(plain) if p.parent.name == slug]
        assert len(areas) == len(frags), slug
        total += len(areas)
        hrefs = {v for t, a, v in doc.urls if t == "a"}
        for p in frags:
            if not p.name.startswith("video-"):
                assert f"../../{p.relative_to(plain).as_posix()}" in hrefs
        assert f"../../downloads/{slug}.zip" in hrefs and "../index.html" in hrefs
        assert "../../assets/copy.js" in {v for t, a, v in doc.urls if t == "script"}
        levels = doc.headings
        assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    assert total == len(list(_fragments(plain)))


def _words(html: str) -> str:
    """What the admin page says in its own words: no code, no text areas, no tags."""
    html = re.sub(r"(?s)<(code|textarea|script|style)\b.*?</\1>", " ", html)
    return re.sub(r"<[^>]+>", " ", html)


def test_admin_page_is_organised_per_cluster_with_code_collapsed(plain, with_base):
    text = (plain / "dlya-administratorov" / "index.html").read_text(encoding="utf-8")
    # Code only inside <details> that are closed until asked for.
    assert "<textarea" not in re.sub(r"(?s)<details\b[^>]*>.*?</details>", "", text)
    assert not re.search(r"<details[^>]*\bopen\b", text)
    doc = parse(text)
    hrefs = {v for t, a, v in doc.urls if t == "a"}
    slugs = _cluster_slugs()
    assert slugs and all(f"#kit-{s}" in hrefs and f"kit-{s}" in doc.ids for s in slugs)
    for slug in slugs:  # each cluster's code, too, only inside closed <details>
        mine = (plain / "dlya-administratorov" / slug / "index.html").read_text(encoding="utf-8")
        assert "<textarea" not in re.sub(r"(?s)<details\b[^>]*>.*?</details>", "", mine)
        assert not re.search(r"<details[^>]*\bopen\b", mine)
    # A web admin's words: no file formats, command options or settings in the running text.
    words = _words(text)
    for jargon in ("manifest.json", "--since", "base_url", "unfiltered_html", "iframe"):
        assert jargon not in words, jargon
    # Without base_url a clear note says what that means; with it there is none.
    assert "Ссылки во\u00a0фрагментах будут обычным текстом" in text
    based = (with_base / "dlya-administratorov" / "index.html").read_text(encoding="utf-8")
    assert "Ссылки во\u00a0фрагментах будут обычным текстом" not in based


# --------------------------------------------------------------------------- feeds

def _front_matter_date(path: Path, key: str) -> str:
    return re.search(rf"^{key}:\s*(\S+)", path.read_text(encoding="utf-8"), re.M).group(1)


def test_feeds_are_atom_dated_by_the_content(plain):
    feeds = [plain / "feed.xml"] + sorted((plain / "clusters").glob("*/feed.xml"))
    assert len(feeds) == 1 + len(list((REPO / "content" / "clusters").iterdir()))
    for f in feeds:
        root = ET.fromstring(f.read_bytes())
        assert root.tag == f"{ATOM}feed"
        for child in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{child}") is not None, (f, child)
        entries = root.findall(f"{ATOM}entry")
        stamps = [e.findtext(f"{ATOM}updated") for e in entries]
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", s) for s in stamps)
        if entries:
            assert root.findtext(f"{ATOM}updated") == max(stamps)
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(ids) == len(set(ids)) and all(i.startswith("tag:clusterpages,") for i in ids)
        assert all(e.find(f"{ATOM}link").get("href") for e in entries)
    it = ET.fromstring((plain / "clusters" / "it" / "feed.xml").read_bytes())
    by_id = {e.findtext(f"{ATOM}id"): e for e in it.findall(f"{ATOM}entry")}
    champ = by_id["tag:clusterpages,2022:it/championships/it-start-2023"]
    start = _front_matter_date(REPO / "content/clusters/it/championships/it-start-2023.md", "start")
    assert champ.findtext(f"{ATOM}updated") == f"{start}T00:00:00Z"
    assert champ.find(f"{ATOM}link").get("href") == "championships/it-start-2023/index.html"
    page = by_id["tag:clusterpages,2022:it/pages/tochki-rosta"]
    assert page.findtext(f"{ATOM}updated").startswith(_front_matter_date(REPO / "content/clusters/it/pages/tochki-rosta.md", "date"))
    published = [e for e in it.findall(f"{ATOM}entry") if e.find(f"{ATOM}category").get("term") == "media"]
    assert published and all(e.find(f"{ATOM}link").get("href").startswith("https://") for e in published)
    # plan items with a deadline are in; a recurring item («ежемесячно») is not
    titles = [e.findtext(f"{ATOM}title") for e in it.findall(f"{ATOM}entry")]
    assert any("Заседание совета кластера" in t for t in titles)
    assert not any(t.startswith("Публикации о деятельности кластера в госпабликах") for t in titles)


def test_feeds_use_absolute_links_with_base_url(with_base):
    root = ET.fromstring((with_base / "feed.xml").read_bytes())
    links = [l.get("href") for l in root.iter(f"{ATOM}link")]
    assert links and all(l.startswith(("https://", "http://")) for l in links)
    assert f"{BASE_URL}feed.xml" in links


# --------------------------------------------------------------------------- sitemap

def test_no_sitemap_without_base_url(plain):
    assert not (plain / "sitemap.xml").exists() and not (plain / "robots.txt").exists()


def test_sitemap_info_is_reported_without_base_url(plain_build):
    _, r = plain_build
    assert "sitemap.skipped" in r.stderr and "base_url" in r.stderr


def test_sitemap_lists_every_page_with_absolute_addresses(with_base):
    root = ET.fromstring((with_base / "sitemap.xml").read_bytes())
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    pages = sorted(p.relative_to(with_base).as_posix() for p in with_base.rglob("*.html")
                   if not p.relative_to(with_base).as_posix().startswith(("embed/", "downloads/")))
    assert locs == [BASE_URL + p for p in pages]
    lastmod = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root.findall(f"{SITEMAP}url")}
    updated = _front_matter_date(REPO / "content/clusters/it/plan-2022-2023.md", "updated")
    assert lastmod[f"{BASE_URL}clusters/it/plan-2022-2023/index.html"] == updated
    assert lastmod[f"{BASE_URL}index.html"] is None
    robots = (with_base / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE_URL}sitemap.xml" in robots and "Disallow: /klastery/embed/" in robots


# --------------------------------------------------------------------------- --since

def test_since_lists_the_changed_plan_page(plain, tmp_path):
    cfg = copy_site(tmp_path / "site")
    first = plain  # the same site, built without --since
    assert not (first / "downloads" / "changes").exists()  # no --since, no changes page
    saved = tmp_path / "manifest-before.json"
    shutil.copy2(first / "downloads" / "manifest.json", saved)

    plan = cfg.parent / "content" / "clusters" / "it" / "plan-2022-2023.md"
    text = plan.read_text(encoding="utf-8")
    row = "| 2 | Актуализация состава участников и соглашений с предприятиями-партнёрами"
    assert row in text
    plan.write_text(text.replace(row, row + " (уточнено)"), encoding="utf-8")
    second = tmp_path / "second"
    build(cfg, second, "--since", str(saved))

    page = second / "downloads" / "changes" / "index.html"
    html = page.read_text(encoding="utf-8")
    doc = parse(html)
    changed = {v for t, a, v in doc.urls if t == "a"}
    assert "../../clusters/it/plan-2022-2023/index.html" in changed
    assert "../../clusters/agro/plan-2022-2023/index.html" not in changed
    it_section = html.split('id="chg-cl-it-h"')[1].split("<section")[0]
    assert "clusters/it/plan-2022-2023/index.html" in it_section.split("Изменённые файлы")[1]
    for tag, attr, value in doc.urls:  # the page's own links work
        if local(value):
            assert target_of(second, page, value).is_file(), value


def test_since_rejects_a_file_that_is_not_a_site_manifest(plain, tmp_path):
    bad = tmp_path / "manifest.json"
    with zipfile.ZipFile(plain / "downloads" / "it.zip") as zf:
        bad.write_bytes(zf.read("manifest.json"))  # a zip's manifest, not the site's
    r = subprocess.run([sys.executable, "build.py", "build", "--out", str(tmp_path / "out"), "--since", str(bad)],
                       cwd=REPO, capture_output=True, text=True, encoding="utf-8", timeout=600)
    # wrong usage (exit 2, as for a --since file that cannot be read), said before any work
    assert r.returncode == 2 and "since.manifest" in r.stderr, r.stderr
    assert "записано файлов: 0" in r.stderr and not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- pure helpers

def test_bundle_page_rewrites_only_links_that_leave():
    from clusterpages.publish.bundles import bundle_page
    page = "clusters/it/videos/index.html"
    html = ('<link rel="stylesheet" href="../../../assets/theme.css"><link rel="alternate" href="../../../feed.xml">'
            '<a href="../index.html">Кластер</a> <a class="x" href="../../agro/index.html" aria-current="true">Агро</a>'
            '<img src="../../../media/logo.svg" alt=""><a href="https://vk.com/">VK</a><a href="#main">К содержанию</a>')
    inside = lambda p: p.startswith("clusters/it/") or p.startswith("assets/")
    text, loads = bundle_page(html, page, inside, None)
    assert '<a href="../index.html">Кластер</a>' in text
    assert '<span class="x">Агро</span>' in text
    assert 'rel="alternate"' not in text
    assert '<a href="https://vk.com/">VK</a>' in text and '<a href="#main">' in text
    assert loads == {"assets/theme.css", "media/logo.svg", "clusters/it/index.html"}
    text, _ = bundle_page(html, page, inside, "https://x.ru/k/")
    assert '<a class="x" href="https://x.ru/k/clusters/agro/index.html" aria-current="true">Агро</a>' in text
    assert 'href="https://x.ru/k/feed.xml"' in text


def test_relink_turns_site_links_into_text_and_images_into_alt():
    from clusterpages.publish.embed import relink
    page = "clusters/it/pages/p/index.html"
    html = ('<div class="cp-embed cp-embed--it"><h3 id="a">A</h3><a href="#a">к A</a> <a href="#nowhere">нет</a> '
            '<a href="../../plan-2022-2023/index.html#item-1">план</a> <img src="../../media/x.png" alt="Фото &amp; подпись">'
            '<a href="mailto:a@b.ru">почта</a></div>')
    out = relink(html, page, None)
    assert '<a href="#a">к A</a>' in out and "<span>нет</span>" in out and "<span>план</span>" in out
    assert '<span class="cp-embed__alt">Фото &amp; подпись</span>' in out and "<img" not in out
    assert '<a href="mailto:a@b.ru">' in out
    out = relink(html, page, "https://x.ru/")
    assert 'href="https://x.ru/clusters/it/plan-2022-2023/index.html#item-1"' in out
    assert 'src="https://x.ru/clusters/it/media/x.png"' in out


def test_previous_manifest_shapes():
    from clusterpages.publish.artifacts import previous_files
    assert previous_files({"files": {"a.html": "00"}, "as_of": "2023-02-15"}) == {"a.html": "00"}
    assert previous_files({"a.html": "00"}) == {"a.html": "00"}
    assert previous_files({"cluster": "it", "files": [{"path": "a"}]}) is None
    assert previous_files([1, 2]) is None
