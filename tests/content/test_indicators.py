"""The region's catalogue of indicators (content/indicators.yaml): a report's indicator it does
not know, or knows in another unit, is a warning with the file, the line and a did-you-mean; a
typo in the catalogue itself is a clear error with its file and line."""

from __future__ import annotations

from conftest import copy_example, prepare
from clusterpages.values import diagnostics as dg

REPORT = "content/clusters/it/report-2021-2022.md"
CATALOGUE = "content/indicators.yaml"


def _line_of(text: str, needle: str, after: int = 0) -> int:
    lines = text.split("\n")
    return next(n for n, line in enumerate(lines, 1) if n > after and needle in line)


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def test_the_example_matches_the_catalogue(example_build):
    assert not [d for d in example_build.result.diagnostics if d.code.startswith(("report.indicator", "indicators."))]


def test_an_unknown_indicator_is_a_warning_with_line_and_did_you_mean(tmp_path):
    config = copy_example(tmp_path / "site")
    text = _edit(config.parent / REPORT, "  - name: Принято на первый курс", "  - name: Принято на перый курс")
    site, diags = prepare(config)
    found = [d for d in diags if d.code == "report.indicator-unknown"]
    assert len(found) == 1
    d = found[0]
    assert d.severity == dg.WARNING and d.file == REPORT and d.line == _line_of(text, "Принято на перый курс")
    assert "«Принято на перый курс»" in d.message and "Возможно, вы имели в виду «Принято на первый курс»?" in d.hint
    assert dg.fails(diags, strict=True) and not dg.fails(diags, strict=False)


def test_a_wrong_unit_is_a_warning_at_the_unit_line(tmp_path):
    config = copy_example(tmp_path / "site")
    start = _line_of((config.parent / REPORT).read_text(encoding="utf-8"), "name: Предприятий-партнёров")
    text = (config.parent / REPORT).read_text(encoding="utf-8")
    unit_line = _line_of(text, "unit: ед.", after=start)
    lines = text.split("\n")
    lines[unit_line - 1] = "    unit: чел."
    (config.parent / REPORT).write_text("\n".join(lines), encoding="utf-8")
    site, diags = prepare(config)
    (d,) = [d for d in diags if d.code == "report.indicator-unit"]
    assert d.file == REPORT and d.line == unit_line
    assert "«чел.»" in d.message and "«ед.»" in d.message and 'unit: "ед."' in d.hint
    # what the catalogue does not accept stays out of the regional figures
    from clusterpages.content.facts import region
    (year,) = region.years(site)
    assert year.value("it", "Предприятий-партнёров") is None


def test_a_typo_in_the_catalogue_is_an_error_with_file_and_line(tmp_path):
    config = copy_example(tmp_path / "site")
    text = _edit(config.parent / CATALOGUE, "    additive: true\n    group: Контингент", "    aditive: true\n    group: Контингент")
    site, diags = prepare(config)
    d = next(d for d in diags if d.code == "schema.unknown-key")
    assert d.severity == dg.ERROR and d.file == CATALOGUE and d.line == _line_of(text, "aditive:")
    assert "«additive»" in d.hint
    assert any(d.code == "schema.required" and d.file == CATALOGUE for d in diags)


def test_a_percentage_said_to_add_up_is_an_error(tmp_path):
    config = copy_example(tmp_path / "site")
    text = _edit(config.parent / CATALOGUE, '    unit: "%"\n    additive: false', '    unit: "%"\n    additive: true')
    site, diags = prepare(config)
    d = next(d for d in diags if d.code == "indicators.additive-percent")
    assert d.file == CATALOGUE and d.line == _line_of(text, "Трудоустроено выпускников") and "additive: false" in d.hint
