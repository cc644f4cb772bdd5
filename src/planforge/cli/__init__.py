"""The `planforge` command: a thin layer of typer commands over the core.

Each command parses options, calls one core function and prints what it returns; one module per
command or small group (render, spec, reuse, lint, show), the shared options and error handling in
app.py, click's English replaced in usage.py, rich painting in paint.py. Heavy modules (pydantic,
jinja2, python-docx) are imported inside the commands, so `--version` and `--help` start fast.
The commands are registered here, in the order `--help` lists them.
"""

from __future__ import annotations

from planforge.cli import lint, lsp, progress, render, reuse, show, spec
from planforge.cli.app import app, main

app.command()(render.render)
app.command()(spec.new)
app.command()(spec.schema)
app.command("import")(reuse.import_)
app.command()(reuse.rollover)
app.command()(reuse.diff)
app.command()(lint.lint)
app.command()(show.show)
app.add_typer(progress.progress_app, name="progress")
app.command()(progress.status)
app.command()(progress.report)
app.command()(lint.rules)
app.command()(lsp.lsp)

__all__ = ["app", "main"]
