"""The build as one function: load → assemble → check → render → write."""

from __future__ import annotations

import datetime as _dt
import gc
import time
from dataclasses import dataclass, replace
from pathlib import Path

from clusterpages.content.facts import assemble as asm
from clusterpages.content.facts import check as chk
from clusterpages.content.read.load import Sources, load
from clusterpages.content.read.location import theme_dir
from clusterpages.model import Site
from clusterpages.publish import artifacts, embed, outputs, pagework, write
from clusterpages.runtime import cache as cache_mod
from clusterpages.runtime import linkchecks, memos, pagekeys, parallel
from clusterpages.runtime.recall import Recall
from clusterpages.site import compiled, graph, pages, render
from clusterpages.values import diagnostics as dg
from clusterpages.values import packing, urls


@dataclass(frozen=True)
class Result:
    site: Site | None
    diagnostics: tuple[dg.Diagnostic, ...]
    written: int
    seconds: float


def _theme_rel(theme: Path, site_root: Path) -> str:
    try:
        return theme.relative_to(site_root).as_posix()
    except ValueError:
        return theme.as_posix()


def _template_diag(exc: "render.TemplateProblem", theme: Path, site_root: Path) -> dg.Diagnostic:
    return dg.error("template.error", f"{_theme_rel(theme, site_root)}/templates/{exc.template}", exc.line,
                    f"Шаблон не отрисовал страницу {exc.page}: {exc.message}.",
                    "Исправьте шаблон темы (или верните стандартную тему, удалив папку themes/ сайта).")


@dataclass(frozen=True)
class Runtime:
    """How the work is done (never what it produces): workers, cache, code fingerprint."""

    run: object = None                      # a mapper from parallel.mapper, None = serial
    jobs: int = 1
    store: cache_mod.Cache = cache_mod.Cache(None)
    fingerprint: str = ""
    progress: object = None                 # progress(stage, units_done, units_total) or None
    recall: Recall | None = None            # the previous build's results in this process (the preview)
    environments: dict | None = None        # Jinja environments kept between builds (the preview)
    reach: graph.Reach = graph.EVERYTHING   # what changed since the last build `recall` holds can reach
    page_keys: pagekeys.Tracker | None = None  # the last build's page keys (a build with a cache folder)
    # The process ends with the build (the command line): what each stage made and the next ones only
    # read is frozen for the collector (its full passes walked all of a big site again and again).
    one_shot: bool = False

    def compiled_templates(self) -> compiled.Store:
        """Where compiled templates are kept (in the cache folder, per code version, if any), and
        the code's fingerprint (those compiled at setup: site/compiled.py)."""
        if self.store.folder is None:
            return compiled.Store(None, self.fingerprint)
        folder = self.store.folder / f"templates-{compiled.version(self.fingerprint)}"
        folder.mkdir(parents=True, exist_ok=True)
        return compiled.Store(folder, self.fingerprint)

    def environment(self, templates: Path, bundled: bool = False):
        """The theme's Jinja environment, with `bundled` falling back to the bundled theme's
        templates; compiled templates are kept between builds when the runtime can."""
        if self.environments is None or (templates, bundled) not in self.environments:
            env = render.environment(templates, self.compiled_templates())
            env = render.with_bundled_templates(env) if bundled else env
            if self.environments is None:
                return env
            self.environments[(templates, bundled)] = env
        return self.environments[(templates, bundled)]

    def map(self, fn, items, stage: str = ""):
        """Results in order; reports progress by unit (a chunk's length) as each chunk is done."""
        return list(self.imap(fn, items, stage))

    def imap(self, fn, items, stage: str = ""):
        """`map`, yielding each result as soon as it and those before it are done; the items are
        handed to the workers at once (the caller may work while they do)."""
        items = list(items)
        results = self.run(fn, items) if self.run is not None else map(fn, items)
        return self._reported(items, results, stage)

    def _reported(self, items: list, results, stage: str):
        total = sum(map(_units, items))
        done = 0
        for item, result in zip(items, results):
            done += _units(item)
            if self.progress is not None:
                self.progress(stage, done, total)
            yield result


def _units(item) -> int:
    """How many documents or pages a unit of work holds (a chunk: the length of its list)."""
    return next((len(x) for x in item if isinstance(x, list)), 1) if isinstance(item, tuple) else 1


def prepare(config_path: Path, as_of: _dt.date | None, fallback_as_of: _dt.date,
            runtime: Runtime = Runtime(), sources: Sources | None = None) -> tuple[Site | None, list[dg.Diagnostic]]:
    """Load (unless the caller has the sources), assemble and check: everything `check` does, nothing written."""
    sources = sources or load(config_path)
    site, diags = asm.assemble(sources, as_of, fallback_as_of, runtime.imap, runtime.store, runtime.fingerprint)
    if site is not None:
        diags += chk.check(site)
    return site, diags


