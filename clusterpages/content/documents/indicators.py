"""content/indicators.yaml → Catalogue: the region's indicators, which the clusters' reports
are matched against (pure).

An indicator's name is matched as people retype it: case, «ё» and runs of spaces do not count
(`key`). What no single entry can say is checked here too: a name written twice, a base that is
not in the catalogue or does not add up, a percentage said to add up.
"""

from __future__ import annotations

import difflib
import re

from clusterpages.content.documents.context import Context
from clusterpages.content.read import schema, schemas, yamlload
from clusterpages.content.read.sources import SourceFile
from clusterpages.model import Catalogue, CatalogueEntry
from clusterpages.values import diagnostics as dg


def key(name: str) -> str:
    """What two spellings of one indicator's name have in common."""
    return re.sub(r"\s+", " ", name.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


def unit_key(unit: str) -> str:
    return re.sub(r"\s+", " ", unit).strip().casefold()


def is_percent(unit: str) -> bool:
    return unit_key(unit) == "%"


def closest(name: str, names) -> str | None:
    """The name among `names` that `name` is most likely a misspelling of, or None."""
    by_key = {key(n): n for n in names}
    close = difflib.get_close_matches(key(name), list(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


def _entry_problems(entries: list[CatalogueEntry], file: str) -> list[dg.Diagnostic]:
    diags: list[dg.Diagnostic] = []
    seen: dict[str, CatalogueEntry] = {}
    for e in entries:
        if key(e.name) in seen:
            diags.append(dg.error("indicators.duplicate", file, e.line,
                                  f"Показатель «{e.name}» уже есть в каталоге (строка {seen[key(e.name)].line}).",
                                  "Оставьте одну запись: по названию показатели отчётов сопоставляются с каталогом."))
        seen.setdefault(key(e.name), e)
        if e.additive and is_percent(e.unit):
            diags.append(dg.error("indicators.additive-percent", file, e.line,
                                  f"Показатель «{e.name}» в процентах отмечен как складывающийся (additive: true): "
                                  "проценты кластеров не складываются.",
                                  "Запишите additive: false — отчёт покажет разброс по кластерам, а с полем base "
                                  "и взвешенное значение."))
    for e in entries:
        if e.base is None:
            continue
        base = seen.get(key(e.base))
        if base is None or not base.additive or e.additive:
            why = ("такого показателя нет в каталоге" if base is None else
                   "взвешивают только показатель, который не складывается (additive: false)" if e.additive else
                   "основа взвешивания должна складываться (людей, единиц: additive: true)")
            close = closest(e.base, [x.name for x in entries if x.additive]) if base is None else None
            diags.append(dg.error("indicators.base", file, e.line, f"base «{e.base}» у показателя «{e.name}»: {why}.",
                                  (f"Возможно, вы имели в виду «{close}»? " if close else "")
                                  + "Укажите в base показатель в людях или единицах, от которого считается процент."))
    return diags


def parse_catalogue(ctx: Context, src: SourceFile, _slug=None) -> tuple[Catalogue | None, list[dg.Diagnostic]]:
    located, diags = yamlload.load(src.text, src.rel)
    if located is None:
        return None, diags
    data, sub = schema.validate(located, schemas.CATALOGUE, src.rel, what="каталога показателей")
    diags += sub
    if any(d.severity == dg.ERROR for d in diags):
        return None, diags
    entries = [CatalogueEntry(i["name"], i["unit"], i["additive"], i.get("group") or "Показатели", i.get("base"),
                              located.line(("indicators", n, "name")))
               for n, i in enumerate(data["indicators"])]
    diags += _entry_problems(entries, src.rel)
    if any(d.severity == dg.ERROR for d in diags):
        return None, diags
    return Catalogue(src.rel, tuple(entries)), diags
