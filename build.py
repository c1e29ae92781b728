#!/usr/bin/env python3
"""clusterpages command line: python build.py [build|check|serve|new] --help"""

import os
import sys

from clusterpages.cli import main

if __name__ == "__main__":
    code = main()
    # Everything the command wrote is written and closed by now: the interpreter's own teardown
    # (freeing a whole site object by object, ~30 ms of a build of 1,000 pages) is skipped.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0)