def _templates_fingerprint(templates: Path) -> str:
    return packing.key(*[x for p in sorted(templates.rglob("*")) if p.is_file()
                           for x in (p.relative_to(templates).as_posix(), p.read_bytes())])


def _theme_key(templates: Path, runtime: Runtime) -> str:
    """What every rendered file depends on in the theme: its templates, with the bundled ones
    it falls back to ("" when nothing is kept between builds)."""
    if not (runtime.store.enabled or runtime.recall is not None):
        return ""
    return packing.key(_templates_fingerprint(templates),
                         embed.templates_bytes(runtime.environment(templates, bundled=True)))


def render_pages(site: Site, theme: Path, runtime: Runtime, specs: list[pages.PageSpec], extras: pagework.Extras,
                 tfp: str = "", staging: write.Staging | None = None,
                 meanwhile=lambda: None) -> tuple[dict[str, pagework.PageWork], list]:
    """Every page rendered and published (pagework.py), from the cache where its inputs (and the theme,
    `tfp`) are unchanged, and the template problems. With `staging` each page is written into the new
    output where it is rendered (a worker: write.Writer) or as soon as it comes from the cache, and only
    what later steps read stays in memory (pagework.staged); a page whose cache entry keeps only its
    files' checksums is taken while the previous output holds them (write.Staging.holds).
    `meanwhile()` is called once the pages are handed to the workers: this process's work meanwhile."""
    templates = theme / "templates"
    found: list = [None] * len(specs)
    inputs: list = [None] * len(specs)
    env = runtime.environment(templates)
    fragment_env = runtime.environment(templates, bundled=True)
    if runtime.store.enabled or runtime.recall is not None:
        inputs = [(tfp, s, extras.key_parts(s)) for s in specs]
    if runtime.recall is not None:
        # A page the change cannot reach (site/graph.py) is the last one made, without comparing its inputs.
        found = [(runtime.recall.get(s.path, i) if runtime.reach.includes(s.path) else runtime.recall.last(s.path))[1]
                 for s, i in zip(specs, inputs)]
    keys = [""] * len(specs)
    # A cache folder that holds no page (a first build): nothing to look up, so each page's key,
    # needed only to keep it, is worked out while the workers render, not before they start.
    first = runtime.store.memory is None and runtime.store.holds_none("page")
    if runtime.store.enabled and not first:
        keys = _page_keys(site, runtime, specs, inputs, found, extras, tfp)
        # A page found in the cache is written at once: its bytes are not held while the rest is read.
        found = [_from_cache(runtime.store.get("page", k), s, staging) if k else f
                 for k, s, f in zip(keys, specs, found)]
    missing = [i for i, f in enumerate(found) if f is None]
    work = parallel.chunks([specs[i] for i in missing], runtime.jobs, 100)
    if len(work) == 1 and runtime.environments is not None:  # kept templates: no worker
        rendered = pagework.work_many(env, fragment_env, work[0], extras)
    else:
        kept = runtime.compiled_templates()
        rendered = (r for part in runtime.imap(pagework.work_chunk, [
            (templates, kept, c, extras.for_specs(c), _writer(staging, c)) for c in work], "страницы")
                    for r in part)
    if runtime.store.enabled and first:
        keys = _page_keys(site, runtime, specs, inputs, found, extras, tfp)
    meanwhile()
    problems = []
    for i, value in zip(missing, rendered):
        if isinstance(value, render.TemplateProblem):
            problems.append(value)
            continue
        found[i] = _taken(value, specs[i], keys[i], runtime.store, staging, write_now=not problems)
    if runtime.recall is not None:
        for spec, i, f in zip(specs, inputs, found):
            if f is not None:
                runtime.recall.put(spec.path, i, f)
    return {s.path: f for s, f in zip(specs, found) if f is not None}, problems


def _taken(value, spec: pages.PageSpec, key: str, store: cache_mod.Cache, staging: write.Staging | None,
           write_now: bool = True) -> pagework.PageWork:
    """A page as it came back from its worker (pagework.work_chunk) or was made here: kept in the cache
    under `key`, and its files in the new output — written by the worker (its records taken by
    `staging`) or now, unless not `write_now` (a template failed: the build will not be committed)."""
    written = value[1] if isinstance(value, tuple) and isinstance(value[1], pagework.Written) else None
    if written is not None:  # the worker wrote its files into the new output
        for rel, record in written.records:
            staging.record(rel, record)
    if isinstance(value, tuple):  # packed on the worker, then its files or where it wrote them
        data, value = value[0], pagework.with_files(packing.unpack(value[0]),
                                                    written.files if written is not None else value[1:])
        if key:
            store.put_packed("page", key, data, value)
    elif key:
        store.put_packed("page", key, pagework.pack(value), value)
    if written is None and staging is not None and write_now:
        value = pagework.staged(value, spec, staging.put)
    return value


