"""The command line: build | check | serve | new | import. Thin: it parses flags and calls the package."""

from __future__ import annotations

import argparse
import datetime as _dt
import gc
import json
import re
import sys
import time
from pathlib import Path

from clusterpages.content.read.config import fallback_as_of
from clusterpages.values import diagnostics as dg
from clusterpages.values.diagnostics import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

# argparse's own messages, as Python writes them (3.10–3.13), and what a Russian user reads instead.
_ARGPARSE_RU = (
    (r"the following arguments are required: (.+)", r"не указаны обязательные аргументы: \1"),
    (r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.+)\)",
     r"аргумент \1: недопустимое значение «\2»; возможные: \3"),
    (r"argument (\S+): invalid int value: '(.*)'", r"аргумент \1: «\2» — не целое число"),
    (r"argument (\S+): invalid (\w+) value: '(.*)'", r"аргумент \1: «\3» — неподходящее значение"),
    (r"argument (\S+): expected one argument", r"аргументу \1 нужно значение"),
    (r"argument (\S+): not allowed with argument (\S+)", r"аргумент \1 нельзя указывать вместе с \2"),
    (r"unrecognized arguments: (.+)", r"непонятные аргументы: \1"),
    (r"ambiguous option: (\S+) could match (.+)", r"неоднозначный параметр \1: подходят \2"),
    (r"argument (\S+): (.+)", r"аргумент \1: \2"),
)


def russian(message: str) -> str:
    """argparse's English message in Russian (unknown ones pass through unchanged)."""
    for pattern, replacement in _ARGPARSE_RU:
        if re.fullmatch(pattern, message, flags=re.S):
            return re.sub(pattern, replacement, message, flags=re.S).replace("'", "")
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "использование: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "аргументы"
        self._optionals.title = "параметры"
        self.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")

    def error(self, message):  # usage errors exit with 2 and a Russian hint
        self.print_usage(sys.stderr)
        print(f"{self.prog}: ошибка: {russian(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _date(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{text}» — не дата; запишите как 2023-02-15") from None


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="build.py", description="clusterpages: страницы образовательно-отраслевых кластеров.")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def common(sp, out=True):
        sp.add_argument("--config", type=Path, default=Path("site_config.yaml"), help="файл настроек сайта (site_config.yaml)")
        sp.add_argument("--as-of", type=_date, help="дата, на которую считаются статусы (ГГГГ-ММ-ДД)")
        sp.add_argument("--strict", action="store_true", help="предупреждения тоже считаются ошибками")
        if out:
            sp.add_argument("--out", type=Path, help="папка вывода (по умолчанию output/ рядом с настройками)")

    b = sub.add_parser("build", help="собрать сайт в output/")
    common(b)
    b.add_argument("--quiet", action="store_true", help="только итоговая строка")
    b.add_argument("--jobs", type=int, default=None, help="число процессов (по умолчанию — все ядра)")
    b.add_argument("--since", type=Path, help="манифест прошлой выгрузки (manifest.json): показать администраторам, "
                                              "какие файлы изменились")
    b.add_argument("--format", choices=("text", "json", "github"), default="text", help="формат сообщений")
    c = sub.add_parser("check", help="проверить содержимое, ничего не записывая")
    common(c, out=False)
    c.add_argument("--format", choices=("text", "json", "github"), default="text", help="формат сообщений")
    s = sub.add_parser("serve", help="предпросмотр с автообновлением")
    common(s, out=False)
    s.add_argument("--out", type=Path, help="папка предпросмотра (по умолчанию временная, удаляется при выходе)")
    s.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    s.add_argument("--open", action="store_true", help="открыть браузер")
    n = sub.add_parser("new", help="создать заготовку: кластер или план следующего учебного года")
    n.add_argument("what", choices=("cluster", "plan", "media-plan"), help="что создать")
    n.add_argument("slug", help="имя папки кластера латиницей, например it")
    n.add_argument("--name", help="полное название кластера (для new cluster)")
    n.add_argument("--year", help="учебный год нового плана, например 2023-2024 (для new plan и new media-plan)")
    n.add_argument("--force", action="store_true", help="перезаписать существующий план")
    n.add_argument("--format", dest="fmt", choices=("md", "docx", "xlsx", "same"), default="md",
                   help="в каком виде записать новый план: md (по умолчанию), docx, xlsx или same — как прошлогодний")
    n.add_argument("--short-name", help="краткое название для меню (без него в cluster.yaml останется заготовка)")
    n.add_argument("--as-of", type=_date, help="дата, по которой выбирается учебный год первого плана (ГГГГ-ММ-ДД)")
    n.add_argument("--config", type=Path, default=Path("site_config.yaml"), help="файл настроек сайта")
    i = sub.add_parser("import", help="превратить план из Word или Excel в Markdown")
    i.add_argument("file", type=Path, help="файл .docx или .xlsx")
    i.add_argument("--cluster", required=True, help="имя папки кластера, например it")
    i.add_argument("--as", dest="name", help="имя документа, если у файла другое: plan-2022-2023 или "
                                              "media-plan-2022-2023")
    i.add_argument("--sheet", help="лист книги Excel с таблицей плана")
    i.add_argument("--force", action="store_true", help="перезаписать существующий .md")
    i.add_argument("--config", type=Path, default=Path("site_config.yaml"), help="файл настроек сайта")
    return p


