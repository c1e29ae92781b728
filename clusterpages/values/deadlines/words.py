"""The words of deadlines: months, seasons, ordinals, and the normalisation of a phrase."""

from __future__ import annotations

import re
import unicodedata

# --------------------------------------------------------------------------- vocabulary

MONTHS = (
    (1, r"январ(?:ь|я|е|ю|ем)|янв"),
    (2, r"феврал(?:ь|я|е|ю|ем)|февр?"),
    (3, r"март(?:а|е|у|ом)?|мар"),
    (4, r"апрел(?:ь|я|е|ю|ем)|апр"),
    (5, r"ма(?:й|я|е|ю|ем)"),
    (6, r"июн(?:ь|я|е|ю|ем)?"),
    (7, r"июл(?:ь|я|е|ю|ем)?"),
    (8, r"август(?:а|е|у|ом)?|авг"),
    (9, r"сентябр(?:ь|я|е|ю|ем)|сент?"),
    (10, r"октябр(?:ь|я|е|ю|ем)|окт"),
    (11, r"ноябр(?:ь|я|е|ю|ем)|нояб?"),
    (12, r"декабр(?:ь|я|е|ю|ем)|дек"),
)
MONTH = "|".join(form for _, form in MONTHS)
MONTH_RES = tuple((number, re.compile(form)) for number, form in MONTHS)

# Seasons by their first month; winter runs from December to the end of February.
SEASONS = (
    (3, r"весн(?:а|ы|е|у|ой|ою)", "весенн"),
    (6, r"лет(?:о|а|у|ом|е)", "летн"),
    (9, r"осен(?:ь|и|ью)", "осенн"),
    (12, r"зим(?:а|ы|е|у|ой|ою)", "зимн"),
)
SEASON = "|".join(form for _, form, _ in SEASONS)
SEASON_ADJ = "|".join(adj for _, _, adj in SEASONS)

ROMAN = ("i", "ii", "iii", "iv")
ORDINAL_WORDS = ("перв", "втор", "трет", "четверт")
ORD = r"[0-9]{1,2}|iv|i{1,3}|перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*"
YEAR4 = r"[0-9]{4}"
YEAR_4_OR_2 = r"[0-9]{4}|[0-9]{2}"
PAIR = rf"{YEAR4}[-/](?:{YEAR_4_OR_2})"

# --------------------------------------------------------------------------- normalisation

INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
DASH_RE = re.compile("[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]")
BRACKETS_RE = re.compile(r"[()\[\]«»\"“”„]")
SPACES_RE = re.compile(r"\s+")
DASH_SPACES_RE = re.compile(r" ?- ?")
DIGIT_DOT_RE = re.compile(r"(?<=[0-9]) ?\. ?(?=[0-9])")
ISO_RE = re.compile(r"(?<![0-9.])([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?![0-9.])")
ORDINAL_SUFFIX_RE = re.compile(r"(?<=[0-9])-?(?:ый|ий|ой|й|ого|го|ом|ым|м|ое|ая|е|я)(?![а-я])")
ACADEMIC_WORDS_RE = re.compile(
    r"(?<![а-я])(?:учебн(?:ый|ого|ом|ому|ым)|уч\.?) ?(?:год(?:а|у|ом)?|г\.?)(?![а-я])")
YEAR_WORD_RE = re.compile(r"(?<=[0-9]{4}) ?(?:г\.? ?г|гг|годы|годов|годах|года|году|годом|год|г)\.?(?![а-я])")
SHORT_YEAR_WORD_RE = re.compile(r"(?<=[0-9]\.[0-9]{2}) ?(?:г|года|год)\.?(?![а-я0-9])")   # 25.12.22 г.
MONTH_SHORT_YEAR_RE = re.compile(r"(?<=[а-я]) ([0-9]{2}) ?(?:г|года|год)\.?(?![а-я0-9])")  # март 23 г.
COMMA_YEAR_RE = re.compile(r"(?<=[а-я.]) ?, ?(?=[0-9]{4}(?![0-9.]))")                    # март, 2023
DOT_DASH_RE = re.compile(r"(?<=[0-9])\.(?=-)")                                          # 01.09.-05.09
DOT_WORD_RE = re.compile(r"(?<=[0-9])\.(?=[а-я])")                                      # 20.02.по 25.02
DASH_WORD_RE = re.compile(r"(?<=[0-9])-(?=(?:по|до) )")                                 # 01.09.-по 15.09.

# The time of day after a date: «15.12.2022 в 14:00», «15.12.2022, 10.00», «10:00–12:00»,
# «с 10:00 до 12:00», «14.00 ч.». A time with a colon goes wherever it stands; one with a dot
# only after a date with its year («15.12.2022 10.00») or after «в»/«с» («15.12 в 10.00»),
# so that «05.10 12.10» stays two dates.
_HH = r"(?:[01]?[0-9]|2[0-3])"
_HOURS = r"(?: ?(?:ч|час|часа|часов|мин)\.?)?"
_CLOCK_END = r"(?![0-9]|[.:][0-9])"
_COLON = rf"{_HH}:[0-5][0-9]{_HOURS}{_CLOCK_END}"
_DOT = rf"{_HH}\.[0-5][0-9]{_HOURS}{_CLOCK_END}"
COLON_TIME_RE = re.compile(rf"(?:^|,? )(?:в |с |от )?{_COLON}(?:(?:-| до | по ){_COLON})?")
DOT_TIME_RE = re.compile(
    rf"(?P<d>[0-9]\.[0-9]{{1,2}}\.(?:[0-9]{{4}}|[0-9]{{2}})|[0-9] ?(?:{MONTH})(?: [0-9]{{4}})?"
    rf"|[0-9]\.[0-9]{{1,2}}(?=,? [вс] ))"
    rf",? (?:в |с |от )?{_DOT}(?:(?:-| до ){_DOT})?")


