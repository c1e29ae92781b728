"""Reading files from disk: the only place content bytes become text.

Accepts a UTF-8 BOM and CRLF line ends silently; a file in another encoding (typically
cp1251 saved by Word) is a diagnostic that says which encoding it looks like.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import diagnostics as dg


@dataclass(frozen=True)
class SourceFile:
    """A content file's text with a path relative to the site root (POSIX form)."""

    rel: str
    text: str


def guess_encoding(data: bytes) -> str:
    for name in ("cp1251", "koi8_r", "utf-16"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        cyr = sum(1 for ch in text if "\u0400" <= ch <= "\u04ff")
        if name == "utf-16" and cyr == 0:
            continue
        if name == "koi8_r":
            # KOI8-R decodes almost anything; trust it only when lowercase dominates.
            lower = sum(1 for ch in text if "а" <= ch <= "я")
            if cyr == 0 or lower < cyr / 2:
                continue
        return name
    return "неизвестная"


def decode(data: bytes, rel: str) -> tuple[str | None, list[dg.Diagnostic]]:
    """Decode bytes as UTF-8 (BOM allowed) and normalise line ends to LF."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return None, [dg.error("file.encoding", rel, 1, "Файл сохранён в кодировке UTF-16, а нужна UTF-8.",
                               "Сохраните файл в кодировке UTF-8 (в Блокноте: «Сохранить как» → Кодировка: UTF-8).")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = guess_encoding(data)
        return None, [dg.error(
            "file.encoding", rel, line,
            f"Файл не в кодировке UTF-8 (похоже на {guess}"
            + (", так сохраняет Word и старый Блокнот" if guess == "cp1251" else "") + ").",
            "Откройте файл и сохраните его в кодировке UTF-8 (в Блокноте: «Сохранить как» → "
            "Кодировка: UTF-8; в VS Code: «Reopen with Encoding» → Windows 1251, затем «Save with Encoding» → UTF-8).")]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [dg.error("file.binary", rel, line, "В файле есть нулевые байты: это не текстовый файл.",
                               "Сохраните файл как обычный текст в UTF-8.")]
    return text, []


def read_text(path: Path, root: Path) -> tuple[SourceFile | None, list[dg.Diagnostic]]:
    rel = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [dg.error("file.unreadable", rel, None, f"Файл не читается: {exc.strerror or exc}.",
                               "Проверьте, что файл существует и доступен для чтения.")]
    text, diags = decode(data, rel)
    if text is None:
        return None, diags
    if not text.strip():
        return None, [dg.error("file.empty", rel, 1, "Файл пустой.",
                               "Заполните файл по образцу (см. docs/content-model.md) или удалите его.")]
    return SourceFile(rel, text), diags
