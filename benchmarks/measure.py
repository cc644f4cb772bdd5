"""Timing and peak memory of a child process, shared by the benchmark scripts."""

from __future__ import annotations

import os
import statistics
import subprocess
import time


def run_once(cmd: list[str], ok_codes: tuple[int, ...] = (0,), env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one run of `cmd`, measured with wait4."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in ok_codes:
        raise RuntimeError(f"{cmd[:4]} failed: {process.stderr.read().decode(errors='replace')[-500:]}")
    return elapsed, usage.ru_maxrss / 1024  # Linux reports KiB


def median_run(cmd: list[str], runs: int, ok_codes: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Median wall time and the largest peak memory over `runs` runs."""
    samples = [run_once(cmd, ok_codes) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)
