"""Plan → Markdown through the `markdown/plan.md.j2` template."""

from __future__ import annotations

import re
from pathlib import Path

from planforge.model.plan import Plan
from planforge.patterns import lazy
from planforge.render.view import DocumentView, build_view
from planforge.templating import make_environment, render

# Characters that would turn plan text into Markdown syntax: `***市` is a placeholder, not bold.
_INLINE = lazy(r"([\\`*_\[\]<>|])")


def md_escape(text: object) -> str:
    escaped = _INLINE.sub(r"\\\1", str(text))
    # A line that would open a heading or a list: escape its punctuation (`1\\.`; a backslash before
    # a digit is not an escape in CommonMark and would show).
    escaped = re.sub(r"^([#+-])(?= |$)|^#", lambda m: "\\" + m.group(0), escaped, flags=re.MULTILINE)
    return re.sub(r"^(\d{1,9})([.)])(?= |$)", r"\1\\\2", escaped, flags=re.MULTILINE)


def render_markdown(plan: Plan | None, template_dir: Path | None = None, view: DocumentView | None = None,
                    template: str = "plan.md.j2") -> str:
    """`template` is plan.md.j2, or report.md.j2 for a year-end summary (`planforge report`)."""
    env = make_environment("markdown", template_dir)
    env.filters["md"] = md_escape
    if view is None:
        assert plan is not None
        view = build_view(plan)
    text = render(env, template, {"doc": view})
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
