"""Statuses of plan items: a closed vocabulary of what people write in the Статус column,
and the one rule that turns what is written and the row's term into the row's state.

A status cell is read against `VOCABULARY` (the words people use, each mapped to one
state); a cell that says nothing falls back on the dates. Words outside the vocabulary are
not guessed at: the item takes its state from the dates and the build warns with the
accepted words and the nearest one. Partial completion is its own state, never "done".

The row's state (`judge`, docs/content-model.md «Состояние пункта плана»), in precedence:
1. finished as written («выполнено», «опубликовано», a media-plan row with its link): finished,
   late by the days its dated completion came after the term;
2. «отменено»: cancelled;
3. the term has passed (for «перенесено на …» the new term): overdue, whatever the working
   status says — the page shows both («просрочено на 52 дня · в работе: …»);
4. the working status as written («в работе», «выполнено частично», «перенесено», «не выполнено»);
5. nothing written: from the dates (in progress, upcoming, undated).
Every page, count and file reads the state this rule gives; none judges a row again.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass

from clusterpages.values import diagnostics as dg
from clusterpages.values.deadlines import Deadline, DeadlineError, parse_deadline

LABELS = {
    "done": "Выполнено",
    "published": "Опубликовано",
    "partial": "Выполнено частично",
    "in_progress": "В работе",
    "postponed": "Перенесено",
    "cancelled": "Отменено",
    "not_done": "Не выполнено",
    "overdue": "Просрочено",
    "upcoming": "Предстоит",
    "undated": "Без срока",
}
ICONS = {  # a shape per status, so meaning never rests on colour alone
    "done": "✔", "published": "✔", "partial": "◑", "in_progress": "◐", "postponed": "↷", "cancelled": "✕",
    "not_done": "✗", "overdue": "!", "upcoming": "○", "undated": "–",
}
ORDER = ("overdue", "not_done", "in_progress", "partial", "upcoming", "done", "published", "postponed", "cancelled",
         "undated")
FINISHED = frozenset({"done", "published"})

# The closed vocabulary: what a person may write (lower case, «ё» as «е») → the state.
# Longer phrases are tried first, so «выполнено частично» never reads as «выполнено».
VOCABULARY: dict[str, str] = {
    **dict.fromkeys(("выполнено", "выполнен", "выполнена", "исполнено", "исполнен", "сделано", "проведено",
                     "проведен", "реализовано", "опубликовано", "опубликован", "размещено", "размещен",
                     "готово", "да", "+", "✓", "✔"), "done"),
    **dict.fromkeys(("выполнено частично", "частично выполнено", "исполнено частично", "частично исполнено",
                     "частично"), "partial"),
    **dict.fromkeys(("в работе", "в процессе", "выполняется", "ведется", "идет", "начато", "в стадии выполнения"),
                    "in_progress"),
    **dict.fromkeys(("перенесено", "перенесен", "перенос"), "postponed"),
    **dict.fromkeys(("отменено", "отменен", "отмена", "не проводится", "исключено"), "cancelled"),
    **dict.fromkeys(("не выполнено", "не исполнено", "не проведено", "не сделано", "сорвано"), "not_done"),
}
# What may follow a vocabulary word: a separator and a comment («выполнено — размещён 27.12.2022»),
# or for a postponement its new term («перенесено на апрель 2023»).
_TAIL = re.compile(r"^(?:$|\s*[—–\-:,;.(]|\s+(?:на|до|в|с)\s)")
_EMPTY = {"", "-", "—", "–"}
_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
ACCEPTED = "выполнено (исполнено, сделано, проведено), выполнено частично, в работе (в процессе), " \
           "перенесено на …, отменено, не выполнено"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("ё", "е"))


def parse(text: str) -> str | None:
    """The state a status cell names, or None when it names none (empty or unknown)."""
    t = _norm(text)
    if t in _EMPTY:
        return None
    for word in sorted(VOCABULARY, key=len, reverse=True):
        if t.startswith(word) and _TAIL.match(t[len(word):]):
            return VOCABULARY[word]
    return None


def suggestion(text: str) -> str | None:
    """The vocabulary word nearest to what was written, for a did-you-mean."""
    t = _norm(text)
    head = " ".join(t.split()[:2])
    for candidate in (t, head, t.split()[0] if t.split() else t):
        close = difflib.get_close_matches(candidate, list(VOCABULARY), n=1, cutoff=0.6)
        if close:
            return close[0]
    words = [w for w in t.split() if w in VOCABULARY]
    return words[-1] if words else None


def dates_in(text: str) -> tuple[_dt.date, ...]:
    """Dates written as ДД.ММ.ГГГГ in a status or a note («размещён 27.12.2022»)."""
    out = []
    for d, m, y in _DATE.findall(text):
        try:
            out.append(_dt.date(int(y), int(m), int(d)))
        except ValueError:
            continue
    return tuple(out)


def derive(deadline: Deadline | None, as_of: _dt.date) -> str:
    if deadline is None or deadline.end is None:
        return "undated"
    if deadline.end < as_of:
        return "overdue"
    if deadline.start is not None and deadline.start <= as_of and deadline.kind != "by":
        return "in_progress"
    return "upcoming"


def is_finished(state: str) -> bool:
    return state in FINISHED


_NEW_TERM = re.compile(r"^\s*(?:на|до|в)\s+(.+)$", re.I)


def new_term(note: str, year) -> Deadline | None:
    """The new term a postponement names: «перенесено на апрель 2023» → April 2023."""
    rest = _norm(note)
    for word in sorted((w for w, s in VOCABULARY.items() if s == "postponed"), key=len, reverse=True):
        if rest.startswith(word):
            rest = rest[len(word):]
            break
    m = _NEW_TERM.match(rest)
    if not m:
        return None
    try:
        return parse_deadline(m.group(1).strip(" .,;"), year)
    except DeadlineError:
        return None


def judge(written: str | None, term: Deadline | None, as_of: _dt.date, done_on: _dt.date | None = None,
          *, published: bool = False) -> tuple[str, int]:
    """The row's one state and its days late (the rule in this module's docstring).

    `written`: the state the status cell names (None: nothing or unknown); `term`: the deadline,
    or a postponement's new term; `published`: a media-plan row with a link to its publication."""
    if written is None and published:
        written = "published"
    end = term.end if term is not None else None
    if written in FINISHED:
        late = (done_on - end).days if done_on and end and done_on > end else 0
        return written, late
    if written == "cancelled":
        return written, 0
    if end is not None and end < as_of:
        return "overdue", (as_of - end).days
    return (written or derive(term, as_of)), 0


