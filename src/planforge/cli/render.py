"""`planforge render`: a spec to Markdown, DOCX or PDF, once or on every change."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from planforge.cli.app import _guarded


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
    from planforge.cli.render_run import RenderArgs, run_render

    run_render(RenderArgs(plan, to, output, template_dir, reference_docx, watch, strict, force))
