"""`render --watch`: poll the spec and the template folder and yield on every change.

Polling (twice a second) needs no extra package and works on network drives, where file-system
events often do not arrive; a plan folder is small, so a scan costs nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path


def _snapshot(paths: list[Path]) -> dict[str, tuple[int, int] | None]:
    state: dict[str, tuple[int, int] | None] = {}
    for path in paths:
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for file in files:
            try:
                stat = file.stat()
                state[str(file)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                state[str(file)] = None
    return state


def watch_paths(paths: list[Path], interval: float = 0.5, limit: int | None = None) -> Iterator[int]:
    """Yield once at once, then after every change; stop after `limit` yields (tests) or Ctrl+C."""
    count = 0
    previous = _snapshot(paths)
    yield count
    count += 1
    try:
        while limit is None or count < limit:
            time.sleep(interval)
            current = _snapshot(paths)
            if current != previous:
                previous = current
                yield count
                count += 1
    except KeyboardInterrupt:
        return
