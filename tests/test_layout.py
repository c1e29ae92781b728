"""The package shows the pipeline: stages import only earlier stages, and no module imports itself back.

Stages, in the order data flows: content (load, parse, assemble, check) → site (pages, views,
render) → publish (artifacts, write) → serve; `theme` is the brand book's colours and charts,
`runtime` the cache and worker pool. `model`, `text`, `diagnostics` and `urls` are shared by all.
"""

from __future__ import annotations

import ast
import importlib
import re

import pytest

from conftest import REPO

PACKAGE = REPO / "clusterpages"
TOP = {"cli", "pipeline", "scaffold", "nextplan"}
# What each part may never import (a later stage, or the commands that drive the stages).
FORBIDDEN = {
    "core": {"content", "site", "publish", "runtime", "serve", *TOP},
    "theme": {"content", "site", "publish", "runtime", "serve", *TOP},
    "content": {"site", "publish", "serve", *TOP},
    "site": {"publish", "serve", *TOP},
    "runtime": {"publish", "serve", *TOP},
    "search": {"publish", "serve", *TOP},
    "publish": {"serve", *TOP},
    "serve": {"cli", "scaffold"},
}
# The model names its value types; two of them live with the content that reads them.
ALLOWED = {("clusterpages.model", "clusterpages.content.academic"),
           ("clusterpages.model", "clusterpages.content.deadlines")}


def _modules() -> dict[str, tuple[ast.Module, str]]:
    """module name → (its syntax tree, the package its relative imports start from)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        package = ".".join(parts[:-1])
        out[name] = (ast.parse(path.read_text(encoding="utf-8"), str(path)), package)
    return out


def _imports(name: str, tree: ast.Module, package: str, known: set[str]) -> set[str]:
    """Modules of the package that `name` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for a in node.names:
                found.add(f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
    return {m for m in found if m in known and m != name}


def _part(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 2:
        return parts[1] if parts[1] in TOP else "core"
    return parts[1]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    trees = _modules()
    known = set(trees)
    return {name: _imports(name, tree, package, known) for name, (tree, package) in trees.items()}


def test_every_module_imports(graph):
    for name in sorted(graph):
        importlib.import_module(name)


def test_stages_import_only_earlier_stages(graph):
    wrong = [f"{m} → {d}" for m, deps in sorted(graph.items()) for d in sorted(deps)
             if _part(d) in FORBIDDEN.get(_part(m), set()) and (m, d) not in ALLOWED
             and not any(d.startswith(b + ".") or d == b for a, b in ALLOWED if a == m)]
    assert wrong == []


def test_no_import_loops(graph):
    """No module reaches itself through imports (lazy imports inside functions count too)."""
    index, low, stack, on, loops, counter = {}, {}, [], set(), [], [0]

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                loops.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert loops == []


def test_no_module_is_over_400_lines():
    long = {p.relative_to(REPO).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def _readme_package_block() -> str:
    """The package block of docs/development.md (moved there from the README)."""
    text = (REPO / "docs" / "development.md").read_text(encoding="utf-8")
    start = text.index("### The package")
    return text[text.index("```", start) + 3: text.index("```", text.index("```", start) + 3)]


def _readme_listing() -> dict[str, list[str]]:
    """folder → the names the README's package block lists in it (descriptions in parentheses left out)."""
    listing: dict[str, str] = {}
    folder = None
    for line in _readme_package_block().splitlines():
        m = re.match(r"^  (\w+)/\s+(.*)$", line)
        if m:
            folder = m.group(1)
            listing[folder] = m.group(2)
        elif folder and re.match(r"^\s{20,}\S", line):
            listing[folder] += " " + line.strip()
        else:
            folder = None
    return {f: [item.strip() for item in re.sub(r"\([^)]*\)", "", text).split(",") if item.strip()]
            for f, text in listing.items()}


def test_readme_and_architecture_name_every_folder_and_only_modules_that_exist():
    architecture = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    listing = _readme_listing()
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    assert [f for f in folders if f not in listing] == []
    assert [f for f in folders if f"`{f}/`" not in architecture] == []
    missing = [f"{folder}/{name}" for folder, names in listing.items() for name in names
               if re.fullmatch(r"[a-z_]+/?", name) and not (PACKAGE / folder / f"{name.rstrip('/')}.py").exists()
               and not (PACKAGE / folder / name.rstrip("/")).is_dir()]
    assert missing == []
