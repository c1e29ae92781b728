"""Each plan as a Word document to print and sign: its table equals the plan, byte-identical builds
(printed through LibreOffice: test_docx_print.py)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from clusterpages.model import PlanTable
from clusterpages.publish import docx as plan_docx
from clusterpages.values import status
from clusterpages.values.typography import glue

AS_OF = dt.date(2023, 2, 15)


@pytest.fixture(scope="module")
def plans(example_build):
    """The example's plans at 2023-02-15: the model of the run's shared build."""
    return {(p.cluster, p.slug): p for p in example_build.result.site.plans}


def _rows(document):
    return [[c.text for c in row.cells] for t in document.tables for row in t.rows]


def test_the_docx_table_equals_the_plan(plans):
    plan = plans[("it", "plan-2022-2023")]
    data = plan_docx.render(plan, AS_OF, "Департамент")
    document = docx.Document(io.BytesIO(data))
    rows = _rows(document)
    header = [h for _, h in plan.blocks[[isinstance(b, PlanTable) for b in plan.blocks].index(True)].columns]
    assert rows[0] == header
    items = [r for r in rows[1:] if r != header and len(set(r)) > 1]
    assert [r[header.index("Наименование мероприятия")] for r in items] == [glue(i.title_text) for i in plan.items]
    assert [r[header.index("Срок исполнения")] for r in items] == [glue(i.deadline_text) for i in plan.items]
    statuses = [r[header.index("Отметка о выполнении")] for r in items]
    assert [s.split(" (")[0] for s in statuses] == [status.words(i.status, i.written, i.late_days) for i in plan.items]
    sections = [r[0] for r in rows if len(set(r)) == 1]
    assert sections == [b.section for b in plan.blocks if isinstance(b, PlanTable) and b.section]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "УТВЕРЖДАЮ" in text and plan.approval.name in text and "«01» сентября 2022 г." in text
    # The title with its academic year taken to the line under it, in the site's style.
    assert plan.title.replace(" на 2022–2023 учебный год", "\nна 2022–2023 учебный год") in text
    assert "Версия 2 от 20.12.2022" in text.split("\n") and "актуализировано" not in text


def test_the_docx_page_follows_gost(plans):
    document = docx.Document(io.BytesIO(plan_docx.render(plans[("agro", "plan-2022-2023")], AS_OF)))
    section = document.sections[0]
    def mm(length):
        return round(length.mm)
    assert (mm(section.page_width), mm(section.page_height)) == (297, 210)
    assert [mm(x) for x in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)] \
        == [20, 10, 20, 20]
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 14
    runs = [r for t in document.tables for c in t.rows[1].cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r.font.size.pt == 12 for r in runs)
    assert "PAGE" in section.header._element.xml and section.different_first_page_header_footer
    assert document.tables[0].rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert document.tables[0]._tbl.tblPr.xpath("./w:tblCellMar/w:bottom")  # no line on a border


def test_the_docx_is_byte_identical_between_builds(plans):
    plan = plans[("it", "media-plan-2022-2023")]
    first, second = plan_docx.render(plan, AS_OF), plan_docx.render(plan, AS_OF)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert zf.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode("utf-8")
    assert "2023-02-15T00:00:00Z" in core
