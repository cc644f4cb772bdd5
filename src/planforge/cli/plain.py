"""What every command shares that needs no typer: the message language, writing a line as
`typer.echo` writes it, a core error turned into messages and an exit code, and the process's
set-up (the collector, SIGTERM, a closed pipe), a document delivered and the spinner beside
long work. `planforge lint`, `render` and `import` run on this alone when their arguments are
plain (cli/lint_run.py, cli/render_run.py, cli/import_run.py): typer and its command tree cost a
fifth of a cold lint.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import importlib
import importlib.machinery
import os
import sys
import types
from collections.abc import Callable
from typing import Any

from planforge.i18n import current_language, translate
from planforge.limits import MAX_MESSAGES
from planforge.patterns import lazy

# pydantic looks for plugins by scanning every installed distribution's entry points, which
# costs more than building all our models; a command-line run never uses them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
_PLUGIN_LOADER = "pydantic.plugin._loader"


class _NoPluginLoader(types.ModuleType):
    """pydantic's plugin loader as it answers with every plugin disabled: `get_plugins()` is
    empty. The real module answers the same (pydantic 2.7 and later; 2.6 ignores the variable,
    and finds none here either, as the CLI means), but only after importing `importlib.metadata`
    (and with it email, zipfile and csv) at its top: 13 ms, a tenth of a cold `planforge lint`,
    spent to read nothing. Any other name pydantic asks of it loads the real module, so a
    pydantic that reorganises its loader still gets what it asks for."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__spec__ = importlib.machinery.ModuleSpec(name, None)

    @staticmethod
    def get_plugins() -> tuple[()]:
        return ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probing (__path__, __file__): not a loader's name
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), name)


def spare_plugin_search() -> None:
    """In planforge's own process (the console script), before any model is built: pydantic's
    plugin loader is the stand-in above when plugins are off in pydantic's words for all of them
    (the user may have named some) and pydantic has not loaded its loader yet. A program that
    imports planforge keeps pydantic as it is."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ("__all__", "1", "true") and _PLUGIN_LOADER not in sys.modules:
        sys.modules[_PLUGIN_LOADER] = _NoPluginLoader(_PLUGIN_LOADER)


EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
_state: dict[str, str | None] = {"lang": None}
_ANSI = lazy(r"\033\[[;?0-9]*[a-zA-Z]")  # what click removes from output that is no terminal


class Exit(Exception):
    """End the command with `code` (typer.Exit's part, where typer is not loaded)."""

    def __init__(self, code: int = EXIT_OK):
        super().__init__(code)
        self.code = code


def lang() -> str:
    return current_language(_state["lang"])


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except Exception:  # a closed or odd stream is no terminal, as click judges it
        return False


def echo(message: str = "", err: bool = False, nl: bool = True) -> None:
    """Write `message` as `typer.echo` does: a newline added, ANSI codes removed unless the stream
    is a terminal (always on Windows without colorama), flushed."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    out = message + "\n" if nl else message
    if not out:
        stream.flush()
        return
    if not _isatty(stream) or sys.platform == "win32":
        out = _ANSI.sub("", out)
    if _ascii_only(stream):  # a stream set to ASCII cannot say 汉字: click writes UTF-8 there, and so do we
        stream.flush()
        stream.buffer.write(out.encode("utf-8", "replace"))
        stream.buffer.flush()
        return
    stream.write(out)
    stream.flush()


def _ascii_only(stream) -> bool:
    """Whether `stream` is text set to ASCII (PYTHONIOENCODING=ascii) over a byte buffer."""
    import codecs

    try:
        return codecs.lookup(stream.encoding or "ascii").name == "ascii" and hasattr(stream, "buffer")
    except (AttributeError, LookupError):
        return False


def say(key: str, **args: object) -> None:
    echo(translate(key, lang(), **args), err=True)


def report(error) -> int:
    """Print a core error's problems (and a count when there are several); return its exit code."""
    problems = error.problems
    for problem in problems[:MAX_MESSAGES]:
        echo(problem.format(lang()), err=True)
    if len(problems) > MAX_MESSAGES:
        say("more_problems", count=len(problems) - MAX_MESSAGES)
    if len(problems) > 1:
        say("errors_found", count=sum(1 for p in problems if p.severity == "error"))
    return error.exit_code


def guarded(command: Callable, exit_with: Callable[[int], BaseException], passing: tuple[type[BaseException], ...] = ()):
    """`command` with core errors turned into located messages and an exit code, raised as
    `exit_with(code)`; never a traceback. `passing`: exceptions that are already an ending."""

    ending: tuple[type[BaseException], ...] = (Exit, KeyboardInterrupt, BrokenPipeError, *passing)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any):
        from planforge.errors import PlanforgeError

        try:
            return command(*args, **kwargs)
        except PlanforgeError as exc:
            raise exit_with(report(exc)) from None
        except ending:
            raise  # a closed pipe (`… | head`) is main()'s to end quietly
        except OSError as exc:  # a path the user gave that the system refuses (a 300-byte name…)
            from planforge.fileio import os_reason

            say("os_error", path=exc.filename or "?", reason=os_reason(exc).message(lang()))
            raise exit_with(EXIT_USAGE) from None
        except Exception as exc:  # a bug: say so plainly, exit 2, traceback only on request
            if os.environ.get("PLANFORGE_DEBUG"):
                raise
            say("internal_error", detail=f"{type(exc).__name__}: {exc}")
            raise exit_with(EXIT_USAGE) from None

    return wrapper


