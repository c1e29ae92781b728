"""Placeholders a scaffold leaves for the college to fill in: «[ЗАПОЛНИТЕ: …]» (pure).

`build.py new cluster` writes them where only the college knows the answer; every one
still in the content is a warning with its file, line and column, so `--strict` refuses
to publish a scaffold as it is.
"""

from __future__ import annotations

import re
from typing import Iterable

from clusterpages.content.read.sources import SourceFile
from clusterpages.values import diagnostics as dg

MARK = "[ЗАПОЛНИТЕ"
_FOUND = re.compile(r"\[ЗАПОЛНИТЕ:?\s*([^\]\n]*)\]?")


def find(files: Iterable[SourceFile]) -> list[dg.Diagnostic]:
    out: list[dg.Diagnostic] = []
    for src in files:
        if not src.rel.endswith((".md", ".yaml", ".yml")) or not src.has(MARK):
            continue
        for n, line in enumerate(src.text.split("\n"), 1):
            for m in _FOUND.finditer(line):
                what = m.group(1).strip() or "значение"
                out.append(dg.warning("content.placeholder", src.rel, n,
                                      f"Заготовка не заполнена: «{what}».",
                                      f"Замените «{m.group(0)}» настоящим значением — до тех пор сборка "
                                      "с --strict не опубликует сайт.", column=m.start() + 1))
    return out
