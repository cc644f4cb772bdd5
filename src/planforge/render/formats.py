"""Output formats by name: one line each, and the CLI's choices derive from this table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from planforge.model import Plan


@dataclass(frozen=True)
class RenderOptions:
    template_dir: Path | None = None
    reference_docx: Path | None = None


def _markdown(plan: Plan, options: RenderOptions) -> bytes:
    from planforge.render.markdown import render_markdown

    return render_markdown(plan, options.template_dir).encode("utf-8")


def _docx(plan: Plan, options: RenderOptions, portable_grid: bool = False) -> bytes:
    from planforge.render.docx import render_docx
    from planforge.render.presets import resolve_layout
    from planforge.render.view import build_view

    return render_docx(build_view(plan), resolve_layout(plan.style), options.reference_docx, portable_grid)


def _pdf(plan: Plan, options: RenderOptions) -> bytes:
    from planforge.render.pdf import docx_to_pdf, find_soffice
    from planforge.errors import usage_error

    if find_soffice() is None:  # say so before the work, not after
        raise usage_error("no_soffice")
    return docx_to_pdf(_docx(plan, options, portable_grid=True))


RENDERER_BY_FORMAT: dict[str, tuple[str, Callable[[Plan, RenderOptions], bytes]]] = {
    "md": (".md", _markdown),
    "docx": (".docx", _docx),
    "pdf": (".pdf", _pdf),
}


def render_document(plan: Plan, fmt: str, options: RenderOptions | None = None) -> bytes:
    return RENDERER_BY_FORMAT[fmt][1](plan, options or RenderOptions())


def default_output(spec: Path, fmt: str) -> Path:
    return spec.with_suffix(RENDERER_BY_FORMAT[fmt][0])
