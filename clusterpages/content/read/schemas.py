"""The declared schemas of every content file (see docs/content-model.md)."""

from __future__ import annotations

from clusterpages.content.read.schema import Field as F

DEPARTMENT = {"name": F("str", True, "название департамента"), "url": F("str")}
ACADEMIC_YEAR = {"start": F("str", default="09-01"), "end": F("str", default="06-30"),
                 "style": F("str", choices=("dash", "slash"), default="dash")}
WINDOW = {"start": F("str", default="12-20"), "end": F("str", default="01-15")}
PALETTE = {k: F("scalar", True) for k in
           ("primary", "secondary", "accent", "neutral_dark", "neutral_light", "background", "text")}
FONTS = {"body": F("str", choices=("PT Sans", "PT Serif"), default="PT Sans"),
         "heading": F("str", choices=("PT Sans", "PT Serif"), default="PT Serif")}
BRANDBOOK = {"palette": F("map", True, schema=PALETTE), "fonts": F("map", schema=FONTS, default={}),
             "logo": F("str")}

SITE_CONFIG = {
    "title": F("str", True, "заголовок сайта"),
    "language": F("str", choices=("ru",), default="ru"),
    "demo": F("bool", default=False),
    "as_of": F("date"),
    "base_url": F("str"),
    "department": F("map", True, schema=DEPARTMENT),
    "academic_year": F("map", schema=ACADEMIC_YEAR, default={}),
    "greetings": F("map", schema=WINDOW, default={}),
    "brandbook": F("map", True, schema=BRANDBOOK),
}

COLLEGE = {"name": F("str", True, "название колледжа"), "short_name": F("str"), "url": F("str"),
           "address": F("str"), "phone": F("str"), "email": F("str")}
MEMBER = {"name": F("str", True, "название колледжа"), "url": F("str")}
PARTNER = {"name": F("str", True, "название предприятия"), "url": F("str"), "industry": F("str")}
PROFESSION = {"name": F("str", True, "название профессии"), "code": F("str")}
EVIDENCE = {"protocol": F("str", True, "имя файла протокола без .md"),
            "decision": F("int", True, "номер решения"),
            "link": F("str", True, "файл кластера или адрес https://…"),
            "date": F("date", True), "note": F("str")}

CLUSTER = {
    "name": F("str", True, "полное название кластера"),
    "short_name": F("str", True, "краткое название"),
    "established": F("bool", default=True),
    "accent": F("scalar", default="primary"),
    "logo": F("str"),
    "description": F("str", default=""),
    "leading_college": F("map", True, schema=COLLEGE),
    "colleges": F("list", schema=MEMBER, default=[]),
    "partners": F("list", schema=PARTNER, default=[]),
    "professions": F("list", schema=PROFESSION, default=[]),
    "evidence": F("list", schema=EVIDENCE, default=[]),
}

APPROVAL = {"position": F("str", True, "должность"), "name": F("str", True, "И. О. Фамилия"),
            "date": F("date", True), "scan": F("str")}

PLAN = {
    "title": F("str", True, "название документа"),
    "academic_year": F("str", True, "учебный год, например 2022-2023"),
    "approved": F("map", schema=APPROVAL),
    "version": F("scalar"),
    "updated": F("date"),
    "changes": F("list", item="str", default=[]),
}

INDICATOR = {"name": F("str", True, "название показателя"), "value": F("number", True),
             "previous": F("number"), "unit": F("str", default=""), "target": F("number"),
             "group": F("str", default="Показатели")}
REPORT = {
    "title": F("str", True, "название отчёта"),
    "academic_year": F("str", True, "учебный год, например 2021-2022"),
    "published": F("date", True),
    "indicators": F("list", schema=INDICATOR, default=[]),
}

CATALOGUE_ENTRY = {
    "name": F("str", True, "название показателя, как его пишут отчёты кластеров"),
    "unit": F("str", True, "единица: чел., ед., %"),
    "additive": F("bool", True, "складываются ли значения кластеров в итог по региону: true для людей и "
                  "единиц, false для процентов и отношений"),
    "group": F("str", default="Показатели"),
    "base": F("str", False, "показатель, по которому взвешивается значение (для процентов)"),
}
CATALOGUE = {"indicators": F("list", True, schema=CATALOGUE_ENTRY)}

VIDEO = {
    "title": F("str", True, "название ролика"),
    "kind": F("str", True, "profession, greeting или other", choices=("profession", "greeting", "other")),
    "url": F("str"), "file": F("str"), "profession": F("str"), "poster": F("str"),
    "duration": F("str"), "date": F("date", True), "description": F("str", default=""),
    "transcript": F("str", default=""),
}
VIDEOS = {"videos": F("list", True, schema=VIDEO)}

RESULT = {"place": F("scalar", True), "college": F("str", True), "competency": F("str"),
          "participant": F("str"), "consent": F("bool", default=False)}
PHOTO = {"file": F("str", True), "alt": F("str", True, "описание фото для незрячих")}
CHAMPIONSHIP = {
    "title": F("str", True, "название чемпионата"), "start": F("date", True), "end": F("date"),
    "venue": F("str", default=""), "level": F("str", default="regional", choices=("college", "regional", "national")),
    "partners": F("list", item="str", default=[]), "competencies": F("list", item="str", default=[]),
    "tags": F("list", item="str", default=[]), "results": F("list", schema=RESULT, default=[]),
    "photos": F("list", schema=PHOTO, default=[]),
}

PAGE = {"title": F("str", True, "заголовок страницы"), "date": F("date"), "summary": F("str", default=""),
        "tags": F("list", item="str", default=[])}

RULE = {"type": F("str", True, choices=("report", "media_plan", "plan_updated", "video", "championship",
                                        "plan_item", "page")),
        "academic_year": F("str"), "kind": F("str"), "tag": F("str")}
DECISION = {"number": F("int", True), "text": F("str", True), "deadline": F("str", True),
            "short": F("str", False, "короткое название решения для таблицы исполнения", default=""),
            "responsible": F("str", default=""), "evidence": F("list", schema=RULE, default=[]),
            "continues": F("list", False, "решения прежних протоколов, которые продолжает это: "
                           "«п. 4 протокола № 4 от 06.12.2022»", item="str", default=[])}
PROTOCOL = {
    "title": F("str", True), "number": F("scalar", True), "date": F("date", True),
    "approved": F("map", schema={"position": F("str", True), "name": F("str", True)}),
    "decisions": F("list", True, schema=DECISION),
}
