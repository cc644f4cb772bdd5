"""Timing and peak memory of a child process, shared by the benchmark scripts.

Peak memory comes from GNU time (`/usr/bin/time -f %M`) when it is installed. The kernel's own
figure from wait4 is not used as the child's: Linux carries the parent's peak over into a child
started by fork or vfork and exec, so every child of a 70 MiB benchmark would "use" 70 MiB.
Without GNU time the wait4 figure is given, and it is an upper bound.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
import time

GNU_TIME = "/usr/bin/time" if shutil.which("/usr/bin/time") else None


def run_once(cmd: list[str], ok_codes: tuple[int, ...] = (0,), env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one run of `cmd`."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        full = [GNU_TIME, "-q", "-f", "%M", "-o", rss.name, *cmd] if GNU_TIME else cmd
        start = time.perf_counter()
        process = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in ok_codes:
            raise RuntimeError(f"{cmd[:4]} failed: {process.stderr.read().decode(errors='replace')[-500:]}")
        peak_kib = int(rss.read().split()[-1]) if GNU_TIME else usage.ru_maxrss  # Linux reports KiB
    return elapsed, peak_kib / 1024


def median_run(cmd: list[str], runs: int, ok_codes: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Median wall time and the largest peak memory over `runs` runs."""
    samples = [run_once(cmd, ok_codes) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)
