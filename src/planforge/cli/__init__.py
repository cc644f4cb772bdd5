"""The `planforge` command: a thin layer of typer commands over the core.

Each command parses options, calls one core function and prints what it returns; one module per
command or small group (render, spec, reuse, lint, show), the shared options and error handling in
app.py, click's English replaced in usage.py, rich painting in paint.py. Heavy modules (pydantic,
jinja2, python-docx) are imported inside the commands, so `--version` and `--help` start fast.
The commands are registered here (`_registered`), in the order `--help` lists them; a plain
`lint` runs before typer is imported.
"""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["app", "console", "main"]


# The commands `_registered` adds (a test compares): each keeps the patterns its libraries compile
# in a table of its own (patterns.warm_library_patterns); anything else shares one.
COMMANDS = ("render", "new", "schema", "import", "rollover", "diff", "lint", "show", "progress", "status", "report",
            "rules", "lsp")


def _registered() -> Any:
    """The typer application with every command registered (once), in `--help`'s order."""
    from planforge.cli import lint, lsp, progress, render, reuse, show, spec
    from planforge.cli.app import app

    if not app.registered_commands:
        app.command()(render.render)
        app.command()(spec.new)
        app.command()(spec.schema)
        app.command("import")(reuse.import_)
        app.command()(reuse.rollover)
        app.command()(reuse.diff)
        app.command()(lint.lint)
        app.command()(show.show)
        app.add_typer(progress.progress_app, name="progress")
        app.command()(progress.status)
        app.command()(progress.report)
        app.command()(lint.rules)
        app.command()(lsp.lsp)
    return app


def main(argv: list[str] | None = None) -> None:
    """Run one command and end with SystemExit (the console script is `console`, which calls
    this). A plain `planforge lint …`, `render …` or `import …` runs without typer
    (cli/lint_run.py, cli/render_run.py, cli/import_run.py); everything else, and any
    arguments that need typer's judgement, through the app."""
    from planforge.cli import plain

    argv = sys.argv[1:] if argv is None else argv
    plain.start_process()
    try:
        code = _plain_main(argv)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        plain.end_quietly_on_broken_pipe()
    if code is not None:
        sys.exit(code)
    _registered()
    from planforge.cli.app import main as typer_main

    typer_main(argv)


def console() -> None:
    """The `planforge` console script and `python -m planforge`: `main`, then the process ends
    without tearing the interpreter down. A command has written and closed everything by then;
    what Python's exit would still do is free every object one by one (a linted megabyte holds
    hundreds of thousands), 20 ms of a 650 ms run, with nobody waiting for the result. mypy
    leaves the same way. A process a profiler, tracer or coverage watches ends normally; an
    error that escapes `main` (a bug) still gets Python's traceback. The libraries' patterns and
    the code the standard library writes as it starts come from kept code, and what was missing
    is kept for the next run (patterns.py, startup_code.py)."""
    import contextlib

    from planforge import patterns, startup_code

    command = next((word for word in sys.argv[1:] if word in COMMANDS), "other")
    with contextlib.suppress(Exception):  # only time is at stake: a Python without what it reads compiles as ever
        startup_code.warm_startup_code(command)  # first: every import after it writes dataclasses
    from planforge.cli import plain

    plain.ends_without_teardown()
    plain.spare_plugin_search()
    patterns.warm_library_patterns(command)
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    else:
        code = 0
    if code is not None and not isinstance(code, int):
        _quietly(lambda: print(code, file=sys.stderr))  # what Python prints for SystemExit("message")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        _quietly(stream.flush)
    import os

    if _watched():
        _keep()
        sys.exit(code)  # the watcher writes its results on the interpreter's way out
    for descriptor in (1, 2):  # the output has ended: a pipe's reader sees it end now, not after the keeping
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _keep()
    os._exit(code or 0)


def _keep() -> None:
    """What this run compiled that the kept tables lack, kept for the next run. The command is
    done: a fault here only costs the next run time, never this one's exit code."""
    import contextlib

    from planforge import patterns, startup_code

    with contextlib.suppress(Exception):
        patterns.keep_library_patterns()
    with contextlib.suppress(Exception):
        startup_code.keep_startup_code()


def _watched() -> bool:
    """Whether a tool watches this process (a profiler such as `python -m cProfile`, a debugger or
    tracer, coverage): each writes what it found as the interpreter ends, which os._exit skips.
    From Python 3.12 cProfile and debuggers may watch through `sys.monitoring` instead, each
    registered under a tool id (0-5)."""
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is not None and any(monitoring.get_tool(tool) is not None for tool in range(6)):
        return True
    return sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules


def _quietly(write) -> None:
    import contextlib

    with contextlib.suppress(OSError, ValueError):  # the reader left (a broken pipe), or the stream was closed
        write()


def _plain_main(argv: list[str]) -> int | None:
    """The exit code of a plain `lint`, `render` or `import` run without typer; None for typer to read
    `argv`. Each reader is imported only when its command is named (`--help` loads none of them)."""
    code = None
    if "lint" in argv:
        from planforge.cli import lint_run

        code = lint_run.plain_main(argv)
    if code is None and "render" in argv:
        from planforge.cli import render_run

        code = render_run.plain_main(argv)
    if code is None and "import" in argv:
        from planforge.cli import import_run

        code = import_run.plain_main(argv)
    return code


def __getattr__(name: str) -> Any:
    if name == "app":
        return _registered()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
