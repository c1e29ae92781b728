"""What college web admins take: per-cluster zips, CMS fragments, feeds, sitemap.

Runs after the pages are rendered, on the in-memory site (nothing is written here).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import jinja2

from . import diagnostics as dg
from .model import Site


def artifacts(site: Site, env: jinja2.Environment, pages: Mapping[str, bytes], copies: Mapping[str, Path],
              previous_manifest: Mapping | None) -> tuple[dict[str, bytes], list[dg.Diagnostic]]:
    """Files to add to the output (site path → bytes) and diagnostics."""
    return {}, []
