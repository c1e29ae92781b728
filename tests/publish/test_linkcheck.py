"""The link checker: broken files, broken fragments, absolute links, CSS url()."""

from clusterpages.publish.linkcheck import check, scan


def test_scan_finds_links_ids_srcset_and_style_urls():
    s = scan('<p id="a">x</p>\n<img src="i.png" srcset="i.png 1x, i2.png 2x" alt="">\n'
             '<div style="background: url(\'bg.png\')"></div><script>var x = "<a href=\\"nope\\">";</script>')
    assert s.ids == {"a"}
    assert [(a, v, l) for a, v, l in s.links] == [("src", "i.png", 2), ("srcset", "i.png", 2), ("srcset", "i2.png", 2),
                                                   ("style", "bg.png", 3)]


def test_check_reports_each_kind_of_broken_link():
    files = {
        "index.html": b'<a href="a/index.html#top">ok</a>\n<a href="a/index.html#missing">x</a>\n'
                      b'<a href="/abs.html">x</a>\n<a href="nope.html">x</a>\n<a href="https://example.org/">ext</a>\n'
                      b'<a href="a/">dir</a><a href="#self">s</a><p id="self"></p>',
        "a/index.html": b'<h2 id="top">t</h2><img src="../img.png" alt="">',
        "assets/x.css": b"body { background: url(missing.png) }",
    }
    diags = check(files, {"img.png"})
    got = sorted((d.code, d.file, d.line) for d in diags)
    assert got == [("link.absolute", "output/index.html", 3), ("link.broken", "output/assets/x.css", None),
                   ("link.broken", "output/index.html", 4), ("link.fragment", "output/index.html", 2)]


def test_links_resolved_where_the_page_is_scanned_give_the_same_findings():
    files = {
        "index.html": b'<a href="a/index.html#top">ok</a>\n<a href="a/index.html#missing">x</a>\n'
                      b'<a href="/abs.html">x</a>\n<a href="nope.html">x</a>\n<a href="https://example.org/">ext</a>\n'
                      b'<a href="a/">dir</a><a href="#self">s</a><a href="#gone">g</a><p id="self"></p>'
                      b'<a href="../../out.html">up</a><a href="//cdn.example/x.js">cdn</a>',
        "a/index.html": b'<h2 id="top">t</h2><img src="../img.png" alt=""><a href="../index.html#self">back</a>',
    }
    resolved = {p: scan(d.decode("utf-8"), page=p) for p, d in files.items()}
    assert resolved["index.html"].ids == scan(files["index.html"].decode("utf-8")).ids
    # each link carries where it points: outside (None), from the root ("/"), or (site path, fragment)
    assert [link[3] for link in resolved["index.html"].links] == [
        ("a/index.html", "top"), ("a/index.html", "missing"), "/", ("nope.html", ""), None, ("a/index.html", ""),
        ("index.html", "self"), ("index.html", "gone"), ("../", ""), None]
    assert _found(check(files, {"img.png"}, resolved)) == _found(check(files, {"img.png"})) == [
        ("link.absolute", "output/index.html", 3), ("link.broken", "output/index.html", 4),
        ("link.broken", "output/index.html", 6), ("link.fragment", "output/index.html", 2),
        ("link.fragment", "output/index.html", 6)]


def _again(files, others, before):
    """check_again as a build calls it: every page's scan, and the digest of its bytes."""
    from clusterpages.publish.linkcheck import check_again
    from clusterpages.values.packing import key
    pages = {p: d for p, d in files.items() if p.endswith(".html")}
    return check_again(files, others, {p: scan(d.decode("utf-8")) for p, d in pages.items()},
                       {p: key(d) for p, d in pages.items()}, before, key)


def _found(diags):
    return sorted((d.code, d.file, d.line) for d in diags)


