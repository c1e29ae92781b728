#!/usr/bin/env python3
"""clusterpages command line: python build.py [build|check|serve|new] --help"""

import os
import sys

from clusterpages.cli import main

if __name__ == "__main__":
    code = main()
    # A build (the command when none is named) has written and closed everything by now: the
    # interpreter's own teardown (freeing a whole site object by object, ~30 ms of a build of
    # 1,000 pages) is skipped. The other commands end as usual (the preview's clean-up runs at exit).
    if sys.argv[1:2] in ([], ["build"]) or sys.argv[1].startswith("-") and sys.argv[1] not in ("-h", "--help"):
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
        os._exit(code if isinstance(code, int) else 0)
    sys.exit(code)