def _writer(staging: write.Staging | None, specs: list[pages.PageSpec]) -> write.Writer | None:
    """What writes these pages' files into the new output where they are rendered."""
    if staging is None:
        return None
    return staging.writer([p for s in specs for p in pagework.paths(s)])


def _from_cache(work: pagework.PageWork | None, spec: pages.PageSpec,
                staging: write.Staging | None) -> pagework.PageWork | None:
    """A page's cache entry, written into the new output at once, when the previous output holds
    the files it keeps only by checksum (pagework.publishable); else None: made again."""
    if work is None or not pagework.publishable(work, spec, staging.holds if staging is not None else None):
        return None
    return pagework.staged(work, spec, staging.put) if staging is not None else work


def _page_keys(site: Site, runtime: Runtime, specs: list[pages.PageSpec], inputs: list, found: list,
               extras: pagework.Extras, tfp: str) -> list[str]:
    """The cache key of each page not `found` yet: the last build's key for a page no change since
    can reach (runtime/pagekeys.py), else the hash of its inputs (its spec pickled whole)."""
    reach, known = graph.EVERYTHING, {}
    if runtime.page_keys is not None:
        basis = packing.key(runtime.fingerprint, tfp, packing.stable_bytes(site.config), str(extras.base_url),
                              repr(sorted(extras.cluster_css.items())))
        reach, known = runtime.page_keys.reusable(basis)
    keys = [((known.get(s.path, "") if not reach.includes(s.path) else "")
             or packing.key(runtime.fingerprint, i[0], packing.stable_bytes(s), *i[2])) if f is None else ""
            for s, i, f in zip(specs, inputs, found)]
    if runtime.page_keys is not None:
        runtime.page_keys.save(basis, {s.path: k for s, k in zip(specs, keys) if k})
    return keys


def _copies(site: Site, site_root: Path, theme: Path) -> dict[str, Path]:
    """Files copied as they are: the content's media and the theme's static files."""
    copies = {site_path: site_root / src for site_path, src in site.media}
    for asset in sorted((theme / "static").rglob("*")):
        if asset.is_file():
            copies[urls.asset(asset.relative_to(theme / "static").as_posix())] = asset
    return copies


def produce(site: Site, site_root: Path, previous_manifest: dict | None = None, runtime: Runtime = Runtime(),
            staging: write.Staging | None = None) -> tuple[dict[str, bytes | write.Staged], dict[str, Path], list[dg.Diagnostic]]:
    """Render every page and artifact: in memory, or with `staging` written as they are made
    into the new output folder (the output itself is untouched until staging.commit)."""
    theme = theme_dir(site_root)
    copies = _copies(site, site_root, theme)
    specs = pages.specs(site)
    tfp = _theme_key(theme / "templates", runtime)
    kept = memos.kept(runtime)
    remember = memos.remember(runtime, site, kept)
    put = staging.put if staging is not None else None  # each file written as soon as it is made
    css = outputs.tokens_css(site)
    made: list = []  # the documents' data files, then the search index: its parts handed to the workers
    search = outputs.search_files(site, remember, runtime.run if runtime.jobs > 1 else None)  # ahead of the pages

    def meanwhile():  # this process's work while the workers render the pages
        made.extend(outputs.document_files(site, css, remember))
        made.append(search())
        if kept is not None:
            kept.save()  # the search index is made: its documents' weights are not held any longer
    done, problems = render_pages(site, theme, runtime, specs, pagework.extras(site, copies, css, remember), tfp,
                                  staging, meanwhile)
    if runtime.one_shot:
        gc.freeze()  # the pages: read until the end, freed with the process
    files = {path: w.html for path, w in done.items()}
    diags: list[dg.Diagnostic] = [_template_diag(p, theme, site_root) for p in problems]
    if diags:
        return files, {}, diags
    extra, sub, (found, more, ready) = made
    extra, sub = {**extra, **found}, sub + more
    diags += sub
    files.update({p: put(p, data) for p, data in extra.items()} if put is not None else extra)
    means = artifacts.Means(remember, tfp, put, runtime.run if runtime.jobs > 1 else None,
                            (theme / "templates", runtime.compiled_templates()),
                            *((staging.holds, staging.writer, staging.record) if staging is not None else ()))
    try:
        published, sub, admin_scans = artifacts.finish(site, runtime.environment(theme / "templates", bundled=True),
                                                       dict(files), dict(copies),
                                                       artifacts.Given(css, specs, done, previous_manifest, means,
                                                                       ready))
    except render.TemplateProblem as exc:
        return files, {}, diags + [_template_diag(exc, theme, site_root)]
    finally:
        if isinstance(runtime.run, parallel.Mapper):
            runtime.run.release()  # the rest runs here: the workers' memory is given back first
    files.update({p: put(p, data) for p, data in published.items()} if put is not None else published)
    diags += sub
    scans = {**{p: w.scan for p, w in done.items()}, **{p: scan for p, (scan, _) in admin_scans.items()}}
    digests = {**{p: w.sums[0] for p, w in done.items()}, **{p: sha for p, (_, sha) in admin_scans.items()}}
    diags += linkchecks.link_check(files, set(copies), runtime.store, runtime.recall, runtime.fingerprint,
                                   scans, digests)
    return files, copies, diags


