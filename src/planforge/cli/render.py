"""`planforge render`: a spec to Markdown, DOCX or PDF, once or on every change."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import _busy, _deliver, _guarded, _lang, _print_warnings, _say


@_guarded
def render(
    plan: Path = typer.Argument(..., help="计划规格 YAML 文件 / plan spec"),
    to: Optional[str] = typer.Option(None, "--to", "-t", help="输出格式 md、docx、pdf；缺省按 -o 的扩展名，否则 md / output format"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="输出文件，- 为标准输出；缺省与规格同名 / output file, - for stdout"),
    template_dir: Optional[Path] = typer.Option(None, "--template-dir", help="自定义 Markdown 模板目录 / your own templates"),
    reference_docx: Optional[Path] = typer.Option(None, "--reference-docx", help="本单位 Word 模板（样式、版头）/ your Word template"),
    watch: bool = typer.Option(False, "--watch", help="规格或模板变化时自动重新渲染（Ctrl+C 结束）/ re-render on change"),
    strict: bool = typer.Option(False, "--strict", help="检查发现错误时不渲染（同 lint 的错误级规则）/ refuse to render what lint rejects"),
    force: bool = typer.Option(False, "--force", help="允许覆盖规格或输入文件 / allow overwriting a spec or an input"),
) -> None:
    """把计划规格渲染为 Markdown、DOCX 或 PDF。Render a plan spec.

    示例 / example: planforge render plan.yaml --to docx -o build/plan.docx
    """
    from planforge.cli.options import check_template_dir
    from planforge.errors import usage_error
    from planforge.render.formats import RenderOptions, plan_output, render_document
    from planforge.spec.load import load_plan

    if not plan.is_file():  # before --watch: watching a file that is not there waits for ever
        raise usage_error("file_not_found" if not plan.exists() else "not_a_file", path=str(plan))
    check_template_dir(template_dir)
    if reference_docx is not None and not reference_docx.is_file():
        raise usage_error("file_not_found", path=str(reference_docx))
    fmt, target = plan_output(plan, to, output, [reference_docx] if reference_docx else [], force)

    def render_once() -> None:
        with _busy("rendering", format=fmt):
            loaded = load_plan(plan)
            _print_warnings(loaded.warnings)
            _check_before_render(loaded, plan, strict)
            spec = loaded.plan
            del loaded  # where every value was written: a tenth of a big render's peak memory, not needed to render
            data = render_document(spec, fmt, RenderOptions(template_dir, reference_docx))
        _deliver(data, target)

    if not watch:
        render_once()
        return
    from planforge.errors import PlanforgeError
    from planforge.watch import watch_paths

    for _change in watch_paths([plan] + ([template_dir] if template_dir else [])):
        try:
            render_once()
        except PlanforgeError as exc:  # keep watching: the user is in the middle of an edit
            for problem in exc.problems:
                typer.echo(problem.format(_lang()), err=True)


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
    _say("render_lint_summary", count=len(errors), codes=codes, path=plan)
