"""`planforge render` itself, without typer: the command's work (cli/render.py declares its
options for typer and `--help`), and the plain reading of its arguments, so that the render a
user runs after each edit does not first load typer and every other command (cli/plain_args.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import planforge.cli.plain as plain
from planforge.cli.plain_args import PlainOptions, read_plain

# The options of `render` (cli/render.py) read here; --watch, which runs until Ctrl+C, and
# anything else go through typer.
_OPTIONS = PlainOptions(
    valued={"--to": "to", "-t": "to", "--output": "output", "-o": "output",
            "--template-dir": "template_dir", "--reference-docx": "reference_docx"},
    flags={"--strict": "strict", "--force": "force"},
)


@dataclass(eq=False, repr=False)
class RenderArgs:
    """What `planforge render` was asked: the spec, the format and file to write, and the options."""

    plan: Path
    to: str | None = None
    output: str | None = None
    template_dir: Path | None = None
    reference_docx: Path | None = None
    watch: bool = False
    strict: bool = False
    force: bool = False


def run_render(args: RenderArgs) -> None:
    """Render the spec once, or on every change with `watch`; a core error is raised for the
    caller to report."""
    from planforge.cli.options import check_template_dir
    from planforge.errors import usage_error
    from planforge.render.formats import RenderOptions, plan_output, render_document
    from planforge.spec.load import load_plan

    plan, template_dir, reference_docx = args.plan, args.template_dir, args.reference_docx
    if not plan.is_file():  # before --watch: watching a file that is not there waits for ever
        raise usage_error("file_not_found" if not plan.exists() else "not_a_file", path=str(plan))
    check_template_dir(template_dir)
    if reference_docx is not None and not reference_docx.is_file():
        raise usage_error("file_not_found", path=str(reference_docx))
    fmt, target = plan_output(plan, args.to, args.output, [reference_docx] if reference_docx else [], args.force)

    def render_once() -> None:
        with plain.busy("rendering", format=fmt):
            loaded = load_plan(plan)
            plain.print_warnings(loaded.warnings)
            _check_before_render(loaded, plan, args.strict)
            spec = loaded.plan
            del loaded  # where every value was written: a tenth of a big render's peak memory, not needed to render
            data = render_document(spec, fmt, RenderOptions(template_dir, reference_docx))
        plain.deliver(data, target)

    if not args.watch:
        render_once()
        return
    from planforge.errors import PlanforgeError
    from planforge.watch import watch_paths

    for _change in watch_paths([plan] + ([template_dir] if template_dir else [])):
        try:
            render_once()
        except PlanforgeError as exc:  # keep watching: the user is in the middle of an edit
            for problem in exc.problems:
                plain.echo(problem.format(plain.lang()), err=True)


def _check_before_render(loaded, plan: Path, strict: bool) -> None:
    """What CI would reject is said before the document is mailed: one line naming the error-level
    findings, or, with --strict, the findings themselves and no document (exit 1)."""
    from planforge.errors import InputError
    from planforge.lint import config as settings
    from planforge.lint.engine import lint_loaded_spec

    config, _fail_on = settings.resolve(None, None, None, Path.cwd())
    errors = [f for f in lint_loaded_spec(loaded, config, frozenset({"error"})).findings if f.severity == "error"]
    if not errors:
        return
    if strict:
        raise InputError(errors)  # a finding is a located problem: printed like any other
    codes = "、".join(sorted({f.code for f in errors}))
    plain.say("render_lint_summary", count=len(errors), codes=codes, path=plan)


def read_plain_args(argv: list[str]) -> tuple[str | None, RenderArgs] | None:
    """(the `--lang` value, the render arguments) when `argv` is a plain `[--lang L] render SPEC …`;
    None when typer should read it."""
    read = read_plain(argv, "render", _OPTIONS)
    if read is None or len(read.paths) != 1 or read.paths[0] == "-":
        return None
    given = [read.paths[0], *(read.values[name] for name in ("template_dir", "reference_docx") if name in read.values)]
    if any(os.path.exists(path) and not os.access(path, os.R_OK) for path in given):
        return None  # click refuses a path it may not read, in its own words
    args = RenderArgs(Path(read.paths[0]), strict="strict" in read.flags, force="force" in read.flags)
    args.to, args.output = read.values.get("to"), read.values.get("output")
    for name in ("template_dir", "reference_docx"):
        if name in read.values:
            setattr(args, name, Path(read.values[name]))
    return read.lang, args


def plain_main(argv: list[str]) -> int | None:
    """Run `planforge render` from plain arguments and return its exit code; None when typer must
    read `argv`."""
    read = read_plain_args(argv)
    return None if read is None else plain.run_plain(read[0], run_render, read[1])
