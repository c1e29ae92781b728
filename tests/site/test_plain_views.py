"""Templates get views, never the model (issue #25): no page's template context, nor a CMS
piece's, holds an instance of a class defined in clusterpages/model.py, however deep."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
from collections.abc import Mapping

from clusterpages import model
from clusterpages.publish import embed
from clusterpages.site import pages
from conftest import prepare

MODEL_CLASSES = tuple(c for _, c in inspect.getmembers(model, inspect.isclass) if c.__module__ == model.__name__)


def model_objects(value, where: str, seen: set[int] | None = None) -> list[str]:
    """Where in `value` (through tuples, lists, sets, mappings and dataclass fields) a model object sits."""
    seen = set() if seen is None else seen
    if isinstance(value, MODEL_CLASSES):
        return [f"{where}: {type(value).__name__}"]
    if isinstance(value, (str, bytes, int, float, bool, dt.date, type(None))) or id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, Mapping):
        return [f for k, v in value.items() for f in model_objects(v, f"{where}[{k!r}]", seen)]
    if isinstance(value, (tuple, list, set, frozenset)):
        return [f for i, v in enumerate(value) for f in model_objects(v, f"{where}[{i}]", seen)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [f for fd in dataclasses.fields(value)
                for f in model_objects(getattr(value, fd.name), f"{where}.{fd.name}", seen)]
    return []


def test_the_walk_finds_a_model_object_however_deep():
    page = model.Page("it", "p", "f.md", "Стр.", None, "", (), b"")
    assert model_objects({"a": ({"b": [page]},)}, "ctx") == ["ctx['a'][0]['b'][0]: Page"]


def test_no_template_is_handed_a_model_object(example_site):
    site, diags = prepare(example_site, dt.date(2023, 2, 15))
    assert site is not None, diags
    specs = pages.specs(site)
    templates = {s.template for s in specs}
    assert {"plan.html", "report.html", "report_slides.html", "championship.html", "page.html", "cluster.html",
            "videos.html", "protocol.html", "index.html"} <= templates
    found = []
    for spec in specs:
        found += model_objects(spec.context(), f"{spec.path} ({spec.template})")
        piece = embed.fragment_spec(spec, "https://example.org", {})
        if piece is not None:
            found += model_objects(piece.context(), f"{spec.path} ({piece.template})")
    assert not found, "model objects reach templates:\n" + "\n".join(found[:40])
