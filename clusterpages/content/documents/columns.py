"""The columns of plan and media-plan tables, recognised by meaning.

Real plans name the same column in many ways: the event column is «Мероприятие», but also
«Содержание работы», «Наименование», «Дела», «События», «Тема»; the date column is «Срок»,
but also «Сроки», «Дата/время проведения», «Ориентировочное время», «Период». A header is
first looked up whole in `SYNONYMS`; failing that, by the stems of its words in `STEMS`
(in order: the first role whose stem starts a word of the header wins). Both lists are
documented in docs/content-model.md — keep them in step.
"""

from __future__ import annotations

import re

# Whole headers (normalised: lower case, «е» for «ё», punctuation as spaces).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("№", "№ п/п", "п/п", "n", "no", "номер", "№ пп", "n п/п", "№№", "№ п.п"),
    "title": ("мероприятие", "мероприятия", "наименование мероприятия", "наименование мероприятий",
              "содержание", "содержание работы", "содержание мероприятия", "наименование",
              "информационный повод", "тема", "тема публикации", "повод", "дела", "дело", "события",
              "событие", "основные мероприятия", "наименование работы", "вид работы", "виды работ",
              "содержание деятельности", "название", "название мероприятия", "планируемые мероприятия",
              "форма и содержание работы", "содержание работы мероприятия", "что делаем",
              "наименование работ", "содержание работ", "направление деятельности", "направления деятельности",
              "направление работы", "направления работы", "форма работы", "формы работы", "вид деятельности",
              "виды деятельности", "деятельность", "тематика", "описание мероприятия", "перечень мероприятий",
              "мероприятие форма работы", "планируемая деятельность"),
    "deadline": ("срок", "сроки", "срок исполнения", "сроки исполнения", "срок выполнения", "сроки выполнения",
                 "дата", "период", "срок проведения", "сроки проведения", "дата проведения", "дата период",
                 "дата срок", "срок дата", "дата время проведения", "дата и время проведения",
                 "ориентировочное время", "ориентировочные сроки", "время проведения", "месяц", "когда",
                 "сроки реализации", "планируемая дата", "период проведения", "дата публикации",
                 "время", "периодичность", "даты проведения"),
    "responsible": ("ответственный", "ответственные", "отв", "ответственный исполнитель",
                    "ответственные исполнители", "исполнитель", "исполнители", "ответственное лицо",
                    "ответственные за исполнение", "ответственный за проведение", "кто проводит", "организатор"),
    "participants": ("участники", "партнеры", "участники партнеры", "партнеры участники", "социальные партнеры",
                     "целевая группа", "контингент", "привлекаемые", "с кем", "участники мероприятия"),
    "result": ("ожидаемый результат", "результат", "форма отчета", "ожидаемый результат форма отчета",
               "результат форма отчета", "форма отчетности", "планируемый результат", "итоговый документ",
               "выход", "продукт", "форма представления результата", "отчетная документация"),
    "status": ("статус", "отметка о выполнении", "отметка об исполнении", "отметка о исполнении", "выполнение",
               "статус выполнения", "отметка о проведении", "исполнение"),
    "format": ("формат", "формат материала", "вид материала", "форма проведения", "форма"),
    "channel": ("канал", "площадка", "канал площадка", "каналы", "площадки", "канал размещения",
                "место размещения", "ресурс"),
    "audience": ("целевая аудитория", "аудитория", "для кого"),
    "reach": ("охват", "охват план факт", "охват план/факт"),
    "reach_plan": ("охват план", "охват плановый", "плановый охват"),
    "reach_fact": ("охват факт", "охват фактический", "фактический охват"),
    "link": ("ссылка на публикацию", "ссылка", "ссылка на материал", "публикация"),
}

# Stems by meaning, in priority order: «Ответственные за исполнение» is a responsible column
# (not a status one), «Дата и место проведения» a date column, «Охват (план)» a planned reach.
STEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("№", "п/п", "пп")),
    ("responsible", ("ответствен", "исполнител", "отв", "организатор")),
    ("status", ("статус", "отметк", "выполнен", "исполнен")),
    ("reach_plan", ("охват план", "планов охват")),
    ("reach_fact", ("охват факт", "фактическ охват")),
    ("reach", ("охват",)),
    ("link", ("ссылк",)),
    ("audience", ("аудитор",)),
    ("participants", ("участник", "партнер", "контингент")),
    ("result", ("результат", "отчет", "продукт", "итог")),
    ("deadline", ("срок", "дат", "период", "время", "месяц", "когда", "график")),
    ("channel", ("канал", "площадк", "размещени")),
    ("title", ("форм работ", "направлен деятельност", "направлен работ", "вид деятельност", "деятельност")),
    ("format", ("формат", "форма")),
    ("title", ("мероприят", "наименован", "содержан", "дел", "событи", "тем", "повод", "назван", "работ",
               )),
)

LABELS = {
    "number": "номер", "title": "мероприятие", "deadline": "срок", "responsible": "ответственный",
    "participants": "участники", "result": "результат", "status": "статус", "format": "формат",
    "channel": "канал", "audience": "аудитория", "reach": "охват", "reach_plan": "охват (план)",
    "reach_fact": "охват (факт)", "link": "ссылка",
}


def normalize_header(text: str) -> str:
    """Lower case, «е» for «ё», no soft hyphens, punctuation and slashes as single spaces."""
    t = text.replace("\u00ad", "").lower().replace("ё", "е")
    t = re.sub(r"[^\w№ ]+", " ", t)
    return re.sub(r"\s+", " ", t).strip()


def _synonyms() -> dict[str, str]:
    return {normalize_header(v): role for role, variants in SYNONYMS.items() for v in variants}


_TABLE = _synonyms()


def role_of(header: str) -> str | None:
    """The role of a column by its header (plain text), or None when it is not recognised."""
    key = normalize_header(header)
    if not key:
        return None
    if key in _TABLE:
        return _TABLE[key]
    short = normalize_header(re.sub(r"\s*\(.*$", "", header))  # «Срок исполнения (дата)»
    if short in _TABLE:
        return _TABLE[short]
    words = key.split()
    text = " " + key
    for role, stems in STEMS:
        for stem in stems:
            if " " in stem:
                first, second = stem.split(" ", 1)
                if re.search(rf"\b{first}\w* {second}", key):
                    return role
            elif stem in ("№",) and "№" in key:
                return role
            elif any(w.startswith(stem) for w in words) and (stem != "дел" or re.search(r"\bдел[оа]?\b", text)):
                return role
    return None


# The event column proper: when a table has two event-like columns («Направление деятельности |
# Мероприятие»), the one with one of these stems holds the items' titles, the other is kept aside.
STRONG_TITLE = ("мероприят", "содержан", "наименован", "назван", "событи", "повод", "тем")


def roles_for(headers: list[str]) -> list[str | None]:
    """The role of each column of one table (plain-text headers); a weaker second event column
    («Направление деятельности» beside «Мероприятие») is left unrecognised and kept as it is."""
    roles = [role_of(h) for h in headers]
    titles = [i for i, r in enumerate(roles) if r == "title"]
    strong = [i for i in titles if any(w.startswith(STRONG_TITLE) for w in normalize_header(headers[i]).split())]
    if strong and len(titles) > 1:
        for i in titles:
            if i not in strong:
                roles[i] = None
    return roles


def describe(headers: list[str], roles: list[str | None]) -> str:
    """«№» — номер, «Кто» — не распознан, … for a diagnostic about a table's columns."""
    return ", ".join(f"«{h}» — {LABELS[r] if r else 'не распознан'}" for h, r in zip(headers, roles))
