"""Where the theme is: the site's own `themes/brandbook/`, else the one shipped with clusterpages."""

from __future__ import annotations

from pathlib import Path

BUNDLED_THEME = Path(__file__).resolve().parents[3] / "themes" / "brandbook"


def theme_dir(site_root: Path) -> Path:
    own = site_root / "themes" / "brandbook"
    return own if own.is_dir() else BUNDLED_THEME
