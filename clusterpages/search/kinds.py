"""The kinds of search results and how a result names its kind (Russian, shown beside it)."""

KINDS = {
    "item": "пункт плана",
    "post": "публикация медиаплана",
    "report": "отчёт",
    "video": "видео",
    "championship": "чемпионат",
    "page": "страница",
}
