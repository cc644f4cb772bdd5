"""Run untrusted work (an organisation's own template) in a child process with hard limits.

Jinja2's sandbox stops a template from reaching Python internals, but not from looping for an
hour (`{% for i in range(99999) %}{% for j in range(99999) %}…`) or building ten gigabytes with
`([x] * 5000) | join`: both stay inside the rules. Checking every filter and loop by hand would
be a race we lose, so on POSIX the render happens in a forked child with an address-space cap and
a wall-clock deadline; the parent keeps the user's data and simply reports the limit that was hit.
Where fork is unavailable (Windows) the work runs in-process under the sandbox alone.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from planforge import limits


def template_seconds() -> float:
    """The deadline for a user's template: `limits.TEMPLATE_SECONDS`, or a shorter one an
    administrator (or the test suite) sets in PLANFORGE_TEMPLATE_SECONDS; never a longer one."""
    try:
        asked = float(os.environ.get("PLANFORGE_TEMPLATE_SECONDS", ""))
    except ValueError:
        return limits.TEMPLATE_SECONDS
    return min(asked, limits.TEMPLATE_SECONDS) if asked > 0 else limits.TEMPLATE_SECONDS



class LimitExceeded(Exception):
    """The confined work ran out of time (`what == "time"`) or memory (`what == "memory"`)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


def _fork_context():
    import multiprocessing  # here: only a user's own template is confined

    if sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _mapped_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _child(conn, work: Callable[[], Any]) -> None:
    import resource

    mapped = _mapped_bytes()
    if mapped is not None:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)  # a user's own `ulimit -v` still rules
        extra = limits.TEMPLATE_EXTRA_MEMORY
        cap = mapped + extra if hard == resource.RLIM_INFINITY else min(mapped + extra, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        conn.send(("ok", work()))
    except MemoryError:
        conn.send(("limit", "memory"))
    except BaseException as exc:  # handed back whole: the parent decides what it means
        try:
            conn.send(("raised", exc))
        except Exception:  # an exception that cannot be pickled still reaches the parent, as text
            conn.send(("raised", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def run_confined(work: Callable[[], Any], seconds: float | None = None) -> Any:
    """`work()`'s result or exception, as if called here; LimitExceeded past the time or memory cap."""
    seconds = template_seconds() if seconds is None else seconds
    context = _fork_context()
    if context is None:
        return work()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, work), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise LimitExceeded("time")
        try:
            status, payload = receiver.recv()
        except EOFError:  # killed without a word: the kernel's answer to an allocation too far
            raise LimitExceeded("memory") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if status == "limit":
        raise LimitExceeded(payload)
    if status == "raised":
        raise payload
    return payload

