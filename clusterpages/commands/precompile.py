"""`python -m clusterpages.commands.precompile`: the bundled theme's templates compiled for the code
as it is now, where builds find them (site/compiled.py); scripts/setup.sh runs it, as it compiles
the package's bytecode. Folders compiled for other versions of the code are removed."""

from __future__ import annotations

import shutil

from clusterpages.content.read.location import BUNDLED_THEME
from clusterpages.runtime.cache import code_fingerprint
from clusterpages.site import compiled, render


def main() -> int:
    target = compiled.shipped(code_fingerprint())
    if compiled.SHIPPED.is_dir():
        for old in compiled.SHIPPED.iterdir():
            if old != target:
                shutil.rmtree(old, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    render.warm(BUNDLED_THEME / "templates", compiled.Store(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
