"""The package is one ordered list of layers, and no import points up it.

values (academic years, deadlines, statuses, colours, kinds, text, addresses: pure) → model →
content (read → documents → facts) → site → search → publish → runtime (caches and workers,
wrapping the stages from outside) → pipeline (the build) → serve → commands → cli. A module
imports only its own layer or earlier ones; inside content, `read` never imports `documents`
or `facts`, and `documents` never imports `facts`. No module imports itself back.
"""

from __future__ import annotations

import ast
import importlib
import re

import pytest

from conftest import REPO

PACKAGE = REPO / "clusterpages"
LAYERS = ("values", "model", "content", "site", "search", "publish", "runtime", "pipeline", "serve",
          "commands", "cli")
CONTENT = ("read", "documents", "facts")


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


def _rank(module: str) -> tuple[int, int]:
    """Where a module stands: its layer, and inside content its step."""
    parts = module.split(".")
    if len(parts) == 1:
        return (0, 0)
    step = CONTENT.index(parts[2]) if parts[1] == "content" and len(parts) > 2 else 0
    return (LAYERS.index(parts[1]), step)


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    trees = _modules()
    known = set(trees)
    return {name: _imports(name, tree, package, known) for name, (tree, package) in trees.items()}


def test_every_module_imports(graph):
    for name in sorted(graph):
        importlib.import_module(name)


def test_every_module_is_in_a_layer():
    strays = [m for m in _modules() if len(m.split(".")) > 1 and m.split(".")[1] not in LAYERS]
    assert strays == []
    loose = [m for m in _modules() if m.startswith("clusterpages.content.") and m.split(".")[2] not in CONTENT]
    assert loose == []


def test_no_import_points_up(graph):
    wrong = [f"{m} → {d}" for m, deps in sorted(graph.items()) for d in sorted(deps) if _rank(d) > _rank(m)]
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


def _long_functions(limit: int = 60) -> dict[str, int]:
    """module:function → its length in lines (its docstring left out), for every function longer than `limit`."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                doc = node.body[0] if node.body and isinstance(node.body[0], ast.Expr) \
                    and isinstance(getattr(node.body[0], "value", None), ast.Constant) else None
                if doc is not None and isinstance(doc.value.value, str):
                    length -= doc.end_lineno - doc.lineno + 1
                if length > limit:
                    found[f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"] = length
    return found


def test_no_function_is_over_60_lines():
    assert _long_functions() == {}
