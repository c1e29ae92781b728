#!/usr/bin/env python3
"""clusterpages command line: python build.py [build|check|serve|new] --help"""

import sys

from clusterpages.cli import main

if __name__ == "__main__":
    sys.exit(main())
