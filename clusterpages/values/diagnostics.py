"""Diagnostics: what the build tells a person about their content.

Every problem is a `Diagnostic` naming the file, line (1-based, as an editor shows it),
what is wrong and what to write instead.  A file with no lines (a Word or Excel document)
is located by `place` instead, as a person finds it there: «таблица 1, строка 14,
столбец «Срок»» or «Лист1!C14». Stages return diagnostics instead of raising,
so one run reports all of them at once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

ERROR = "error"
WARNING = "warning"
INFO = "info"

# Exit codes of every command: success; content errors (or warnings under --strict);
# wrong usage or an unusable config; a preview stopped with Ctrl-C (128 + SIGINT).
EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_ABANDONED = 0, 1, 2, 130


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int | None
    column: int | None
    severity: str
    code: str
    message: str
    hint: str = ""
    place: str = ""     # where in a document without lines: «таблица 1, строка 14, столбец «Срок»»
    excerpt: str = ""   # the offending source line as written, shown with a marker under `column`

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.place, self.code, self.message)

    def as_dict(self) -> dict:
        data = asdict(self)
        return {k: data[k] for k in ("severity", "code", "file", "line", "column", "place", "message", "hint")}


class DiagnosticError(Exception):
    """Raised by a pure helper when it cannot go on; carries its diagnostics."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("; ".join(d.message for d in self.diagnostics))


def make(severity: str, code: str, file: str | Path, line: int | None, message: str,
         hint: str = "", column: int | None = None, place: str = "", excerpt: str = "") -> Diagnostic:
    return Diagnostic(file=str(file).replace("\\", "/"), line=line, column=column,
                      severity=severity, code=code, message=message, hint=hint, place=place, excerpt=excerpt)


def error(code: str, file: str | Path, line: int | None, message: str, hint: str = "",
          column: int | None = None, place: str = "", excerpt: str = "") -> Diagnostic:
    return make(ERROR, code, file, line, message, hint, column, place, excerpt)


def warning(code: str, file: str | Path, line: int | None, message: str, hint: str = "",
            column: int | None = None, place: str = "", excerpt: str = "") -> Diagnostic:
    return make(WARNING, code, file, line, message, hint, column, place, excerpt)


def info(code: str, file: str | Path, line: int | None, message: str, hint: str = "",
         place: str = "") -> Diagnostic:
    return make(INFO, code, file, line, message, hint, place=place)


def sort(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def count(diagnostics: Iterable[Diagnostic], severity: str) -> int:
    return sum(1 for d in diagnostics if d.severity == severity)


def fails(diagnostics: Iterable[Diagnostic], strict: bool) -> bool:
    """True when the run must end with exit code 1."""
    bad = {ERROR, WARNING} if strict else {ERROR}
    return any(d.severity in bad for d in diagnostics)


_SEVERITY_RU = {ERROR: "ошибка", WARNING: "предупреждение", INFO: "сведения"}


def location(d: Diagnostic, default: str = "site") -> str:
    """file:line:column as editors and terminals understand it; «file, place» in a document."""
    where = d.file or default
    if d.place:
        return f"{where}, {d.place}"
    if d.line:
        where += f":{d.line}"
        if d.column:
            where += f":{d.column}"
    return where


def position_words(line: int | None, column: int | None) -> str:
    """«строка 5, знак 35»: a position in the words a methodist uses."""
    if not line:
        return ""
    return f"строка {line}" + (f", знак {column}" if column else "")


def marked(d: Diagnostic) -> tuple[str, str] | None:
    """The offending line and a marker line under its spot («^»), or None without an excerpt.

    Tabs are shown as single spaces so that the marker stays under the character it means."""
    if not d.excerpt:
        return None
    shown = d.excerpt.replace("\t", " ").rstrip("\r\n")
    col = d.column or 0
    if col <= 0:
        return shown, ""
    col = min(col, len(shown) + 1)
    return shown, " " * (col - 1) + "^"


def format_text(d: Diagnostic) -> str:
    text = f"{location(d)}: {_SEVERITY_RU.get(d.severity, d.severity)} [{d.code}] {d.message}"
    shown = marked(d)
    if shown:
        gutter = f"{d.line or ''} | "
        text += f"\n    {gutter}{shown[0]}"
        if shown[1]:
            text += f"\n    {' ' * (len(gutter) - 2)}| {shown[1]}"
    if d.hint:
        text += f"\n    → {d.hint}"
    return text


def _gh_escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(d: Diagnostic) -> str:
    """One GitHub Actions workflow command per diagnostic."""
    level = {ERROR: "error", WARNING: "warning"}.get(d.severity, "notice")
    props = []
    if d.file:
        props.append(f"file={_gh_escape_property(d.file)}")
    if d.line:
        props.append(f"line={d.line}")
    if d.column:
        props.append(f"col={d.column}")
    props.append(f"title={_gh_escape_property(d.code)}")
    message = (f"{d.place}: " if d.place else "") + d.message + (f" — {d.hint}" if d.hint else "")
    return f"::{level} {','.join(props)}::{_gh_escape_data(message)}"


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2)
