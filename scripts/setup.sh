#!/usr/bin/env bash
# Create the virtual environment (if missing) and install the pinned runtime
# dependencies of clusterpages. Safe to run again: pip skips what is installed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"

if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv .venv
fi

# Only call pip when requirements.txt changed since the last successful install.
stamp=.venv/.requirements.sha256
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: installing requirements.txt"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > "$stamp"
fi

# Compile the package's bytecode now, as installing a package would: Python only reuses it, and
# an environment with PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every
# run (~0.1 s of each build). Up-to-date files are skipped.
.venv/bin/python -m compileall -q clusterpages >/dev/null

# The bundled theme's templates compiled too, for the code as it is now (clusterpages/site/compiled.py):
# a cold build takes them from there instead of compiling them (~0.17 s of processor time).
.venv/bin/python -m clusterpages.commands.precompile
