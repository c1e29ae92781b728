"""Statuses of plan items: what the Статус column says, else what the dates say."""

from __future__ import annotations

import datetime as _dt
import re

from clusterpages.content.deadlines import Deadline

LABELS = {
    "done": "Выполнено",
    "published": "Опубликовано",
    "in_progress": "В работе",
    "postponed": "Перенесено",
    "cancelled": "Отменено",
    "overdue": "Просрочено",
    "upcoming": "Предстоит",
    "undated": "Без срока",
}
ICONS = {  # a shape per status, so meaning never rests on colour alone
    "done": "✔", "published": "✔", "in_progress": "◐", "postponed": "↷", "cancelled": "✕",
    "overdue": "!", "upcoming": "○", "undated": "–",
}
ORDER = ("overdue", "in_progress", "upcoming", "done", "published", "postponed", "cancelled", "undated")

_DONE = re.compile(r"^(выполнен[оа]?|исполнен[оа]?|сделано|проведен[оа]?|реализован[оа]?|опубликован[оа]?|да|\+|✓|✔|v)\b")
_PROGRESS = re.compile(r"^(в работе|в процессе|выполняется|в стадии|ведётся|ведется|идёт|идет|начат[оа]?)")
_POSTPONED = re.compile(r"^(перенесен[оа]?|перенос)")
_CANCELLED = re.compile(r"^(отменен[оа]?|отмена|не проводится|исключен[оа]?)")


def parse(text: str) -> str | None:
    """The status a person wrote, or None when the cell says nothing we know."""
    t = text.strip().lower().replace("ё", "е")
    if not t or t in {"-", "—", "–"}:
        return None
    if _DONE.match(t):
        return "done"
    if _PROGRESS.match(t):
        return "in_progress"
    if _POSTPONED.match(t):
        return "postponed"
    if _CANCELLED.match(t):
        return "cancelled"
    return None


def derive(deadline: Deadline | None, as_of: _dt.date) -> str:
    if deadline is None or deadline.end is None:
        return "undated"
    if deadline.end < as_of:
        return "overdue"
    if deadline.start is not None and deadline.start <= as_of and deadline.kind != "by":
        return "in_progress"
    return "upcoming"


def is_finished(status: str) -> bool:
    return status in ("done", "published")
