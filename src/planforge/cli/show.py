"""`planforge show`: the plan's outline, targets and year in the terminal."""

from __future__ import annotations

from pathlib import Path

import typer

from planforge.cli.app import _busy, _guarded, _lang


@_guarded
def show(
    plan: Path = typer.Argument(..., help="规格或文档 / a spec or a document"),
) -> None:
    """在终端预览计划：编号大纲、指标表和全年进度。Preview a plan in the terminal.

    示例 / example: planforge show plan.yaml
    """
    from planforge.cli.paint import print_preview
    from planforge.readers import load_any_plan
    from planforge.render.preview import build_preview

    with _busy("show"):
        preview = build_preview(load_any_plan(plan))
    print_preview(preview, _lang())