def _print_diags(diags, fmt: str, stream) -> None:
    if fmt == "json":
        print(dg.format_json(diags), file=stream)
    elif fmt == "github":
        for d in diags:
            print(dg.format_github(d), file=stream)
    else:
        for d in diags:
            print(dg.format_text(d), file=stream)


def _summary(diags, pages: int | None, seconds: float) -> str:
    e, w = dg.count(diags, dg.ERROR), dg.count(diags, dg.WARNING)
    head = f"записано файлов: {pages}, " if pages is not None else ""
    return f"{head}ошибок: {e}, предупреждений: {w}, время: {seconds:.2f} с"


def _config(args) -> Path | None:
    path = args.config
    if not path.is_file():
        print(f"Не найден файл настроек «{path}». Запустите команду из папки сайта или укажите --config путь/site_config.yaml.",
              file=sys.stderr)
        return None
    return path.resolve()


def cmd_build(args) -> int:
    from clusterpages import pipeline
    from clusterpages.publish import write
    # One build is one short process: what the imports made lives to its end (frozen: never
    # looked at by the collector), and the site's data is acyclic, so the collector runs less
    # often than after every 700 new objects (~7 % of a rebuild at 1,000 pages).
    gc.freeze()
    gc.set_threshold(20_000, 20, 10)
    config = _config(args)
    if config is None:
        return EXIT_USAGE
    out = (args.out or config.parent / "output").resolve()
    as_of = args.as_of
    previous = None
    if args.since is not None:
        try:
            previous = json.loads(args.since.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            print(f"Не удалось прочитать манифест «{args.since}»: {exc}. Укажите manifest.json из прошлой выгрузки.",
                  file=sys.stderr)
            return EXIT_USAGE
    try:
        from clusterpages.runtime.parallel import default_jobs
        jobs = args.jobs if args.jobs and args.jobs > 0 else default_jobs()
        with _progress_bar(args.quiet) as progress:
            result = pipeline.build(config, out, as_of, fallback_as_of(), args.strict, previous,
                                    jobs=jobs, progress=progress, one_shot=True)
    except write.OutputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"Не удалось записать сайт: {str(exc).rstrip('.')}. Прежняя папка вывода не изменена.", file=sys.stderr)
        return EXIT_CONTENT
    if args.format == "json":
        _print_diags(result.diagnostics, "json", sys.stdout)
    else:
        shown = [d for d in result.diagnostics if d.severity == dg.ERROR] if args.quiet else result.diagnostics
        _print_diags(shown, args.format, sys.stderr)
    failed = result.site is None or dg.fails(result.diagnostics, args.strict)
    summary = _summary(result.diagnostics, result.written, result.seconds)
    if failed:
        print(f"Сборка не удалась ({summary}). Прежняя папка вывода «{out}» не изменена.", file=sys.stderr)
        return EXIT_CONTENT if result.site is not None else EXIT_USAGE
    print(f"Готово: {out} — {summary}", file=sys.stderr)
    return EXIT_OK


