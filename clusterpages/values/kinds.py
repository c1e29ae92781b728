"""The kinds of search results and how a result names its kind (Russian, shown beside it).

The index stores each document's kind as one letter (LETTERS) for the search page's filter.
"""

KINDS = {
    "item": "пункт плана",
    "post": "публикация медиаплана",
    "report": "отчёт",
    "video": "видео",
    "championship": "чемпионат",
    "page": "страница",
}

LETTERS = {"item": "i", "post": "m", "report": "r", "video": "v", "championship": "c", "page": "p"}
