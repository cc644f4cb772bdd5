"""`planforge lint` and `planforge rules`: findings for CI, pre-commit and people."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import EXIT_OK, EXIT_USAGE, _guarded, _lang, _say


@_guarded
def lint(
    paths: list[Path] = typer.Argument(..., help="规格、文档或目录 / specs, documents or folders"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | github | sarif"),
    select: Optional[str] = typer.Option(None, "--select", help="只检查这些规则（代码或名称，逗号分隔）"),
    ignore: Optional[str] = typer.Option(None, "--ignore", help="不检查这些规则"),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="error | warning | info（缺省 error）"),
    fix: bool = typer.Option(False, "--fix", help="自动修复安全的问题（标点、日期前导零、看不见的字符）/ apply safe fixes"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="列出跳过的文件及原因 / say which files were skipped and why"),
    only_plans: bool = typer.Option(False, "--only-plans", help="点名的文档也须符合 include 设置（pre-commit 钩子用）/ apply include to named documents"),
    date: Optional[str] = typer.Option(None, "--date", help="按哪一天判断逾期（进度记录，PF703），缺省为今天 / the day overdue is judged on"),
) -> None:
    """检查计划：指标、时间、重复、占位符、旧年份、编号。Lint plans for CI and pre-commit.

    示例 / example: planforge lint plans/ --format github
    """
    from planforge.errors import usage_error
    from planforge.lint import config as settings
    from planforge.lint.engine import InternalRuleError, exit_code, lint_files
    from planforge.lint.output import REPORTER_BY_NAME, format_text

    if fmt not in REPORTER_BY_NAME:
        raise usage_error("unknown_format", value=fmt, choices=", ".join(REPORTER_BY_NAME))
    config, fail_on = settings.resolve(select, ignore, fail_on, Path.cwd())
    if date is not None:
        from planforge.cli.progress import _date

        config.today = _date(date)
    files, named_skip = _files_to_lint(paths, config, verbose, only_plans)
    progress = _progress(len(files))
    try:
        run = lint_files(files, config, fix, on_file_done=progress)
    except InternalRuleError as exc:
        _say("rule_crashed", code=exc.code, file=exc.file, detail=f"{type(exc.error).__name__}: {exc.error}")
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        progress(done=True)
    for file, count in run.fixed:
        _say("fixed", count=count, path=file)
    results, fix_failures = run.results, run.fix_failures
    if fmt == "text":
        typer.echo(format_text(results, _lang(), show_source=sys.stdout.isatty()), nl=False)
    else:
        typer.echo(REPORTER_BY_NAME[fmt](results, _lang()), nl=False)
    for file, problem in fix_failures:  # after the findings: the user still sees what is wrong
        why = problem.args.get("reason")
        _say("fix_failed", path=file, reason=why.message(_lang()) if why is not None else problem.message(_lang()))
    raise typer.Exit(EXIT_USAGE if fix_failures or named_skip else exit_code(results, fail_on))


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
            _say(reason, path=skipped)
    named_skip = selection.explicit_skips > 0 and not only_plans
    if not selection.files and selection.explicit_skips == len(paths):
        raise typer.Exit(EXIT_USAGE if named_skip else EXIT_OK)
    if not selection.files:
        raise usage_error("no_files")
    return selection.files, named_skip


def _progress(total: int):
    """A progress bar on a terminal for long runs; nothing otherwise."""
    if total < 20 or not sys.stderr.isatty():
        return lambda done=False: None
    from rich.progress import Progress

    bar = Progress(transient=True)
    task = bar.add_task("planforge lint", total=total)
    bar.start()

    def advance(done: bool = False) -> None:
        if done:
            bar.stop()
        else:
            bar.advance(task)

    return advance



def rules() -> None:
    """列出全部检查规则。List every lint rule with its code, severity and meaning.

    示例 / example: planforge rules
    """
    from planforge.lint.registry import RULES

    lang = _lang()
    for rule in RULES.values():
        summary, other = rule.summary(lang), rule.summary("zh" if lang == "en" else "en")
        typer.echo(f"{rule.code}  {rule.name:<26} {rule.severity:<8} {summary} / {other}")