def drop_times(s: str) -> str:
    """«15.12.2022 в 14:00» → «15.12.2022»: a deadline is a day, its hour is not kept.

    A time with no date beside it («в 14:00») stays, to be reported as not understood.
    """
    dropped = DOT_TIME_RE.sub(r"\g<d>", COLON_TIME_RE.sub("", s))
    return dropped if dropped.strip(" ,.;:-") else s


def normalize(text: str) -> str:
    """Lower case, «е» for «ё», one kind of space and dash, no «г.»/«года» after years.

    «учебного года», «уч. г.» and the like become the single word «учгод».
    """
    s = unicodedata.normalize("NFKC", text).lower()
    s = s.replace("ё", "е").replace("і", "i")  # Ukrainian «і» typed for a Roman one
    s = INVISIBLE_RE.sub("", s)
    s = DASH_RE.sub("-", s)
    s = BRACKETS_RE.sub(" ", s)
    s = SPACES_RE.sub(" ", s).strip()
    s = DASH_SPACES_RE.sub("-", s)
    s = DIGIT_DOT_RE.sub(".", s)
    s = DOT_DASH_RE.sub("", s)
    s = DOT_WORD_RE.sub(" ", s)
    s = DASH_WORD_RE.sub(" ", s)                    # 01.09-по 15.09 → 01.09 по 15.09
    s = ISO_RE.sub(r"\3.\2.\1", s)                  # 2022-12-25 → 25.12.2022
    s = ORDINAL_SUFFIX_RE.sub("", s)                # 1-й, 5-го → 1, 5
    s = ACADEMIC_WORDS_RE.sub("учгод", s)
    s = YEAR_WORD_RE.sub("", s)                     # 2022 г., 2023 года → 2022, 2023
    s = SHORT_YEAR_WORD_RE.sub("", s)               # 25.12.22 г. → 25.12.22
    s = drop_times(s)                               # 15.12.2022 в 14:00 → 15.12.2022
    s = MONTH_SHORT_YEAR_RE.sub(r" 20\1", s)        # март 23 г. → март 2023
    s = COMMA_YEAR_RE.sub(" ", s)                   # март, 2023 → март 2023
    s = SPACES_RE.sub(" ", s).strip(" .,;:")
    if s.startswith("c "):                           # a Latin «c» typed for «с»
        s = "с" + s[1:]
    return s



# --------------------------------------------------------------------------- atoms

# Atoms: one day, month, quarter, half, season or year, perhaps without its year.
NUM_DATE_RE = re.compile(r"(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})(?:\.(?P<y>[0-9]{4}|[0-9]{2}))?")
WORD_DATE_RE = re.compile(rf"(?P<d>[0-9]{{1,2}}) ?(?P<mon>{MONTH})\.?(?: (?P<y>{YEAR4}))?")
MONTH_ATOM_RE = re.compile(rf"(?P<mon>{MONTH})\.?(?: (?P<y>{YEAR4}))?")
QUARTER_RE = re.compile(rf"(?P<n>{ORD}) (?:квартал[а-я]*|кв\.?)(?: (?P<y>{YEAR4}))?")
HALF_RE = re.compile(
    rf"(?P<n>{ORD}) (?P<w>полугоди[а-я]*|семестр[а-я]*)"
    rf"(?: (?P<y>{YEAR4})(?:[-/](?P<y2>{YEAR_4_OR_2}))?)?(?P<ac> учгод)?")
SEASON_RE = re.compile(
    rf"(?:(?P<s>{SEASON})|(?P<adj>{SEASON_ADJ})[а-я]* период[а-я]*)"
    rf"(?: (?P<y>{YEAR4})(?:[-/](?P<y2>{YEAR_4_OR_2}))?)?")
TERM_RE = re.compile(rf"(?P<n>{ORD}) четверт(?:ь|и|ью|ей)(?: (?P<pair>{PAIR}) учгод| учгод)?")
WEEK_OF_MONTH_RE = re.compile(
    rf"(?P<n>[1-5]|перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*|последн[а-я]*) недел[а-я]* "
    rf"(?P<mon>{MONTH})\.?(?: (?P<y>{YEAR4}))?")
PART_OF_MONTH_RE = re.compile(
    r"(?:(?P<part>начал[оае]|середин[аеуы]|конец|конце|конца)"
    r"|(?P<half>перв[а-я]*|втор[а-я]*) половин[а-я]*"
    r"|(?P<dec>[1-3]|iii|ii|i|перв[а-я]*|втор[а-я]*|трет[а-я]*)(?:-?я)? декад[а-я]*)"
    rf" (?P<mon>{MONTH})\.?(?: (?P<y>{YEAR4}))?")
YEAR_ATOM_RE = re.compile(rf"(?P<y>{YEAR4})")
BARE_RE = re.compile(r"(?P<n>[0-9]{1,2}|iv|i{1,3})")
