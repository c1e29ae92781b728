"""Tests of clusterpages.deadlines: Russian deadline phrases → Deadline."""

from __future__ import annotations

import pickle
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterpages.values.academic import AcademicYear
from clusterpages.values.deadlines import FREQUENCIES, KINDS, Deadline, DeadlineError, parse_deadline

AY = AcademicYear(2022)                     # 01.09.2022 – 30.06.2023
AY_START, AY_END = date(2022, 9, 1), date(2023, 6, 30)


def d(text: str) -> date:
    day, month, year = (int(x) for x in text.split("."))
    return date(year, month, day)


def _date(text):
    return ("date", d(text), d(text), None)


def _by(text):
    return ("by", d(text), d(text), None)


def _range(first, last):
    return ("range", d(first), d(last), None)


def _every(freq):
    return ("recurrence", AY_START, AY_END, freq)


NONE = ("none", None, None, None)
WHOLE_YEAR = ("range", AY_START, AY_END, None)

CASES = [
    # ---- single dates
    ("25.12.2022", _date("25.12.2022")),
    ("25.12.22", _date("25.12.2022")),
    ("2022-12-25", _date("25.12.2022")),
    ("25 декабря 2022 г.", _date("25.12.2022")),
    ("25 декабря 2022 года", _date("25.12.2022")),
    ("15.12.2022 г.", _date("15.12.2022")),
    ("15.12.2022.", _date("15.12.2022")),
    ("  15.12.2022  ", _date("15.12.2022")),
    ("15\u00a0декабря\u00a02022\u00a0г.", _date("15.12.2022")),
    ("25 декабря", _date("25.12.2022")),
    ("15 мая", _date("15.05.2023")),
    ("1 сентября 2022 г.", _date("01.09.2022")),
    ("29.02.2024", _date("29.02.2024")),
    ("10 МАРТА 2023 Г.", _date("10.03.2023")),
    # ---- due dates
    ("до 15.12.2022", _by("15.12.2022")),
    ("ДО 15.12.2022", _by("15.12.2022")),
    ("не позднее 20 января 2023 г.", _by("20.01.2023")),
    ("в срок до 25 декабря 2022 года", _by("25.12.2022")),
    ("в срок до 01.03.2023", _by("01.03.2023")),
    ("в срок не позднее 01.03.2023", _by("01.03.2023")),
    ("до 20.01", _by("20.01.2023")),
    ("До 20 Января", _by("20.01.2023")),
    ("не позднее 25.12.22", _by("25.12.2022")),
    ("не позже 1 марта", _by("01.03.2023")),
    ("до 15 декабря 2022 г. включительно", _by("15.12.2022")),
    ("до 15.12.2022 (включительно)", _by("15.12.2022")),
    ("не позднее декабря 2022", _by("31.12.2022")),
    ("до конца декабря 2022 г.", _by("31.12.2022")),
    ("до конца февраля", _by("28.02.2023")),
    ("до конца учебного года", _by("30.06.2023")),
    ("до конца 2022–2023 учебного года", _by("30.06.2023")),
    ("не позднее конца I квартала 2023 г.", _by("31.03.2023")),
    ("до конца 2022 года", _by("31.12.2022")),
    # ---- explicit ranges
    ("с 01.02.2023 по 15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("с 01.02 до 15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("в период с 01.02.2023 по 15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("01.02–15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("01.02.2023–15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("01.02.2023 - 15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("01.02.2023—15.03.2023", _range("01.02.2023", "15.03.2023")),
    ("15–17 марта 2023", _range("15.03.2023", "17.03.2023")),
    ("15 — 17 марта 2023 г.", _range("15.03.2023", "17.03.2023")),
    ("15-17.03.2023", _range("15.03.2023", "17.03.2023")),
    ("15–17.03.23", _range("15.03.2023", "17.03.2023")),
    ("с 1 по 15 декабря 2022 г.", _range("01.12.2022", "15.12.2022")),
    ("с 15 марта по 17 апреля 2023 года", _range("15.03.2023", "17.04.2023")),
    ("25.12–10.01.2023", _range("25.12.2022", "10.01.2023")),
    ("с 01.02.2023 по 01.02.2023", _range("01.02.2023", "01.02.2023")),
    # ---- months
    ("декабрь 2022", _range("01.12.2022", "31.12.2022")),
    ("ДЕКАБРЬ 2022 Г.", _range("01.12.2022", "31.12.2022")),
    ("декабрь 2022 г", _range("01.12.2022", "31.12.2022")),
    ("в декабре 2022 года", _range("01.12.2022", "31.12.2022")),
    ("в течение декабря 2022 г.", _range("01.12.2022", "31.12.2022")),
    ("декабрь", _range("01.12.2022", "31.12.2022")),
    ("в мае", _range("01.05.2023", "31.05.2023")),
    ("мая 2023", _range("01.05.2023", "31.05.2023")),
    ("май", _range("01.05.2023", "31.05.2023")),
    ("в марте", _range("01.03.2023", "31.03.2023")),
    ("март 2023", _range("01.03.2023", "31.03.2023")),
    ("август", _range("01.08.2023", "31.08.2023")),
    ("в августе 2023", _range("01.08.2023", "31.08.2023")),
    ("в феврале 2024", _range("01.02.2024", "29.02.2024")),
    ("сентябрь", _range("01.09.2022", "30.09.2022")),
    ("декабрь 2022 – январь 2023", _range("01.12.2022", "31.01.2023")),
    ("декабрь–январь", _range("01.12.2022", "31.01.2023")),
    ("в декабре–январе", _range("01.12.2022", "31.01.2023")),
    ("декабрь 2022 – январь", _range("01.12.2022", "31.01.2023")),
    ("ноябрь–январь 2023", _range("01.11.2022", "31.01.2023")),
    ("сентябрь–декабрь 2022", _range("01.09.2022", "31.12.2022")),
    ("с декабря 2022 по январь 2023", _range("01.12.2022", "31.01.2023")),
    ("с декабря по январь", _range("01.12.2022", "31.01.2023")),
    ("март–октябрь", _range("01.03.2023", "31.10.2023")),
    # ---- quarters
    ("I квартал 2023", _range("01.01.2023", "31.03.2023")),
    ("1 квартал 2023 г.", _range("01.01.2023", "31.03.2023")),
    ("в I квартале 2023 года", _range("01.01.2023", "31.03.2023")),
    ("IV квартал 2022", _range("01.10.2022", "31.12.2022")),
    ("4 кв. 2022", _range("01.10.2022", "31.12.2022")),
    ("3-й квартал 2023", _range("01.07.2023", "30.09.2023")),
    ("в третьем квартале 2023 г.", _range("01.07.2023", "30.09.2023")),
    ("в четвёртом квартале", _range("01.10.2022", "31.12.2022")),
    ("II квартал", _range("01.04.2023", "30.06.2023")),
    ("1-2 квартал 2023", _range("01.01.2023", "30.06.2023")),
    ("II–III кварталы 2023 г.", _range("01.04.2023", "30.09.2023")),
    ("IV–I квартал 2023", _range("01.10.2022", "31.03.2023")),
    # ---- halves: calendar with a year, academic without one
    ("1 полугодие 2023", _range("01.01.2023", "30.06.2023")),
    ("I полугодие 2023 г.", _range("01.01.2023", "30.06.2023")),
    ("в первом полугодии 2023", _range("01.01.2023", "30.06.2023")),
    ("1-е полугодие 2023 г.", _range("01.01.2023", "30.06.2023")),
    ("II полугодие 2023 г.", _range("01.07.2023", "31.12.2023")),
    ("во втором полугодии 2023 года", _range("01.07.2023", "31.12.2023")),
    ("1 полугодие", _range("01.09.2022", "31.12.2022")),
    ("2 полугодие", _range("01.01.2023", "30.06.2023")),
    ("во втором полугодии учебного года", _range("01.01.2023", "30.06.2023")),
    ("в первом полугодии 2022–2023 учебного года", _range("01.09.2022", "31.12.2022")),
    ("1 полугодие 2022/23 уч. г.", _range("01.09.2022", "31.12.2022")),
    ("1 семестр 2022/2023", _range("01.09.2022", "31.12.2022")),
    ("I–II полугодие", WHOLE_YEAR),
    # ---- seasons
    ("весна 2023", _range("01.03.2023", "31.05.2023")),
    ("весной 2023 года", _range("01.03.2023", "31.05.2023")),
    ("весна", _range("01.03.2023", "31.05.2023")),
    ("лето 2023", _range("01.06.2023", "31.08.2023")),
    ("летом", _range("01.06.2023", "31.08.2023")),
    ("в летний период", _range("01.06.2023", "31.08.2023")),
    ("осень 2022", _range("01.09.2022", "30.11.2022")),
    ("осенью", _range("01.09.2022", "30.11.2022")),
    ("зима 2022", _range("01.12.2022", "28.02.2023")),
    ("зима 2022–2023", _range("01.12.2022", "28.02.2023")),
    ("зимой 2022/23", _range("01.12.2022", "28.02.2023")),
    ("зимой", _range("01.12.2022", "28.02.2023")),
    ("зима 2023", _range("01.12.2023", "29.02.2024")),
    ("весна–лето 2023", _range("01.03.2023", "31.08.2023")),
    # ---- the whole academic year, calendar years
    ("в течение 2022–2023 учебного года", WHOLE_YEAR),
    ("в течение 2022/2023 уч. года", WHOLE_YEAR),
    ("в течение учебного года", WHOLE_YEAR),
    ("в течение года", WHOLE_YEAR),
    ("в течении года", WHOLE_YEAR),
    ("в течение всего периода", WHOLE_YEAR),
    ("в течение всего учебного года", WHOLE_YEAR),
    ("на протяжении учебного года", WHOLE_YEAR),
    ("весь учебный год", WHOLE_YEAR),
    ("постоянно", WHOLE_YEAR),
    ("Постоянно.", WHOLE_YEAR),
    ("2022/2023 учебный год", WHOLE_YEAR),
    ("2022–2023 гг.", WHOLE_YEAR),
    ("2022/23", WHOLE_YEAR),
    ("в течение 2021–2022 учебного года", _range("01.09.2021", "30.06.2022")),
    ("в 2023 году", _range("01.01.2023", "31.12.2023")),
    ("2022–2024", _range("01.01.2022", "31.12.2024")),
    # ---- recurrences
    ("ежемесячно", _every("MONTHLY")),
    ("Ежемесячно.", _every("MONTHLY")),
    ("ежемесячно до 5 числа", _every("MONTHLY")),
    ("ежемесячно, до 5-го числа", _every("MONTHLY")),
    ("ежемесячно до 10 числа месяца, следующего за отчётным", _every("MONTHLY")),
    ("до 5 числа каждого месяца", _every("MONTHLY")),
    ("раз в месяц", _every("MONTHLY")),
    ("еженедельно", _every("WEEKLY")),
    ("еженедельно по пятницам", ("recurrence", date(2022, 9, 2), AY_END, "WEEKLY")),
    ("каждую неделю", _every("WEEKLY")),
    ("ежеквартально", _every("QUARTERLY")),
    ("1 раз в квартал", _every("QUARTERLY")),
    # ---- no date
    ("по отдельному плану", NONE),
    ("по согласованию", NONE),
    ("по согласованию с партнёрами", NONE),
    ("по мере необходимости", NONE),
    ("по мере поступления", NONE),
    ("по графику", NONE),
    ("по утверждённому графику", NONE),
    ("в соответствии с графиком …", NONE),
    ("в соответствии с графиком проведения чемпионатов", NONE),
    ("согласно плану", NONE),
    ("по запросу", NONE),
    ("", NONE),
    ("   ", NONE),
    ("—", NONE),
    ("-", NONE),
    ("–", NONE),
]

INVALID = [
    "31.02.2023",
    "29.02.2023",
    "32.01.2023",
    "15.13.2022",
    "15.03.2023–01.02.2023",
    "с 15.03.2023 по 01.02.2023",
    "17–15 марта 2023",
    "декабрь 2023 – январь 2023",
    "октябрь–сентябрь",
    "абракадабра",
    "до декабря 2022",
    "до конца года",
    "до 5 числа",
    "5 квартал 2023",
    "V квартал 2023",
    "3 полугодие 2023",
    "2022/2024",
    "в течение 2022–2024 учебного года",
    "весна 2022–2023",
    "зима 2022–2024",
    "1 семестр 2023",
    "ежемесячно до 35 числа",

    "15",
    "II",
    "15, 17 марта 2023",
    "с 01.02.2023",

    "2023 – 15 марта",
    "зима – декабрь",
]


@pytest.mark.parametrize("text, expected", CASES, ids=[repr(c[0]) for c in CASES])
def test_phrases(text, expected):
    result = parse_deadline(text, AY)
    assert (result.kind, result.start, result.end, result.freq) == expected
    assert result.text == text.strip()
    assert result.due == result.end


@pytest.mark.parametrize("text", INVALID)
def test_invalid_phrases(text):
    with pytest.raises(DeadlineError) as info:
        parse_deadline(text, AY)
    error = info.value
    assert error.text == text.strip()
    assert error.hint and "«" in error.hint
    assert error.reason
    assert str(error) == f"Срок «{text.strip()}»: {error.reason}."


def test_error_hints_are_specific():
    with pytest.raises(DeadlineError, match="такой даты нет") as info:
        parse_deadline("31.02.2023", AY)
    assert "31.02.2023" in info.value.hint
    with pytest.raises(DeadlineError) as info:
        parse_deadline("15.03.2023–01.02.2023", AY)
    assert "с 01.02.2023 по 15.03.2023" in info.value.hint
    with pytest.raises(DeadlineError) as info:
        parse_deadline("до декабря 2022", AY)
    assert "до конца декабря 2022" in info.value.hint


def test_error_is_value_error_and_picklable():
    with pytest.raises(ValueError):
        parse_deadline("абракадабра", AY)
    error = DeadlineError("x", "срок не распознан")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.text, copy.reason, copy.hint) == (error.text, error.reason, error.hint)


def test_years_come_from_the_given_academic_year():
    other = AcademicYear(2024)
    assert parse_deadline("25 декабря", other).start == date(2024, 12, 25)
    assert parse_deadline("до 20.01", other).end == date(2025, 1, 20)
    assert parse_deadline("ежемесячно", other).start == date(2024, 9, 1)
    shifted = AcademicYear(2022, start=(8, 25), end=(7, 10))
    assert parse_deadline("в течение учебного года", shifted).end == date(2023, 7, 10)
    assert parse_deadline("август", shifted).start == date(2022, 8, 1)
    assert parse_deadline("1 полугодие", shifted).start == date(2022, 8, 25)


def test_date_objects_are_accepted():
    assert parse_deadline(date(2022, 12, 25), AY) == Deadline("2022-12-25", "date", date(2022, 12, 25), date(2022, 12, 25))
    assert parse_deadline(datetime(2022, 12, 25, 10, 0), AY).start == date(2022, 12, 25)


@pytest.mark.parametrize("value", [25.12, 2023, None, ["25.12.2022"]])
def test_non_strings_raise_deadline_error(value):
    with pytest.raises(DeadlineError, match="не текстом") as info:
        parse_deadline(value, AY)  # type: ignore[arg-type]
    assert "кавычки" in info.value.hint


def test_deadline_is_frozen_and_validated():
    deadline = parse_deadline("до 15.12.2022", AY)
    with pytest.raises(AttributeError):
        deadline.kind = "date"  # type: ignore[misc]
    with pytest.raises(ValueError):
        Deadline("x", "range", date(2023, 1, 2), date(2023, 1, 1))
    with pytest.raises(ValueError):
        Deadline("x", "sometimes", None, None)
    with pytest.raises(ValueError):
        Deadline("x", "recurrence", AY_START, AY_END)


# ---------------------------------------------------------------- properties

VOCAB = [
    "0", "1", "2", "5", "9", "12", "13", "15", "17", "22", "29", "31", "32", "2022", "2023", "2024", "0000", "9999",
    ".", ". ", ",", " ", "  ", "\u00a0", "-", "–", "—", "/", "(", ")", "г.", "г", "года", "гг.", "уч. года",
    "учебного года", "с ", " по ", "до ", "не позднее ", "в ", "во ", "в течение ", "конца ", "весь ",
    "январь", "января", "январе", "феврале", "мая", "май", "марте", "август", "декабрь", "декабря", "дек.",
    "квартал", "квартале", "кв.", "I", "II", "III", "IV", "V", "первом", "полугодие", "полугодии", "семестр",
    "весна", "летом", "осенью", "зима", "зимой", "летний период", "ежемесячно", "еженедельно", "ежеквартально",
    "числа", "каждого месяца", "по согласованию", "постоянно", "ё", "Ё", "-й", "-го",
]

vocab_text = st.lists(st.sampled_from(VOCAB), max_size=10).map("".join)
spaced_vocab_text = st.lists(st.sampled_from(VOCAB), max_size=8).map(" ".join)
days = st.one_of(st.integers(1, 28), st.integers(0, 40))
months = st.one_of(st.integers(1, 12), st.integers(0, 14))
years_written = st.one_of(st.integers(2020, 2025), st.integers(0, 9999))
numeric_text = st.builds(
    lambda a, b, c, sep, e, f, g: f"{a}.{b}.{c}{sep}{e}.{f}.{g}",
    days, months, years_written, st.sampled_from(["", "-", " – ", " по ", "—"]), days, months, years_written,
)
ATOMS = [
    "15", "17", "15.03", "15.03.2023", "01.02.23", "15 марта", "марта 2023", "декабрь", "декабре 2022", "январь",
    "I квартал", "IV квартал 2022", "II", "2 полугодие", "II полугодие 2023", "1 семестр", "зима", "зима 2022–2023",
    "весна 2023", "летом", "2023", "2022/23", "учебного года", "31.02", "29 февраля",
]
structured_text = st.builds(
    lambda prefix, left, sep, right, suffix: f"{prefix}{left}{sep}{right}{suffix}",
    st.sampled_from(["", "с ", "в ", "до ", "не позднее ", "в течение ", "до конца ", "в период с "]),
    st.sampled_from(ATOMS),
    st.sampled_from(["", "–", " - ", " по ", " до ", " "]),
    st.sampled_from(ATOMS + [""]),
    st.sampled_from(["", " г.", " года", ".", " включительно"]),
)
years = st.builds(
    AcademicYear,
    st.integers(1, 9998),
    st.sampled_from([(9, 1), (1, 1), (12, 31), (2, 29), (8, 25)]),
    st.sampled_from([(6, 30), (1, 1), (12, 31), (2, 29), (7, 10)]),
)


def _check(text, year):
    try:
        result = parse_deadline(text, year)
    except DeadlineError as error:
        assert error.hint
        assert error.text == text.strip()
        return
    assert isinstance(result, Deadline)
    assert result.kind in KINDS
    if result.start is not None and result.end is not None:
        assert result.start <= result.end
    if result.kind == "none":
        assert result.start is None and result.end is None
    else:
        assert result.start is not None and result.end is not None
    if result.kind in ("date", "by"):
        assert result.start == result.end
    assert (result.freq in FREQUENCIES) == (result.kind == "recurrence")


@settings(max_examples=300, deadline=None)
@given(st.text(), years)
def test_arbitrary_text_never_crashes(text, year):
    _check(text, year)


@settings(max_examples=300, deadline=None)
@given(st.one_of(vocab_text, spaced_vocab_text, numeric_text, structured_text), years)
def test_vocabulary_text_never_crashes(text, year):
    _check(text, year)


@settings(max_examples=300, deadline=None)
@given(st.one_of(vocab_text, spaced_vocab_text, numeric_text, structured_text))
def test_vocabulary_text_in_a_usual_year(text):
    _check(text, AY)
