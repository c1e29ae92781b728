"""Reading files from disk: the only place content bytes become text.

Accepts a UTF-8 BOM and CRLF line ends silently; a file in another encoding (typically
cp1251 saved by Word) is a diagnostic that says which encoding it looks like.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Container

from clusterpages.content.read import fileio
from clusterpages.values import diagnostics as dg


@dataclass(frozen=True, eq=False)
class SourceFile:
    """A content file's text with a path relative to the site root (POSIX form).

    A Word or Excel plan has no text: its bytes are in `data` (see content/office).
    Two are equal when their paths and contents are (`digest`).
    """

    rel: str
    text: str
    data: bytes = b""

    @functools.cached_property
    def digest(self) -> str:
        """SHA-256 of the text and the bytes, made once per object (the preview keeps the objects
        of unchanged files between saves, so a save hashes only what it read again)."""
        return _digest(self.text.encode("utf-8"), self.data)

    def has(self, needle: str) -> bool:
        """Whether the text holds `needle`."""
        return needle in self.text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceFile):
            return NotImplemented
        return (self.rel, self.digest) == (other.rel, other.digest)  # the digest covers text and bytes

    def __hash__(self) -> int:
        return hash((self.rel, self.digest))

    def __reduce__(self):
        # Sent to a worker as UTF-8 made here: pickling the text itself would leave CPython's
        # cached UTF-8 copy on it in this process (160 MB more at 10,000 pages).
        return _from_utf8, (self.rel, self.text.encode("utf-8"), self.data)


class _Undecoded(SourceFile):
    """A text file whose bytes decoded before (the same bytes, by their SHA-256: `read_text`'s
    `decoded`), its text decoded only when read: a rebuild after one edit decodes the file
    edited, not the ten thousand others (which go on to be found in the cache by their digest)."""

    def __init__(self, rel: str, utf8: bytes, digest: str) -> None:
        # frozen: its fields are set as the dataclass's own __init__ sets them
        object.__setattr__(self, "rel", rel)
        object.__setattr__(self, "data", b"")
        self.__dict__.update(utf8=utf8, digest=digest)

    @functools.cached_property
    def text(self) -> str:  # type: ignore[override]
        return self.__dict__["utf8"].decode("utf-8")

    def has(self, needle: str) -> bool:
        return needle.encode("utf-8") in self.__dict__["utf8"]

    def __reduce__(self):
        return _from_utf8, (self.rel, self.__dict__["utf8"], self.data)


def _digest(text: bytes, data: bytes) -> str:
    h = hashlib.sha256()
    for part in (text, data):
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.hexdigest()


def _from_utf8(rel: str, text: bytes, data: bytes) -> SourceFile:
    return SourceFile(rel, text.decode("utf-8"), data)


# Encodings Russian text files arrive in, with the name a person recognises.
_LEGACY = (("cp1251", "Windows-1251 (cp1251)"), ("koi8_r", "KOI8-R"), ("cp866", "CP866 (DOS)"),
           ("mac_cyrillic", "MacCyrillic"), ("iso8859_5", "ISO-8859-5"))
_NAMES = dict(_LEGACY) | {"utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16"}
_FREQUENT = set("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё")


def _russian_score(text: str) -> float:
    """How much `text` reads like Russian: frequent lowercase letters inside words count,
    case changes inside a word and control characters count against."""
    score = 0.0
    prev = ""
    for ch in text:
        if ch in _FREQUENT:
            score += 1 if ("а" <= prev <= "я" or prev == "ё") else 0.5
        elif "А" <= ch <= "Я" and ("а" <= prev <= "я"):
            score -= 2
        elif ch in "\x7f" or (ch < " " and ch not in "\n\r\t") or "\u2500" <= ch <= "\u25ff":
            score -= 3
        prev = ch
    return score


def _utf16(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the bytes look like UTF-16 without a BOM."""
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    for name, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= len(zeros) * 0.3 and other.count(0) < len(other) * 0.05:
            return name
        # Cyrillic in UTF-16: the high byte is 0x04.
        if zeros.count(4) + zeros.count(0) >= len(zeros) * 0.6 and other.count(0) < len(other) * 0.05:
            return name
    return None


