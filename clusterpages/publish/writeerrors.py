"""What can go wrong writing the output, in words a person can act on (pure)."""

from __future__ import annotations

import errno
from pathlib import Path

from clusterpages.values import inputs


class OutputError(Exception):
    """The output folder cannot be used or written; the message is for a person."""


_ERRNO_RU = {
    errno.ENOSPC: ("на диске не осталось места", "Освободите место на диске и запустите сборку снова."),
    errno.EDQUOT: ("превышена дисковая квота", "Освободите место в своей квоте и запустите сборку снова."),
    errno.EACCES: ("нет прав на запись", "Проверьте права на папку вывода и папку над ней или укажите другую: --out папка."),
    errno.EPERM: ("операция запрещена системой", "Проверьте права на папку вывода и папку над ней или укажите другую: --out папка."),
    errno.EROFS: ("диск доступен только для чтения", "Укажите папку на диске, доступном для записи: --out папка."),
    errno.ENAMETOOLONG: ("слишком длинный путь", "Укажите папку вывода с более коротким путём: --out папка."),
    errno.EBUSY: ("папка занята другой программой", "Закройте программы, открывшие файлы в папке вывода, и повторите."),
    errno.ENOTEMPTY: ("папку не удалось заменить", "Закройте программы, открывшие файлы в папке вывода, и повторите."),
    errno.EIO: ("ошибка ввода-вывода диска", "Проверьте диск и запустите сборку снова."),
}


class WriteError(OSError):
    """Writing the output failed (no space, no rights, …); str() is a Russian sentence.

    An OSError, so callers that report write failures keep working; the previous output
    is intact and no temporary folder is left when it is raised from `write_site`.
    """

    def __str__(self) -> str:
        what, hint = _ERRNO_RU.get(self.errno or 0, (self.strerror or "ошибка записи", "Проверьте диск и права на папку."))
        where = f" (файл «{self.filename}»)" if self.filename else ""
        return f"{what}{where}. {hint}"

    @classmethod
    def wrap(cls, exc: OSError) -> "WriteError":
        if isinstance(exc, WriteError):
            return exc
        return cls(exc.errno or 0, exc.strerror or str(exc), exc.filename)


def refuse_unsafe(out: Path, site_root: Path) -> None:
    out_r, root_r = out.resolve(), site_root.resolve()
    forbidden = {Path(out_r.anchor), Path.home().resolve(), root_r, inputs.on_disk(root_r, inputs.CONTENT), root_r / "themes"}
    if out_r in forbidden or out_r in root_r.parents or inputs.on_disk(root_r, inputs.CONTENT) in out_r.parents \
            or root_r / "themes" in out_r.parents:
        raise OutputError(f"Папка вывода «{out}» совпадает с папкой сайта, content/, themes/, домашней или корневой папкой "
                          "— туда писать нельзя. Укажите отдельную папку, например --out output.")
