"""Deadline phrases as they stand in real plans of schools, colleges and education departments.

Each phrase below was typed the way it appears in the «Срок» column of public «План работы»,
«План мероприятий» and «План воспитательной работы» tables: commas before years, two-digit
years, stray dots, hyphens glued to words, months with remarks, school terms and weekdays.
All are read within the 2022–2023 academic year (01.09.2022 – 30.06.2023).
"""

from __future__ import annotations

from datetime import date

import pytest
from test_deadlines import AY, d  # the same academic year and helpers
from test_deadlines import AY_END as END
from test_deadlines import AY_START as START

from clusterpages.values.deadlines import DeadlineError, parse_deadline

AS_OF_BUILD = date(2023, 2, 15)


def on(text):
    return ("date", d(text), d(text), None)


def by(text):
    return ("by", d(text), d(text), None)


def span(first, last):
    return ("range", d(first), d(last), None)


def every(freq, first=START):
    return ("recurrence", first, END, freq)


YEAR = span("01.09.2022", "30.06.2023")

REAL = [
    # ---- months with a comma or a dot before the year, two-digit years
    ("сентябрь, 2022", span("01.09.2022", "30.09.2022")),
    ("Октябрь, 2022 г.", span("01.10.2022", "31.10.2022")),
    ("ноябрь,2022", span("01.11.2022", "30.11.2022")),
    ("декабрь 2022г.", span("01.12.2022", "31.12.2022")),
    ("Январь, 2023г", span("01.01.2023", "31.01.2023")),
    ("март, 2023", span("01.03.2023", "31.03.2023")),
    ("март 23 г.", span("01.03.2023", "31.03.2023")),
    ("Май 23г.", span("01.05.2023", "31.05.2023")),
    ("сент. 2022", span("01.09.2022", "30.09.2022")),
    ("Февраль 2023 года", span("01.02.2023", "28.02.2023")),
    # ---- dates with two-digit years, «г.» glued or not, stray dots and spaces
    ("25.12.22 г.", on("25.12.2022")),
    ("25.12.22г", on("25.12.2022")),
    ("01.09.2022г.", on("01.09.2022")),
    ("1.09.22", on("01.09.2022")),
    ("05.10.", on("05.10.2022")),
    ("05.10", on("05.10.2022")),
    ("15. 12. 2022", on("15.12.2022")),
    ("15.12.2022г", on("15.12.2022")),
    ("«25» декабря 2022 г.", on("25.12.2022")),
    ("25 декабря 22 г.", on("25.12.2022")),
    ("12 апреля", on("12.04.2023")),
    ("5 октября", on("05.10.2022")),
    ("1 сентября", on("01.09.2022")),
    ("9 мая", on("09.05.2023")),
    ("23 февраля", on("23.02.2023")),
    ("8 марта", on("08.03.2023")),
    ("31 декабря", on("31.12.2022")),
    ("12.06", on("12.06.2023")),
    # ---- due dates
    ("до 25.05.", by("25.05.2023")),
    ("до 1 марта", by("01.03.2023")),
    ("до «15» декабря 2022 г.", by("15.12.2022")),
    ("до 15.12.2022г.", by("15.12.2022")),
    ("не позднее 30.06.", by("30.06.2023")),
    ("до 01 октября", by("01.10.2022")),
    ("к 1 сентября", by("01.09.2022")),
    ("к 25 декабря", by("25.12.2022")),
    ("в срок до 30.09.2022", by("30.09.2022")),
    ("до 10.09", by("10.09.2022")),
    # ---- «с … по …» with partial dates, ranges with stray dots and doubled spaces
    ("с 1 по 10 сентября", span("01.09.2022", "10.09.2022")),
    ("с 01.09 по 15.09", span("01.09.2022", "15.09.2022")),
    ("с 10.01 по 31.01.2023", span("10.01.2023", "31.01.2023")),
    ("с 15 ноября по 15 декабря", span("15.11.2022", "15.12.2022")),
    ("с 1 по 30 апреля 2023 г.", span("01.04.2023", "30.04.2023")),
    ("с 20.02.по 25.02.2023", span("20.02.2023", "25.02.2023")),
    ("с 10 по 25.11", span("10.11.2022", "25.11.2022")),
    ("с сентября по май", span("01.09.2022", "31.05.2023")),
    ("с 1 сентября по 31 мая", span("01.09.2022", "31.05.2023")),
    ("в период с 01.10 по 31.10", span("01.10.2022", "31.10.2022")),
    ("01.09.-05.09.2022", span("01.09.2022", "05.09.2022")),
    ("01.09 - 05.09.2022", span("01.09.2022", "05.09.2022")),
    ("01.09.2022 -  30.09.2022", span("01.09.2022", "30.09.2022")),
    ("16 - 20 января", span("16.01.2023", "20.01.2023")),
    ("16-20.01.2023", span("16.01.2023", "20.01.2023")),
    ("10-11.11.2022г.", span("10.11.2022", "11.11.2022")),
    ("сентябрь -октябрь", span("01.09.2022", "31.10.2022")),
    ("сентябрь- октябрь 2022", span("01.09.2022", "31.10.2022")),
    ("ноябрь-декабрь", span("01.11.2022", "31.12.2022")),
    ("январь – февраль 2023 г.", span("01.01.2023", "28.02.2023")),
    ("март-апрель", span("01.03.2023", "30.04.2023")),
    ("апрель-май 2023г.", span("01.04.2023", "31.05.2023")),
    ("Сентябрь-май", span("01.09.2022", "31.05.2023")),
    ("сентябрь 2022 - май 2023", span("01.09.2022", "31.05.2023")),
    ("октябрь - ноябрь  2022", span("01.10.2022", "30.11.2022")),
    ("декабрь 2022 г. – январь 2023 г.", span("01.12.2022", "31.01.2023")),
    # ---- lists of dates or months: from the first to the last
    ("март, апрель", span("01.03.2023", "30.04.2023")),
    ("12.09, 19.09, 26.09", span("12.09.2022", "26.09.2022")),
    ("сентябрь, декабрь, март, май", span("01.09.2022", "31.05.2023")),
    ("23.12.2022; 24.12.2022", span("23.12.2022", "24.12.2022")),
    ("октябрь и апрель", span("01.10.2022", "30.04.2023")),
    # ---- weeks, decades and parts of a month
    ("1 неделя сентября", span("01.09.2022", "07.09.2022")),
    ("первая неделя сентября", span("01.09.2022", "07.09.2022")),
    ("3-я неделя ноября", span("15.11.2022", "21.11.2022")),
    ("последняя неделя декабря", span("25.12.2022", "31.12.2022")),
    ("в начале сентября", span("01.09.2022", "10.09.2022")),
    ("начало октября", span("01.10.2022", "10.10.2022")),
    ("середина ноября", span("11.11.2022", "20.11.2022")),
    ("конец мая", span("21.05.2023", "31.05.2023")),
    ("в конце декабря", span("21.12.2022", "31.12.2022")),
    ("конец февраля 2023 г.", span("21.02.2023", "28.02.2023")),
    ("вторая половина сентября", span("16.09.2022", "30.09.2022")),
    ("первая половина октября", span("01.10.2022", "15.10.2022")),
    ("вторая декада марта", span("11.03.2023", "20.03.2023")),
    ("3 декада апреля", span("21.04.2023", "30.04.2023")),
    # ---- school terms, halves and semesters
    ("1 четверть", span("01.09.2022", "31.10.2022")),
    ("I четверть", span("01.09.2022", "31.10.2022")),
    ("в течение II четверти", span("01.11.2022", "31.12.2022")),
    ("3 четверть", span("01.01.2023", "31.03.2023")),
    ("IV четверть", span("01.04.2023", "30.06.2023")),
    ("в течение 3 четверти 2022/23 уч. г.", span("01.01.2023", "31.03.2023")),
    ("I-II четверть", span("01.09.2022", "31.12.2022")),
    ("в течение I полугодия", span("01.09.2022", "31.12.2022")),
    ("II полугодие", span("01.01.2023", "30.06.2023")),
    ("1 семестр", span("01.09.2022", "31.12.2022")),
    ("2 семестр 2022-2023 уч.г.", span("01.01.2023", "30.06.2023")),
    ("IV квартал 2022 г.", span("01.10.2022", "31.12.2022")),
    ("2 квартал", span("01.04.2023", "30.06.2023")),
    # ---- recurrences by term, half and weekday
    ("1 раз в четверть", every("QUARTERLY")),
    ("ежечетвертно", every("QUARTERLY")),
    ("по четвертям", every("QUARTERLY")),
    ("в конце каждой четверти", every("QUARTERLY")),
    ("по итогам четверти", every("QUARTERLY")),
    ("1 раз в полугодие", every("HALFYEARLY")),
    ("2 раза в год", every("HALFYEARLY")),
    ("раз в семестр", every("HALFYEARLY")),
    ("по итогам полугодия", every("HALFYEARLY")),
    ("каждый вторник", every("WEEKLY", d("06.09.2022"))),
    ("по понедельникам", every("WEEKLY", d("05.09.2022"))),
    ("каждую среду", every("WEEKLY", d("07.09.2022"))),
    ("еженедельно по пятницам", every("WEEKLY", d("02.09.2022"))),
    ("по вторникам и четвергам", every("WEEKLY", d("06.09.2022"))),
    ("еженедельно, по понедельникам", every("WEEKLY", d("05.09.2022"))),
    ("ежедневно", every("DAILY")),
    ("каждый день", every("DAILY")),
    ("ежемесячно (до 25 числа)", every("MONTHLY")),
    ("1 раз в месяц", every("MONTHLY")),
    # ---- the whole year
    ("в течение учебного года", YEAR),
    ("в течение 2022-2023 уч. года", YEAR),
    ("в течение уч. года", YEAR),
    ("В течение года", YEAR),
    ("в течение календарного года", span("01.01.2022", "31.12.2022")),
    ("в течение 2023 года", span("01.01.2023", "31.12.2023")),
    ("2022-2023 уч.г.", YEAR),
    ("в течение учебного года (по отдельному графику)", YEAR),
    ("в течение года, по плану ВР", YEAR),
    # ---- a month or a date with a remark
    ("сентябрь (по графику)", span("01.09.2022", "30.09.2022")),
    ("октябрь, по согласованию", span("01.10.2022", "31.10.2022")),
    ("декабрь (по плану ОО)", span("01.12.2022", "31.12.2022")),
    ("май, по итогам года", span("01.05.2023", "31.05.2023")),
    ("ноябрь 2022 г. (дата уточняется)", span("01.11.2022", "30.11.2022")),
    ("февраль, 3-я неделя", span("01.02.2023", "28.02.2023")),
    ("апрель (последняя неделя)", span("01.04.2023", "30.04.2023")),
    ("Май 2023 (отчёт до 31.05)", span("01.05.2023", "31.05.2023")),
    ("25.12.2022 (онлайн)", on("25.12.2022")),
    ("ежегодно, сентябрь", span("01.09.2022", "30.09.2022")),
    ("март (ежегодно)", span("01.03.2023", "31.03.2023")),
    ("до 20.12.2022, далее ежемесячно", by("20.12.2022")),
]


