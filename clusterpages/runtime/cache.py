"""A persistent build cache: parsed documents and rendered pages, keyed by what they depend on.

The cache lives in a folder beside the output (`.clusterpages-cache/`), is safe to delete at
any time, and is keyed by the bytes of clusterpages' own code and the versions of the
libraries it renders with, so an upgrade never serves stale results.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

_LIBRARIES = ("Jinja2", "Markdown", "PyYAML", "nh3", "Babel", "iuliia", "icalendar", "css-inline", "MarkupSafe")


def code_fingerprint() -> str:
    """Hash of the package's source and of the versions of the libraries it uses."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode())
        h.update(path.read_bytes())
    for name in _LIBRARIES:
        try:
            h.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none".encode())
    return h.hexdigest()


def key(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


@dataclass(frozen=True)
class Cache:
    """A folder of pickled values named by their key. `None` folder = no cache."""

    folder: Path | None

    def get(self, kind: str, k: str):
        if self.folder is None:
            return None
        path = self.folder / kind / k[:2] / k
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is a miss, never an error
            return None

    def memo(self, kind: str, parts: tuple, compute):
        """compute() once per distinct `parts` (bytes/str), remembered across builds."""
        if self.folder is None:
            return compute()
        k = key(*parts)
        value = self.get(kind, k)
        if value is None:
            value = compute()
            self.put(kind, k, value)
        return value

    def put(self, kind: str, k: str, value) -> None:
        if self.folder is None:
            return
        path = self.folder / kind / k[:2] / k
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
