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
