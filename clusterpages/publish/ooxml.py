"""Office Open XML packages (.docx, .xlsx) made reproducible: the same parts give the same bytes."""

from __future__ import annotations

import io
import zipfile
from typing import Callable, Mapping

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(data: bytes, mend: Mapping[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same parts, in a fixed order ([Content_Types].xml first) with fixed timestamps;
    `mend`: a part's name → what to do to its bytes first (a timestamp the writer put in)."""
    mend = mend or {}
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    return package({name: mend[name](part) if name in mend else part for name, part in parts.items()})


def package(parts: Mapping[str, bytes]) -> bytes:
    """A package of these parts (name → bytes), as deterministic_zip writes one."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, parts[name])
    return out.getvalue()
