"""`planforge lint` and `planforge rules`: findings for CI, pre-commit and people."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import _guarded, _lang
from planforge.cli.plain import Exit


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
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="同时检查几个文件或一份大文件中的几篇计划（1 = 逐个；缺省按 CPU 数，量大时才并行）/ files, or plans of one large document, linted at once (1 = one by one; default: the CPUs, when there is enough to lint)"),
) -> None:
    """检查计划：指标、时间、重复、占位符、旧年份、编号。Lint plans for CI and pre-commit.

    示例 / example: planforge lint plans/ --format github
    """
    from planforge.cli.lint_run import LintArgs, run_lint

    try:
        code = run_lint(LintArgs(paths, fmt, select, ignore, fail_on, fix, verbose, only_plans, date, jobs))
    except Exit as done:
        code = done.code
    raise typer.Exit(code)


def rules() -> None:
    """列出全部检查规则。List every lint rule with its code, severity and meaning.

    示例 / example: planforge rules
    """
    from planforge.lint.registry import RULES

    lang = _lang()
    for rule in RULES.values():
        summary, other = rule.summary(lang), rule.summary("zh" if lang == "en" else "en")
        typer.echo(f"{rule.code}  {rule.name:<26} {rule.severity:<8} {summary} / {other}")
