"""Both cores: the files of a run, or the plans of one large document, linted in forked processes.

A forked worker inherits every module and every object the parent holds, so it starts in a
millisecond and needs nothing sent to it but an index. What comes back is pickled findings; a
finding's fix (a closure) cannot travel and a parallel run never fixes, so it comes back as a mark
that it has one. Results are put back in the order a serial run makes them, so the output is the
same byte for byte. Where processes cannot be forked (Windows, macOS' default) everything runs
one by one, as it always did.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from planforge.lint.rule import InternalRuleError

# Below these a second process costs more than it saves (a fork and the results sent back):
# measured with benchmarks/run.py's 165-file lint and a pre-commit hook's handful of files.
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 200_000
# One document is split by its plans when it holds this many and this much text: a single plan
# has nothing to split, and below 200 KB the rules take less than the workers cost.
PARALLEL_MIN_PLANS = 4


def parallel_workers(files: list[Path], jobs: int | None) -> int:
    """How many processes lint `files`: `jobs` when given, else the machine's cores when the files
    are many and large enough; 1 where processes cannot be forked."""
    if jobs == 1 or len(files) < 2 or (jobs is None and len(files) < PARALLEL_MIN_FILES):
        return 1
    if not can_fork():
        return 1
    if jobs is not None:
        return min(jobs, len(files))
    size = 0
    for file in files:
        try:
            size += file.stat().st_size
        except OSError:
            continue  # reading it will say why
        if size >= PARALLEL_MIN_BYTES:
            return min(cores(), len(files))
    return 1


def plan_workers(plans: int, characters: int, jobs: int | None) -> int:
    """How many processes run the rules over one document's `plans` (`characters` of text)."""
    if jobs == 1 or plans < 2 or (jobs is None and (plans < PARALLEL_MIN_PLANS or characters < PARALLEL_MIN_BYTES // 3)):
        return 1  # a character of Chinese is three bytes of UTF-8: the files' bound, in characters
    if not can_fork():
        return 1
    return min(jobs or cores(), plans)


def can_fork() -> bool:
    import multiprocessing  # here, not at the top: a run of one small file never pays for it

    return "fork" in multiprocessing.get_all_start_methods()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class _FixableElsewhere:
    """Stands for a finding's fix in a result sent back from a worker: the fix itself (a closure)
    cannot cross processes, and a parallel run never fixes; what is kept is that it has one."""

    def __call__(self, line: str) -> str:
        raise RuntimeError("a fix made in a lint worker is applied there or nowhere")


_FIXABLE = _FixableElsewhere()


def portable(findings: list) -> list:
    """The findings as they can travel: each fix replaced by the mark that there is one."""
    return [dataclasses.replace(f, fix=_FIXABLE) if f.fix is not None else f for f in findings]


def _crash(error: BaseException) -> tuple[str, str, str] | None:
    """A rule's crash as (code, file, description), for the parent to raise as its own."""
    if isinstance(error, InternalRuleError):
        return error.code, error.file, f"{type(error.error).__name__}\0{error.error}"
    return None


def _raise_crash(crash: tuple[str, str, str]) -> NoReturn:
    code, name, described = crash
    kind, message = described.split("\0", 1)
    raise InternalRuleError(code, name, type(kind, (Exception,), {})(message))


def in_workers(work: Callable[[int], Any], count: int, workers: int) -> Iterator[Any]:
    """`work(i)` for i in range(count), in order, each run in one of `workers` forked processes.
    Only the index is sent: `work` and all it reads reach the workers by the fork itself (a
    closure could not be pickled). A result that does not come back whole is made again here."""
    import multiprocessing
    import pickle

    context = multiprocessing.get_context("fork")
    chunk = max(1, count // (workers * 8))  # small enough to even out, large enough to batch
    pool = context.Pool(workers, initializer=_start_worker, initargs=(work,))
    finished = False
    try:
        for index, sent in enumerate(pool.imap(_pickled, range(count), chunksize=chunk)):
            if isinstance(sent, tuple):
                _raise_crash(sent)
            try:
                yield pickle.loads(sent)
            except Exception:  # did not come back whole: made here instead, as a serial run would
                yield work(index)
        finished = True
    finally:
        if finished:
            pool.close()  # everything done: the workers end by themselves
        else:
            pool.terminate()  # a rule crashed, Ctrl+C, or the reader left: stop them now
        pool.join()


def _pickled(index: int) -> bytes | tuple[str, str, str]:
    """In a worker: the work for `index`, pickled; a rule's crash as (code, file, description)."""
    import pickle

    assert _work is not None, "a worker's work is set when it starts"
    try:
        result = _work(index)
    except Exception as error:
        crash = _crash(error)
        if crash is None:
            raise
        return crash
    try:
        return pickle.dumps(result)
    except Exception:  # a finding's value that cannot travel: the parent makes this one itself
        return b""


_work: Callable[[int], Any] | None = None  # in a worker: what it was forked to do


def _start_worker(work: Callable[[int], Any]) -> None:
    """A worker keeps the work it was forked with (passed by the fork, never pickled). It ends
    when its pool says so: the command's SIGTERM handler (unwind and exit) is the parent's, and
    Ctrl+C is the parent's to handle for the whole run."""
    import signal

    global _work
    _work = work
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