def days(n: int) -> str:
    """«1 день», «3 дня», «52 дня», «11 дней»."""
    n10, n100 = n % 10, n % 100
    word = "день" if n10 == 1 and n100 != 11 else "дня" if 2 <= n10 <= 4 and not 12 <= n100 <= 14 else "дней"
    return f"{n}\u00a0{word}"


def words(state: str, written: str | None, late_days: int) -> str:
    """The row's state as a page says it: «Просрочено на 52 дня · в работе», «Выполнено с опозданием
    на 3 дня», «Перенесено»."""
    if state == "overdue":
        head = LABELS["overdue"] + (f" на {days(late_days)}" if late_days else "")
        if written:
            head += f" · {LABELS[written].lower()}"
        return head
    if state in FINISHED and late_days:
        return f"{LABELS[state]} с опозданием на {days(late_days)}"
    return LABELS[state]


@dataclass(frozen=True)
class Reading:
    """A plan row's status: its one state, what the cell says, the day it was done (when the row
    says it), the term it is judged by, its days late, and problems."""

    state: str
    done_on: _dt.date | None
    diagnostics: tuple[dg.Diagnostic, ...]
    written: str | None = None
    term: Deadline | None = None
    late_days: int = 0


def read(text: str, notes: str, deadline: Deadline | None, as_of: _dt.date, *, published: bool,
         file: str, line: int | None, at: dict | None = None, year=None) -> Reading:
    """The state of one plan row from its status cell, its notes and its dates.

    `published`: a media-plan row with a link to its publication (done without a status word);
    `at`: where in a Word or Excel file the status cell is (keyword arguments of a diagnostic).
    """
    at = at or {}
    diags: list[dg.Diagnostic] = []
    state = parse(text)
    if state is None and _norm(text) not in _EMPTY:
        near = suggestion(text)
        diags.append(dg.warning(
            "plan.status-unknown", file, line,
            f"Статус «{text.strip()}» не из списка: пункт получит состояние по срокам "
            f"(«{LABELS[derive(deadline, as_of)].lower()}»).",
            (f"Возможно, имелось в виду «{near}». " if near else "")
            + f"Допустимые слова: {ACCEPTED}; пояснение пишите после тире: «выполнено — ссылка на отчёт».", **at))
    written = state
    if state is None:
        state = "published" if published else derive(deadline, as_of)
    dated = dates_in(f"{text} {notes}") if state in ("done", "partial", "published") else ()
    done_on = max(dated) if dated else None
    if done_on and done_on > as_of:
        diags.append(dg.warning(
            "plan.status-dates", file, line,
            f"Пункт отмечен «{LABELS[state].lower()}», но дата результата {done_on:%d.%m.%Y} позже даты, "
            f"на которую собран сайт ({as_of:%d.%m.%Y}).",
            "Проверьте дату в отметке о выполнении или статус: до этой даты пишите «в работе».", **at))
        done_on = None
    term = (new_term(text, year) or deadline) if written == "postponed" else deadline
    state, late = judge(written, term, as_of, done_on, published=published)
    return Reading(state, done_on, tuple(diags), written, term, late)
