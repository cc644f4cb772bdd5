"""`planforge lsp`: the language server for editors, over standard input and output."""

from __future__ import annotations

import typer

from planforge.cli.app import _lang
from planforge.i18n import translate


def lsp() -> None:
    """启动语言服务器（stdio），供 VS Code、Neovim、Helix 使用。Start the language server (stdio).

    需要安装 / needs: pip install 'planforge[lsp]'
    """
    try:
        from planforge.lsp.server import serve
    except ImportError as exc:  # pygls or lsprotocol missing: the extra is not installed
        if exc.name and exc.name.split(".")[0] in ("pygls", "lsprotocol", "cattrs", "attrs"):
            typer.echo(translate("lsp_missing", _lang()), err=True)
            raise typer.Exit(2) from None
        raise
    serve()
