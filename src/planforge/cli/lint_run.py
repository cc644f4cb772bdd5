"""`planforge lint` itself, without typer: the command's work (cli/lint.py declares its options
for typer and `--help`), and the plain reading of its arguments (cli/plain_args.py) that lets a
pre-commit hook's `planforge lint FILE…` start without loading typer and the whole command tree.
"""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass, field
from pathlib import Path

import planforge.cli.plain as plain
from planforge.cli.plain import EXIT_OK, EXIT_USAGE, say
from planforge.cli.plain_args import PlainOptions, read_plain

# The options of `lint` (cli/lint.py): the attribute each sets, by every spelling click accepts.
_OPTIONS = PlainOptions(
    valued={"--format": "fmt", "-f": "fmt", "--select": "select", "--ignore": "ignore", "--fail-on": "fail_on",
            "--date": "date", "--jobs": "jobs", "-j": "jobs"},
    flags={"--fix": "fix", "--verbose": "verbose", "-v": "verbose", "--only-plans": "only_plans"},
)


@dataclass
class LintArgs:
    """What a plain `planforge lint` was asked: the paths, the output format and the options."""

    paths: list[Path] = field(default_factory=list)
    fmt: str = "text"
    select: str | None = None
    ignore: str | None = None
    fail_on: str | None = None
    fix: bool = False
    verbose: bool = False
    only_plans: bool = False
    date: str | None = None
    jobs: int | None = None


def run_lint(args: LintArgs) -> int:
    """Lint, print the findings, and return the exit code."""
    from planforge.errors import usage_error
    from planforge.lint import config as settings
    from planforge.lint.engine import InternalRuleError, exit_code, lint_files
    from planforge.lint.output import REPORTER_BY_NAME, format_text

    if args.fmt not in REPORTER_BY_NAME:
        raise usage_error("unknown_format", value=args.fmt, choices=", ".join(REPORTER_BY_NAME))
    config, fail_on = settings.resolve(args.select, args.ignore, args.fail_on, Path.cwd())
    if args.date is not None:
        config.today = plain.date_option(args.date)
    files, named_skip = _files_to_lint(args.paths, config, args.verbose, args.only_plans)
    progress = _progress(len(files))
    # One document is read and judged, then the process ends, as `import` reads one: the collector
    # may pause (plain.collector_paused). Not for several: each DOCX's package would be kept.
    one_document = plain.collector_paused() if len(files) == 1 else contextlib.nullcontext()
    try:
        with one_document:
            run = lint_files(files, config, args.fix, on_file_done=progress, jobs=args.jobs)
    except InternalRuleError as exc:
        say("rule_crashed", code=exc.code, file=exc.file, detail=f"{type(exc.error).__name__}: {exc.error}")
        return EXIT_USAGE
    finally:
        progress(done=True)
    for file, count in run.fixed:
        say("fixed", count=count, path=file)
    results, fix_failures = run.results, run.fix_failures
    if args.fmt == "text":
        plain.echo(format_text(results, plain.lang(), show_source=sys.stdout.isatty()), nl=False)
    else:
        plain.echo(REPORTER_BY_NAME[args.fmt](results, plain.lang()), nl=False)
    for file, problem in fix_failures:  # after the findings: the user still sees what is wrong
        why = problem.args.get("reason")
        say("fix_failed", path=file, reason=why.message(plain.lang()) if why is not None else problem.message(plain.lang()))
    return EXIT_USAGE if fix_failures or named_skip else exit_code(results, fail_on)


def _files_to_lint(paths: list[Path], config, verbose: bool, only_plans: bool) -> tuple[list[Path], bool]:
    """The files to lint, having said which were skipped; and whether a file named on the command
    line was. Such a skip fails the run: in CI, a spec that lost its `planforge:` line must not pass
    as "nothing to check". Pre-commit (--only-plans) names every staged file, so there it is no fault."""
    from planforge.errors import usage_error
    from planforge.lint.engine import collect_files

    for path in paths:
        if not path.exists():
            raise usage_error("file_not_found", path=str(path))
    selection = collect_files(paths, config.include, config.root, only_plans)
    explicit = {p for p in paths if not p.is_dir()}
    for skipped, reason in selection.skipped:
        if verbose or (skipped in explicit and not only_plans):
            say(reason, path=skipped)
    named_skip = selection.explicit_skips > 0 and not only_plans
    if not selection.files and selection.explicit_skips == len(paths):
        raise plain.Exit(EXIT_USAGE if named_skip else EXIT_OK)
    if not selection.files:
        raise usage_error("no_files")
    return selection.files, named_skip


def _progress(total: int):
    """A progress bar on a terminal for long runs; nothing otherwise. The bar (and its drawing
    thread) starts at the first file done: lint's worker processes are forked before it."""
    if total < 20 or not sys.stderr.isatty():
        return lambda done=False: None
    bar = None

    def advance(done: bool = False) -> None:
        nonlocal bar
        if bar is None and not done:
            from rich.progress import Progress

            bar = Progress(transient=True)
            bar.add_task("planforge lint", total=total)
            bar.start()
        if bar is None:
            return
        if done:
            bar.stop()
        else:
            bar.advance(bar.task_ids[0])

    return advance


def read_plain_args(argv: list[str]) -> tuple[str | None, LintArgs] | None:
    """(the `--lang` value, the lint arguments) when `argv` is a plain `[--lang L] lint …`; None
    when typer should read it (help, completion, an unknown option, a missing or odd value)."""
    read = read_plain(argv, "lint", _OPTIONS)
    if read is None or not read.paths:
        return None
    args = LintArgs(paths=[Path(p) for p in read.paths])
    for name in read.flags:
        setattr(args, name, True)
    for name, value in read.values.items():
        setattr(args, name, value)
    if "jobs" in read.values:
        if not read.values["jobs"].isdecimal() or not read.values["jobs"].isascii() or int(read.values["jobs"]) < 1:
            return None  # typer says what a job count must be
        args.jobs = int(read.values["jobs"])
    return read.lang, args


def plain_main(argv: list[str]) -> int | None:
    """Run `planforge lint` from plain arguments and return its exit code; None when typer must
    read `argv`."""
    read = read_plain_args(argv)
    return None if read is None else plain.run_plain(read[0], run_lint, read[1])