def guess_encoding(data: bytes) -> str:
    """The codec name a non-UTF-8 file most likely uses ('cp1251', 'koi8_r', …, 'utf-16'), or 'неизвестная'."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16(data):
        return "utf-16"
    best, best_score = None, 0.0
    for name, _ in _LEGACY:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _russian_score(text)
        if score > best_score:
            best, best_score = name, score
    return best or "неизвестная"


def encoding_name(codec: str) -> str:
    return _NAMES.get(codec, codec)


_SAVE_HINT = ("Откройте файл и сохраните его в кодировке UTF-8: в Блокноте — «Сохранить как» → Кодировка: UTF-8; "
              "в VS Code — «Reopen with Encoding» → {enc}, затем «Save with Encoding» → UTF-8; "
              "в Word — «Сохранить как» → Обычный текст → Юникод (UTF-8).")


def decode(data: bytes, rel: str) -> tuple[str | None, list[dg.Diagnostic]]:
    """Decode bytes as UTF-8 (BOM allowed) and normalise line ends to LF."""
    # UTF-16 without a BOM has zero bytes or 0x04 (the high byte of Cyrillic) in every other
    # byte; a quick look for either spares the count on every file.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or ((b"\x00" in data or b"\x04" in data) and _utf16(data)):
        return None, [dg.error("file.encoding", rel, 1, "Файл сохранён в кодировке UTF-16, а нужна UTF-8.",
                               _SAVE_HINT.format(enc="UTF-16"))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = len(data[data.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        guess = guess_encoding(data)
        shown = encoding_name(guess)
        return None, [dg.error(
            "file.encoding", rel, line,
            f"Файл не в кодировке UTF-8 (похоже на {shown}"
            + (", так сохраняют Word и старый Блокнот" if guess == "cp1251" else "") + ").",
            _SAVE_HINT.format(enc=shown if guess != "неизвестная" else "Cyrillic (Windows 1251)"), column=column)]
    if b"\r" in data:  # looked for in the bytes: most files have none, and the text is twice their size
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if b"\x00" in data:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [dg.error("file.binary", rel, line, "В файле есть нулевые байты: это не текстовый файл.",
                               "Сохраните файл как обычный текст в UTF-8 (в Word: «Сохранить как» → Обычный текст).")]
    return text, []


def read_text(path: Path | str, root: Path, decoded: Container[str] = (),
              rel: str | None = None) -> tuple[SourceFile | None, list[dg.Diagnostic]]:
    """The file's text, or why it cannot be read. A file whose bytes are a file's that was read
    cleanly before (their digest is in `decoded`) is not decoded now: its text is, when read.
    `rel`: its path from `root`, when the caller has it."""
    rel = rel or Path(path).relative_to(root).as_posix()
    try:
        data = fileio.read_whole(path)
    except OSError as exc:
        return None, [dg.error("file.unreadable", rel, None, f"Файл не читается: {exc.strerror or exc}.",
                               "Проверьте, что файл существует и доступен для чтения.")]
    # The text's UTF-8 is the file's bytes (no BOM, no CR to normalise): hashed as read, not encoded again.
    digest = _digest(data, b"") if not data.startswith(codecs.BOM_UTF8) and b"\r" not in data else None
    if digest is not None and digest in decoded:
        return _Undecoded(rel, data, digest), []
    text, diags = decode(data, rel)
    if text is None:
        return None, diags
    if not text or text.isspace():  # not text.strip(): no copy of the text to find out
        return None, [dg.error("file.empty", rel, 1, "Файл пустой.",
                               "Заполните файл по образцу (см. docs/content-model.md) или удалите его.")]
    src = SourceFile(rel, text)
    if digest is not None:
        src.__dict__["digest"] = digest  # cached_property's slot
    return src, diags


OFFICE_SUFFIXES = (".docx", ".xlsx")


def read_office(path: Path, root: Path, limit: int) -> tuple[SourceFile | None, list[dg.Diagnostic]]:
    """A Word or Excel file's bytes, read no further than `limit` + 1 bytes."""
    rel = path.relative_to(root).as_posix()
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        return None, [dg.error("file.unreadable", rel, None, f"Файл не читается: {exc.strerror or exc}.",
                               "Проверьте, что файл существует и доступен для чтения.")]
    if not data:
        return None, [dg.error("file.empty", rel, None, "Файл пустой.",
                               "Сохраните в этот файл план из Word или Excel или удалите его.")]
    return SourceFile(rel, "", data), []
