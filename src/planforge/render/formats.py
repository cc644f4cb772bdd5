"""Output formats by name: one line each, and the CLI's choices derive from this table."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from planforge.model import Plan


def _markdown(plan: Plan, template_dir: Path | None) -> bytes:
    from planforge.render.markdown import render_markdown

    return render_markdown(plan, template_dir).encode("utf-8")


RENDERER_BY_FORMAT: dict[str, tuple[str, Callable[[Plan, Path | None], bytes]]] = {
    "md": (".md", _markdown),
}


def render_document(plan: Plan, fmt: str, template_dir: Path | None = None) -> bytes:
    return RENDERER_BY_FORMAT[fmt][1](plan, template_dir)


def default_output(spec: Path, fmt: str) -> Path:
    return spec.with_suffix(RENDERER_BY_FORMAT[fmt][0])
