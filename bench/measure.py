#!/usr/bin/env python3
"""Run one command, report its wall time and peak memory as JSON (used by run.py).

    python bench/measure.py --timeout 300 --cwd DIR --log FILE [--env K=V ...] -- COMMAND ARGS...

This wrapper is started fresh for every build, so its `getrusage(RUSAGE_CHILDREN)` starts
from zero and reflects only the measured build and its descendants:

- `ru_maxrss` of RUSAGE_CHILDREN is the largest max RSS of any single process of the tree
  that was waited for (the build itself, worker processes its pool joined);
- the memory of the whole tree (the build and all its live descendants) is sampled from /proc
  as the sum of their PSS (proportional set size: pages forked workers share with their parent
  count once, where a sum of RSS would count them in every worker), which catches worker
  processes that run at the same time. A sample reads each process's smaps_rollup, which walks
  its page tables: ~20 ms of CPU for a 10,000-page clusterpages build's three processes (~5 ms
  at 1,000 pages). Taken every 50 ms, that was a quarter of a core taken from a build that uses
  both cores of a 2-core machine — while a single-process build leaves the sampler a core of
  its own —, and made the parallel builds ~3.5 % slower at 1,000 pages. So the next sample
  waits at least 50 ms and PSS_DUTY times as long as the last one took (every ~1 s at 10,000
  pages, every ~0.25 s at 1,000: about 2 % of one core).

Peak memory is the larger of the two. Wall time is measured around start and wait of the
command only (not the start of this wrapper). On timeout the command's whole process
group is killed and `timed_out` is true. Output of the command goes to --log.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_EVERY = 0.05   # seconds between looks at the command (has it ended?)
PSS_DUTY = 50         # a PSS sample of the tree waits this many times as long as the last one took


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    out.extend(int(x) for x in fh.read().split())
            except OSError:
                pass
    except OSError:
        pass
    return out


def _pss(pid: int) -> int:
    """Proportional set size: a page shared by n processes counts 1/n in each (so pages a forked
    worker shares with its parent are not counted twice); RSS where smaps_rollup is missing."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_pss(root: int) -> int:
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _pss(pid)
        todo.extend(_children(pid))
    return total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--timeout", type=float, default=0, help="seconds; 0 = none")
    ap.add_argument("--cwd", type=Path, default=None)
    ap.add_argument("--log", type=Path, required=True)
    ap.add_argument("--env", action="append", default=[], help="K=V added to the environment")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command and a.command[0] == "--" else a.command
    env = dict(os.environ)
    for item in a.env:
        k, _, v = item.partition("=")
        env[k] = v
    a.log.parent.mkdir(parents=True, exist_ok=True)
    timed_out = False
    peak_tree = 0
    with open(a.log, "wb") as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=a.cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        deadline = started + a.timeout if a.timeout else None
        next_sample = started
        while True:
            try:
                rc = proc.wait(timeout=SAMPLE_EVERY)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.perf_counter()
            if now >= next_sample:
                peak_tree = max(peak_tree, tree_pss(proc.pid))
                next_sample = now + max(SAMPLE_EVERY, PSS_DUTY * (time.perf_counter() - now))
            if deadline is not None and time.perf_counter() > deadline:
                timed_out = True
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                rc = proc.wait()
                break
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    maxrss = usage.ru_maxrss * 1024 if sys.platform != "darwin" else usage.ru_maxrss
    print(json.dumps({"seconds": seconds, "returncode": rc, "timed_out": timed_out,
                      "maxrss_bytes": maxrss, "tree_pss_bytes": peak_tree,
                      "peak_bytes": max(maxrss, peak_tree),
                      "user_s": usage.ru_utime, "sys_s": usage.ru_stime}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