def cache_folder(out: Path) -> Path:
    return out.parent / ".clusterpages-cache"


def build(config_path: Path, out: Path, as_of: _dt.date | None, fallback_as_of: _dt.date, strict: bool,
          previous_manifest: dict | None = None, *, jobs: int = 1, use_cache: bool = True,
          progress=None, one_shot: bool = False) -> Result:
    """`one_shot`: the process ends with the build (Runtime.one_shot)."""
    started = time.perf_counter()
    if wrong := artifacts.not_a_manifest(previous_manifest):  # said before any work, not after it
        return Result(None, tuple(wrong), 0, time.perf_counter() - started)
    site_root = config_path.parent
    write.refuse_unsafe(out, site_root)
    write.recover(out)  # an output a killed build left aside comes back before anything else
    fingerprint = cache_mod.code_fingerprint()
    if use_cache:
        cache_mod.retire_other_versions(cache_folder(out), fingerprint)
    # A build after one made here expects few changes: its workers start only if work comes.
    expect_little = use_cache and write.kept_in(cache_folder(out), out)[0].is_file() and out.is_dir()
    with parallel.mapper(jobs, early=not expect_little) as run, cache_mod.Cache(cache_folder(out) if use_cache else None) as store:
        return _build(config_path, out, as_of, fallback_as_of, strict, previous_manifest,
                      Runtime(run, jobs, store, fingerprint, progress, one_shot=one_shot), started)


def _build(config_path, out, as_of, fallback_as_of, strict, previous_manifest, runtime, started) -> Result:
    site_root = config_path.parent
    if isinstance(runtime.run, parallel.Mapper):  # the workers compile the templates while the site is read
        runtime.run.ahead(render.warm, theme_dir(site_root) / "templates", runtime.compiled_templates())
    sources = load(config_path, pagekeys.read_before(last := pagekeys.last_record(runtime.store, site_root)))
    site, diags = prepare(config_path, as_of, fallback_as_of, runtime, sources)
    runtime = replace(runtime, page_keys=pagekeys.Tracker.of(runtime.store, site_root, sources, last))
    del sources  # not kept while the site is made
    if runtime.one_shot:
        gc.freeze()
    written = 0
    if site is not None and not any(d.severity == dg.ERROR for d in diags):
        with write.locked(out):
            folder = runtime.store.folder
            staging = write.Staging(out, *write.kept_in(folder, out))
            try:
                written = _produce_and_commit(site, site_root, previous_manifest, runtime, staging, strict, diags,
                                              _shown(out, site_root))
            finally:
                staging.discard()
    return Result(site, tuple(dg.sort(diags)), written, time.perf_counter() - started)


def _shown(out: Path, site_root: Path) -> str:
    """The output folder as a message names it: from the site root when inside it."""
    try:
        return out.resolve().relative_to(site_root.resolve()).as_posix()
    except ValueError:
        return out.resolve().as_posix()


def _produce_and_commit(site, site_root, previous_manifest, runtime, staging, strict, diags, shown: str) -> int:
    """Produce into `staging` and swap it in when the build passes; adds to `diags` (the link
    check's naming the output folder as `shown`)."""
    from clusterpages.publish import linkcheck
    files, copies, sub = produce(site, site_root, previous_manifest, runtime, staging)
    diags += linkcheck.in_folder(sub, shown)
    return 0 if dg.fails(diags, strict) else staging.commit(files, copies)