@contextlib.contextmanager
def busy(key: str, **args: object):
    """A spinner on a terminal while work that takes more than about a second runs (a 10,000-item
    DOCX, an import); nothing when stderr is piped, and nothing at all for quick runs."""
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield
        return
    import threading

    status = None
    lock = threading.Lock()
    stopped = False

    def start() -> None:
        nonlocal status
        from rich.console import Console

        with lock:
            if not stopped:
                status = Console(stderr=True).status(translate(f"busy_{key}", lang(), **args))
                status.start()

    timer = threading.Timer(1.0, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            stopped = True
            timer.cancel()
            if status is not None:
                status.stop()


def deliver(data: bytes, target, *, keep_existing: bool = False) -> None:
    """A rendered document to its file (atomically), or to standard output when `target` is None.
    `keep_existing`: a file already there is a person's (a summary draft being filled in), and is
    refused rather than replaced."""
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from planforge.fileio import write_atomic

    write_atomic(target, data, exclusive=keep_existing)
    say("wrote", path=target)


def print_warnings(warnings) -> None:
    for problem in warnings:
        echo(problem.format(lang()), err=True)


def run_plain(lang_value: str | None, command: Callable[[Any], int | None], args: Any) -> int:
    """Run a command whose arguments were read without typer (cli/plain_args.py) in the language
    given, and return its exit code: what typer's path does, minus typer."""
    _state["lang"] = lang_value
    try:
        code = guarded(command, Exit)(args)
    except Exit as done:
        return done.code
    return EXIT_OK if code is None else code


def date_option(value: str | None) -> dt.date:
    """A `--date` value, or today when none was given: a date as people write one (2027-03-01,
    2027-3-1, 2027/3/1, 2027年3月1日), read by model/periods, which owns every way of writing a
    date; a date that is shaped right but names no day (2027-02-30, 2027-13-01) is said so."""
    from planforge.errors import usage_error
    from planforge.model.periods import date_of_line, is_date_line

    if value is None:
        return dt.date.today()
    day = date_of_line(value.strip())
    if day is None:
        raise usage_error("bad_date_option_day" if is_date_line(value.strip()) else "bad_date_option", value=value)
    return day


def _terminate(signum, _frame) -> None:
    """SIGTERM unwinds like Ctrl+C, so a half-written temporary file is removed, never left."""
    raise SystemExit(128 + signum)


def start_process() -> None:
    import gc
    import signal

    # A 10,000-item plan makes hundreds of thousands of objects that live until the process ends;
    # the collector's default threshold rescans them all again and again (about 5 % of a run).
    gc.set_threshold(100_000, 50, 100)
    signal.signal(signal.SIGTERM, _terminate)


_process = {"ends_without_teardown": False}  # set by the console script (cli.console), nobody else


def ends_without_teardown() -> None:
    """Say that this process is the `planforge` command, which leaves by `os._exit`: what it made
    is never freed one object at a time, so a command may keep it (see `collector_paused`)."""
    _process["ends_without_teardown"] = True


@contextlib.contextmanager
def collector_paused():
    """For a command that reads one document and then ends, run as the `planforge` command: the
    cyclic collector paused while it reads, and the heap frozen after (`gc.freeze`), so no later
    collection looks at what the reading made.

    Reading a large DOCX makes a few hundred thousand objects the command keeps to its end, and
    drops python-docx's package, which refers to itself. A collection mid-run would rescan the
    first and free the second: for a 10,000-item document about a tenth of the import, most of
    it the C library's `free`. The console script leaves by `os._exit`, which hands the memory
    back at once. Called in any other process (tests, a program that imports planforge), it does
    nothing: the collector and the heap are that program's, not ours to pause or freeze."""
    if not _process["ends_without_teardown"]:
        yield
        return
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def end_quietly_on_broken_pipe() -> None:
    """`planforge render x -o - | head`: the reader left, which is not an error."""
    sys.stderr.close()
    sys.exit(0)
