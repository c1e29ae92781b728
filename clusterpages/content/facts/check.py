"""Cross-page checks on the assembled site (pure): what no single file can know."""

from __future__ import annotations

from clusterpages.content.facts import execution, region, threads
from clusterpages.model import Site
from clusterpages.values import contrast
from clusterpages.values import diagnostics as dg


def _contrast(site: Site) -> list[dg.Diagnostic]:
    out = []
    p = site.config.palette
    lines = dict(site.config.palette_lines)
    checks = [(site.config.file, lines.get(c.key.rsplit(".", 1)[-1]), c) for c in contrast.check_palette(p)]
    for cl in site.clusters:
        if cl.accent_key:  # a palette colour: the fix belongs in site_config.yaml
            key = f"brandbook.palette.{cl.accent_key} (accent кластера {cl.slug})"
            checks += [(site.config.file, lines.get(cl.accent_key), c)
                       for c in contrast.check_cluster(cl.slug, cl.accent, p, key=key)]
        else:
            checks += [(cl.file, cl.accent_line, c) for c in contrast.check_cluster(cl.slug, cl.accent, p)]
    seen = set()
    for file, line, c in checks:
        if c.passed or (c.key, c.role) in seen:
            continue
        seen.add((c.key, c.role))
        out.append(dg.warning("contrast.pair", file, line, c.message, c.hint))
    return out


def check(site: Site) -> list[dg.Diagnostic]:
    diags = _contrast(site)
    names: dict[str, str] = {}
    for c in sorted(site.clusters, key=lambda c: c.slug):  # the later folder is the one to rename
        for name in {c.name.strip().lower(), c.short_name.strip().lower()}:
            if name in names and names[name] != c.slug:
                diags.append(dg.error("cluster.duplicate-name", c.file, 1,
                                      f"Название «{name}» уже занято кластером «{names[name]}».",
                                      "У каждого кластера своё название и краткое название."))
            names.setdefault(name, c.slug)
    protocols = {p.slug: p for p in site.protocols}
    numbers = {p.number: p for p in site.protocols}
    for c in site.clusters:
        for claim in c.evidence:
            p = protocols.get(claim.protocol)
            if p is None:
                diags.append(dg.error("evidence.protocol", c.file, claim.line, f"Протокол «{claim.protocol}» не найден.",
                                      "Укажите имя файла протокола из content/protocols/ без «.md»: "
                                      + ", ".join(sorted(protocols)) + "."))
            elif claim.decision not in {d.number for d in p.decisions}:
                diags.append(dg.error("evidence.decision", c.file, claim.line,
                                      f"В протоколе «{claim.protocol}» нет решения № {claim.decision}.",
                                      f"Номера решений: {', '.join(str(d.number) for d in p.decisions)}."))
    for doc in site.plans:
        for item in doc.items:
            for number, decision in item.decisions:
                p = numbers.get(number)
                if p is None or decision not in {d.number for d in p.decisions}:
                    diags.append(dg.warning("plan.protocol-ref", doc.file, item.line or None,
                                            f"Ссылка «п. {decision} протокола № {number}»: такого решения нет на сайте.",
                                            "Проверьте номер пункта и протокола или добавьте протокол в content/protocols/.",
                                            place=item.place))
    partner_names = {c.slug: {p.name for p in c.partners} for c in site.clusters}
    for ch in site.championships:
        for name in ch.partners:
            if name not in partner_names.get(ch.cluster, set()):
                diags.append(dg.warning("championship.partner", ch.file, ch.partners_line,
                                        f"Партнёр «{name}» не указан в cluster.yaml кластера.",
                                        "Добавьте предприятие в partners в cluster.yaml или исправьте название."))
    for doc in site.plans:
        if doc.kind == "plan" and not doc.items:
            diags.append(dg.warning("plan.no-items", doc.file, None, "В плане не найдено ни одной таблицы мероприятий.",
                                    "Добавьте таблицу со столбцами «№ | Мероприятие | Срок | Ответственный»."))
    return diags + threads.check(site) + execution.conflicts(site) + region.check(site)
