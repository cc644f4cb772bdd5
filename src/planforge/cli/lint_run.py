"""`planforge lint` itself, without typer: the command's work (cli/lint.py declares its options
for typer and `--help`), and the plain reading of its arguments that lets a pre-commit hook's
`planforge lint FILE…` start without loading typer and the whole command tree.

Only arguments that need no judgement are read here (the options `lint` declares, in their long,
short and `--opt=value` forms, and paths); anything else (`--help`, a typo, a missing value,
completion) goes to typer, which says what is wrong in its own words.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import planforge.cli.plain as plain
from planforge.cli.plain import EXIT_OK, EXIT_USAGE, say

# The options of `lint` (cli/lint.py): the attribute each sets, by every spelling click accepts.
_VALUED = {"--format": "fmt", "-f": "fmt", "--select": "select", "--ignore": "ignore", "--fail-on": "fail_on",
           "--date": "date", "--jobs": "jobs", "-j": "jobs"}
_FLAGS = {"--fix": "fix", "--verbose": "verbose", "-v": "verbose", "--only-plans": "only_plans"}


@dataclass
class LintArgs:
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
    try:
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
    lang, rest = None, list(argv)
    while rest and rest[0].startswith("--lang"):
        head = rest.pop(0)
        if head == "--lang" and rest:
            lang = rest.pop(0)
        elif head.startswith("--lang="):
            lang = head.split("=", 1)[1]
        else:
            return None
    if (not rest or rest[0] != "lint" or (lang is not None and lang[:2].lower() not in ("zh", "en"))
            or any(name.startswith("_PLANFORGE_COMPLETE") for name in os.environ)):
        return None
    args = _read_lint_args(rest[1:])
    return None if args is None or not args.paths else (lang, args)


def _read_lint_args(tokens: list[str]) -> LintArgs | None:
    args, values = LintArgs(), dict[str, Any]()
    index, only_paths = 0, False
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token:
            return None  # an empty path: click's own words for it
        if only_paths or token == "-" or not token.startswith("-"):
            args.paths.append(Path(token))
        elif token == "--":
            only_paths = True
        elif token in _FLAGS:
            setattr(args, _FLAGS[token], True)
        else:
            read = _option_value(token, tokens[index] if index < len(tokens) else None)
            if read is None:
                return None
            name, value, took_next = read
            index += took_next
            values[name] = value  # the last one counts, as click takes it
    if "jobs" in values:
        if not values["jobs"].isdigit() or int(values["jobs"]) < 1:
            return None  # typer says what a job count must be
        values["jobs"] = int(values["jobs"])
    for name, value in values.items():
        setattr(args, name, value)
    return args


def _option_value(token: str, following: str | None) -> tuple[str, str, bool] | None:
    """(attribute, value, whether the value is the next token) of a valued option; None for one
    this reader leaves to typer."""
    if token.startswith("--") and "=" in token:
        option, value = token.split("=", 1)
        return (_VALUED[option], value, False) if option in _VALUED else None
    if token[:2] in ("-f", "-j") and len(token) > 2:  # -fjson, -j2
        return _VALUED[token[:2]], token[2:], False
    if token not in _VALUED or following is None or following.startswith("-"):
        return None
    return _VALUED[token], following, True


def plain_main(argv: list[str]) -> int | None:
    """Run `planforge lint` from plain arguments and return its exit code; None when typer must
    read `argv`."""
    read = read_plain_args(argv)
    if read is None:
        return None
    plain._state["lang"] = read[0]

    def exit_with(code: int) -> plain.Exit:
        return plain.Exit(code)

    try:
        return plain.guarded(run_lint, exit_with)(read[1])
    except plain.Exit as done:
        return done.code
