"""Output formats by name: one line each, and the CLI's choices derive from this table.

A format writes a `Renderable`, not a `Plan`: the plan (`render`) and its year-end summary
(`report`) are both views laid out in the plan's style, so one table serves both commands and a
format added here is offered by both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from planforge.model.plan import Plan
from planforge.render.view import DocumentView


@dataclass(frozen=True)
class RenderOptions:
    """Where a render looks besides the built-in layout: the user's templates and reference DOCX."""

    template_dir: Path | None = None
    reference_docx: Path | None = None


@dataclass(frozen=True, eq=False)
class Renderable:
    """What a format writes: the view (render/view.py: numbering, sentences and tables decided
    once, carrying the plan whose style lays it out) and the Markdown template that receives it.
    One is the same as another only if it is the same object, as its view is."""

    view: DocumentView
    markdown_template: str = "plan.md.j2"

    @property
    def plan(self) -> Plan:
        return self.view.plan


def plan_renderable(plan: Plan) -> Renderable:
    from planforge.render.view import build_view

    return Renderable(build_view(plan))


def _markdown(document: Renderable, options: RenderOptions) -> bytes:
    from planforge.render.markdown import render_markdown

    text = render_markdown(None, options.template_dir, document.view, template=document.markdown_template)
    return text.encode("utf-8")


def _docx(document: Renderable, options: RenderOptions) -> bytes:
    from planforge.render.docx import render_docx
    from planforge.render.presets import resolve_layout

    return render_docx(document.view, resolve_layout(document.plan.style), options.reference_docx)


def _pdf(document: Renderable, options: RenderOptions) -> bytes:
    from planforge.errors import usage_error
    from planforge.render.pdf import docx_to_pdf, find_soffice

    if find_soffice() is None:  # say so before the work, not after
        raise usage_error("no_soffice")
    return docx_to_pdf(_docx(document, options))  # the very file `--to docx` delivers


class OutputFormat(NamedTuple):
    suffix: str  # the file extension: `-o x.docx` means DOCX, and the default output's name
    write: Callable[[Renderable, RenderOptions], bytes]
    text: bool = False  # a text format may go to a terminal; bytes (DOCX, PDF) may not


RENDERER_BY_FORMAT: dict[str, OutputFormat] = {
    "md": OutputFormat(".md", _markdown, text=True),
    "docx": OutputFormat(".docx", _docx),
    "pdf": OutputFormat(".pdf", _pdf),
}


SUFFIX_ALIASES = {".markdown": "md"}


def format_of_suffix(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, known in RENDERER_BY_FORMAT.items() if known.suffix == suffix), SUFFIX_ALIASES.get(suffix))


def choose_format(to: str | None, output: str | None) -> str:
    """`--to` if given, else the output's extension (`-o 计划.docx` means DOCX), else Markdown. A
    `--to` that contradicts a known extension is refused: a .docx holding Markdown helps nobody."""
    from planforge.errors import usage_error

    if to is not None and to not in RENDERER_BY_FORMAT:
        raise usage_error("unknown_format", value=to, choices=", ".join(RENDERER_BY_FORMAT))
    implied = format_of_suffix(output) if output and output != "-" else None
    if to is not None and implied is not None and implied != to:
        raise usage_error("format_conflict", to=to, path=output, implied=implied)
    return to or implied or "md"


def plan_output(spec: Path, to: str | None, output: str | None, other_inputs: list[Path],
                force: bool) -> tuple[str, Path | None]:
    """The format and the file a render writes (None: standard output), refused before any work
    when the output would harm an input or a spec, or put DOCX/PDF bytes on a terminal."""
    import os

    from planforge.errors import usage_error
    from planforge.fileio import guard_output, stream_descriptor

    fmt = choose_format(to, output)
    descriptor = 1 if output == "-" else stream_descriptor(Path(output)) if output else None
    if descriptor is not None and not RENDERER_BY_FORMAT[fmt].text and os.isatty(descriptor):
        raise usage_error("binary_to_terminal", format=fmt)
    if output == "-":
        return fmt, None
    target = Path(output) if output else default_output(spec, fmt)
    guard_output(target, [spec, *other_inputs], force)
    return fmt, target


def render_document(plan: Plan, fmt: str, options: RenderOptions | None = None) -> bytes:
    return render_renderable(plan_renderable(plan), fmt, options)


def render_renderable(document: Renderable, fmt: str, options: RenderOptions | None = None) -> bytes:
    return RENDERER_BY_FORMAT[fmt].write(document, options or RenderOptions())


def default_output(spec: Path, fmt: str) -> Path:
    return spec.with_suffix(RENDERER_BY_FORMAT[fmt].suffix)
