"""Both cores: the files of a run, or the plans of one large document, linted in forked processes.

A forked worker inherits every module and every object the parent holds, so it starts in a
millisecond and needs nothing sent to it but an index. What comes back is pickled findings; a
finding's fix (a closure) cannot travel and a parallel run never fixes, so it comes back as a mark
that it has one. Results are put back in the order a serial run makes them, so the output is the
same byte for byte.

Whatever goes wrong in a worker ends as it would in one process, never as a hang: a part that
raised, or whose result cannot travel, is made again here (a rule's crash then raises here, with
its own type and traceback); a worker that died (the out-of-memory killer, a signal) leaves the
rest to this process. Where processes cannot be forked, or should not be (Windows; macOS, where
a forked process may crash in the system's frameworks), or where the machine gives no semaphores
for the workers' queues, everything runs one by one, as it always did.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Below these a second process costs more than it saves (a fork and the results sent back):
# measured with benchmarks/run.py's 165-file lint and a pre-commit hook's handful of files. A
# document is split by its plans on the same size (so a run with a progress bar, 20 files or
# more, splits by files if at all, and no process is forked while the bar's thread draws).
PARALLEL_MIN_FILES = 8
PARALLEL_MIN_BYTES = 200_000
PARALLEL_MIN_PLANS = 4  # a collection of a few plans has little to share out


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


def plan_workers(plans: int, size: Callable[[], int], jobs: int | None) -> int:
    """How many processes infer and judge one document's `plans` (`size()`: its bytes of text,
    measured only when the plans are enough to share out)."""
    if jobs == 1 or plans < 2 or (jobs is None and (plans < PARALLEL_MIN_PLANS or size() < PARALLEL_MIN_BYTES)):
        return 1
    if not can_fork():
        return 1
    return min(jobs or cores(), plans)


def can_fork() -> bool:
    if sys.platform == "darwin":  # fork is offered there, and unsafe: Python stopped using it by default
        return False
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


def in_workers(work: Callable[[int], Any], count: int, workers: int) -> Iterator[Any]:
    """`work(i)` for i in range(count), in order, each run in one of `workers` forked processes.
    Only the index is sent: `work` and all it reads reach the workers by the fork itself (a
    closure could not be pickled). See the module's docstring for what happens when a worker
    fails; the results are the same either way."""
    import multiprocessing
    import pickle
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    chunk = max(1, count // (workers * 8))  # small enough to even out, large enough to batch
    try:
        executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_start_worker, initargs=(work,))
        sent = executor.map(_pickled, range(count), chunksize=chunk)
    except (OSError, ImportError, NotImplementedError):  # no semaphores here (no /dev/shm): one by one
        yield from map(work, range(count))
        return
    done, finished = 0, False
    try:
        for result in sent:
            if result:
                try:
                    value = pickle.loads(result)
                except Exception:  # did not come back whole: made here, as a serial run would
                    value = work(done)
            else:  # it raised, or its result could not travel: made here, where it raises for real
                value = work(done)
            done += 1
            yield value
        finished = True
    except BrokenProcessPool:  # a worker was killed: what is left is done here
        for index in range(done, count):
            yield work(index)
        finished = True
    finally:
        if finished:
            executor.shutdown()  # everything done: the workers end by themselves
        else:
            _stop(executor)  # a rule crashed here, Ctrl+C, or the reader left: stop them now


def _stop(executor) -> None:
    """End the workers at once: what was not started is cancelled, and the processes are
    terminated (Python 3.14's `terminate_workers`; before it, through the executor's own table of
    its processes), or they would finish their parts for nobody and wait on a queue for ever."""
    terminate = getattr(executor, "terminate_workers", None)
    if terminate is not None:
        terminate()
        return
    processes = list((getattr(executor, "_processes", None) or {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


def _pickled(index: int) -> bytes:
    """In a worker: the work for `index`, pickled; b"" when it raised or cannot be pickled (the
    parent then does it itself, so an error is raised where a serial run raises it, whole)."""
    import pickle

    assert _work is not None, "a worker's work is set when it starts"
    try:
        return pickle.dumps(_work(index))
    except Exception:
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