def test_check_again_checks_only_changed_pages_and_everything_when_anchors_or_files_change(monkeypatch):
    from clusterpages.publish import linkcheck
    checked: list[str] = []
    real = linkcheck.check_page
    files = {
        "index.html": b'<a href="a/index.html#top">ok</a>\n<a href="nope.html">x</a>',
        "a/index.html": b'<h2 id="top">t</h2><img src="../img.png" alt="">',
        "b/index.html": b'<a href="../index.html">home</a>',
    }

    def again(others, before):
        """The findings (the same as a whole check's) and the pages checked to make them."""
        whole = _found(check(files, others))
        checked.clear()
        monkeypatch.setattr(linkcheck, "check_page", lambda page, *a: checked.append(page) or real(page, *a))
        diags, before = _again(files, others, before)
        monkeypatch.setattr(linkcheck, "check_page", real)
        assert _found(diags) == whole
        return whole, sorted(checked), before

    found, pages, before = again({"img.png"}, None)
    assert found == [("link.broken", "output/index.html", 2)]
    assert pages == ["a/index.html", "b/index.html", "index.html"]

    found, pages, before = again({"img.png"}, before)  # nothing changed: no page is checked
    assert found == [("link.broken", "output/index.html", 2)] and pages == []

    # one page's text changed, not its ids: only it is checked
    files["b/index.html"] = b'<a href="../index.html">home</a> <a href="../gone.html">x</a>'
    found, pages, before = again({"img.png"}, before)
    assert pages == ["b/index.html"] and ("link.broken", "output/b/index.html", 1) in found

    # an anchor went: the unchanged page that links to it is checked again
    files["a/index.html"] = b'<h2 id="renamed">t</h2><img src="../img.png" alt="">'
    found, pages, before = again({"img.png"}, before)
    assert len(pages) == 3 and ("link.fragment", "output/index.html", 1) in found

    found, pages, before = again(set(), before)  # a file went: every page is checked again
    assert len(pages) == 3 and ("link.broken", "output/a/index.html", 1) in found

    # files came (a new page): the new page, and the pages that missed something, are checked
    files.update({"a/index.html": b'<h2 id="top">t</h2>', "b/index.html": b'<a href="../index.html">home</a>'})
    found, pages, before = again(set(), before)
    assert found == [("link.broken", "output/index.html", 2)]
    files["nope.html"] = b'<a href="index.html">back</a>'
    found, pages, before = again(set(), before)
    assert found == [] and pages == ["index.html", "nope.html"]


def test_a_broken_link_names_the_output_folder_the_build_wrote(tmp_path):
    """«--out public» makes the link check say public/…, not output/…."""
    import datetime as dt
    import shutil

    from clusterpages import pipeline
    from conftest import REPO, copy_example
    config = copy_example(tmp_path / "site", clusters=("it",))
    theme = tmp_path / "site" / "themes" / "brandbook"
    shutil.copytree(REPO / "themes" / "brandbook", theme)
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", '<a href="nowhere.html">x</a></footer>'),
                    encoding="utf-8")
    result = pipeline.build(config, tmp_path / "site" / "public", None, dt.date(2023, 2, 15), False, jobs=1,
                            use_cache=False)
    broken = [d for d in result.diagnostics if d.code == "link.broken"]
    assert broken and all(d.file.startswith("public/") for d in broken), broken[:3]


def test_a_scan_for_some_end_tags_finds_the_same_start_tags_and_only_those_ends():
    from clusterpages.publish import htmlscan
    text = ('<div id="a"><a href="x.html">x</a><script src="s.js">if (a</b) {}</script>'
            '<p title="t"><A HREF="y.html">y</A></p><textarea><a href="no"></textarea></div>')
    every = htmlscan.scan(text)
    links = htmlscan.scan(text, ends=("a",))
    assert [t for t in every if not t.closing or t.name in ("a", "script", "textarea")] == links
    assert [t for t in every if not t.closing or t.name in ("script", "textarea")] == htmlscan.scan(text, ends=())
    assert [(t.name, t.closing) for t in links] == [
        ("div", False), ("a", False), ("a", True), ("script", False), ("script", True), ("p", False), ("a", False),
        ("a", True), ("textarea", False), ("textarea", True)]


def test_the_scan_is_the_tokenizer_s_reading_whatever_the_filters():
    """htmlscan.scan tells each token by the group it matched last, goes on after a raw element's
    end and takes attributes parsed once a process: held to a plain reading of the same pattern
    (every token searched for in turn, its groups looked at) over markup that tries its edges."""
    import re

    from clusterpages.publish import htmlscan, linkcheck

    def plain(text, having=None, ends=None):
        tags, pos, token = [], 0, htmlscan._token(ends)
        while (m := token.search(text, pos)) is not None:
            pos = m.end()
            raw, name, closed = m.group("raw", "name", "end")
            if raw:
                closing = htmlscan._RAW_END[raw.lower()].search(text, pos)
                if closing is None:
                    continue
                if having is None or having.search(m.group("rawattrs")):
                    tags.append((raw.lower(), m.start(), False))
                tags.append((raw.lower(), closing.start(), True))
                pos = closing.end()
            elif name:
                if having is None or having.search(m.group("attrs")):
                    tags.append((name.lower(), m.start(), False))
            elif closed:
                tags.append((closed.lower(), m.start(), True))
        return tags

    text = ('<!-- <a href="x"> --><P ID="a" title="b<c">т</P><a href=x>1</a><br/><img src=y alt=\'z\'>'
            '<script src="s.js">if (a < b) { x = "<a href=q>" }</script><textarea>a href=</TEXTAREA>'
            '<style>p{}</style><script>never closed <a href="z">z</a><div class="x" id=w>и</div>')
    for having in (None, linkcheck.LINKED, re.compile("")):
        for ends in (None, ("a",), ()):
            assert [(t.name, t.start, t.closing) for t in htmlscan.scan(text, having, ends)] == plain(text, having, ends)