class _progress_bar:
    """A progress bar on an interactive terminal (not in CI, not under --quiet), shown after a moment."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()
        self.bars: dict = {}
        self.started = time.monotonic()

    def __enter__(self):
        return self.update if self.enabled else None

    def update(self, stage: str, done: int, total: int) -> None:
        if total < 50 or time.monotonic() - self.started < 0.5:
            return
        from tqdm import tqdm
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, unit="стр.", leave=False, file=sys.stderr)
        bar.update(done - bar.n)

    def __exit__(self, *exc):
        for bar in self.bars.values():
            bar.close()
        return False


def cmd_check(args) -> int:
    from clusterpages import pipeline
    config = _config(args)
    if config is None:
        return EXIT_USAGE
    started = time.perf_counter()
    site, diags = pipeline.prepare(config, args.as_of, fallback_as_of())
    diags = dg.sort(diags)
    _print_diags(diags, args.format, sys.stdout)
    print(_summary(diags, None, time.perf_counter() - started), file=sys.stderr)
    if site is None:  # the config itself is unusable
        return EXIT_USAGE
    return EXIT_CONTENT if dg.fails(diags, args.strict) else EXIT_OK


def cmd_serve(args) -> int:
    from clusterpages.serve import preview as serve
    config = _config(args)
    if config is None:
        return EXIT_USAGE
    return serve.run(config, args.out.resolve() if args.out else None, args.host, args.port, args.open,
                     args.as_of, args.strict)


def cmd_new(args) -> int:
    from clusterpages.commands import scaffold
    config = _config(args)
    if config is None:
        return EXIT_USAGE
    if args.what != "cluster":
        from clusterpages.commands import nextplan
        return nextplan.run(config, args.what, args.slug, args.year, args.as_of, args.force, args.fmt)
    if not (args.name or "").strip():
        print("Укажите название кластера: --name \"Образовательно-отраслевой кластер …\"", file=sys.stderr)
        return EXIT_USAGE
    from clusterpages.content.read.config import build_config, fallback_as_of
    from clusterpages.content.read.load import load
    site_config, _ = build_config(load(config).config, args.as_of, fallback_as_of())
    as_of = site_config.as_of if site_config else args.as_of or fallback_as_of()
    year_start = site_config.year_start if site_config else (9, 1)
    try:
        folder = scaffold.new_cluster(config.parent, args.slug, args.name, as_of, args.short_name, year_start)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print(f"Создана папка кластера: {folder}", file=sys.stderr)
    if not (args.short_name or "").strip():
        print("Внимание: краткое название для меню не задано. Впишите его в short_name в cluster.yaml "
              "(или создайте кластер с --short-name \"…\"); до тех пор сборка предупреждает.", file=sys.stderr)
    print("Замените в новых файлах все «[ЗАПОЛНИТЕ: …]»: сборка напомнит о каждом, а --strict не опубликует сайт, "
          "пока они есть.", file=sys.stderr)
    return EXIT_OK


def cmd_import(args) -> int:
    from clusterpages.commands import officeimport
    config = _config(args)
    if config is None:
        return EXIT_USAGE
    return officeimport.run(config, args.file, args.cluster, args.name, args.sheet, args.force)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["build"] + argv
    args = _parser().parse_args(argv)
    if args.command is None:
        args = _parser().parse_args(["build"])
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    handler = {"build": cmd_build, "check": cmd_check, "serve": cmd_serve, "new": cmd_new,
               "import": cmd_import}[args.command]
    return handler(args)