@pytest.mark.parametrize("text, expected", REAL, ids=[repr(c[0]) for c in REAL])
def test_real_phrases(text, expected):
    result = parse_deadline(text, AY)
    assert (result.kind, result.start, result.end, result.freq) == expected
    assert result.text == text.strip()


def test_weekdays_are_kept():
    assert parse_deadline("по вторникам и четвергам", AY).weekdays == (1, 3)
    assert parse_deadline("каждую пятницу", AY).weekdays == (4,)
    assert parse_deadline("ежемесячно", AY).weekdays == ()


@pytest.mark.parametrize("text", [
    "ежегодно",                       # which date in this year?
    "15, 17",                         # numbers with no month
    "в период каникул",               # no date at all
    "по понедельникам и в праздники",
    "четверть",
    "32.09, 19.09",
    "5 четверть",
    "шестая неделя марта",
])
def test_real_phrases_still_refused(text):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(text, AY)
    assert info.value.hint


def test_weekday_and_term_recurrences_reach_the_calendar():
    import icalendar

    from clusterpages.publish.calendar import _rule
    weekly = icalendar.vRecur(_rule(parse_deadline("по вторникам и четвергам", AY))).to_ical().decode()
    assert "FREQ=WEEKLY" in weekly and "BYDAY=TU,TH" in weekly
    halves = icalendar.vRecur(_rule(parse_deadline("1 раз в полугодие", AY))).to_ical().decode()
    assert "FREQ=MONTHLY" in halves and "INTERVAL=6" in halves


def test_weekdays_reach_the_plan_json(it_site):
    example_site = it_site
    import json

    from clusterpages import pipeline
    plan = example_site.parent / "content" / "clusters" / "it" / "plan-2022-2023.md"
    text = plan.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    cells = row.split("|")
    cells[3] = " по вторникам и четвергам "
    plan.write_text(text.replace(row, "|".join(cells)), encoding="utf-8")
    out = example_site.parent / "output"
    result = pipeline.build(example_site, out, None, AS_OF_BUILD, False, None, jobs=1, use_cache=False)
    assert not [d for d in result.diagnostics if d.severity == "error"], result.diagnostics
    data = json.loads((out / "clusters" / "it" / "plan-2022-2023" / "plan.json").read_text(encoding="utf-8"))
    first = data["items"][0]["deadline"]
    assert first["freq"] == "WEEKLY" and first["weekdays"] == [1, 3]
