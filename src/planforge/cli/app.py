"""The `planforge` application: options every command shares, and how a core error, a usage
mistake or a signal becomes a message and an exit code.

Problems raised by the core (`PlanforgeError`) become `file:line:col: CODE message` lines on
stderr and the exit codes of the README: 0 success, 1 the input has errors, 2 usage or I/O error.
"""


import os
import sys
from typing import Optional

import typer

import planforge.cli.plain as plain
from planforge import __version__
from planforge.cli.plain import EXIT_OK, EXIT_USAGE, _state
from planforge.i18n import current_language

app = typer.Typer(
    name="planforge",
    help="起草、渲染和检查年度工作计划（YAML 规格 → Markdown / DOCX）。Draft, render and check Chinese work plans.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich" if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else None,
)

_lang, _say, _report = plain.lang, plain.say, plain.report
_busy, _deliver, _print_warnings = plain.busy, plain.deliver, plain.print_warnings


def _guarded(command):
    """Turn core errors into located messages and exit codes; never show a traceback."""
    return plain.guarded(command, typer.Exit, passing=(typer.Exit, typer.Abort))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planforge {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本 / show the version"),
    lang: Optional[str] = typer.Option(None, "--lang", help="消息语言 zh 或 en（也可设 PLANFORGE_LANG）/ message language"),
) -> None:
    """planforge：年度工作计划的规格、渲染与检查。"""
    if lang is not None and lang[:2].lower() not in ("zh", "en"):
        from planforge.errors import usage_error

        raise typer.Exit(_report(usage_error("unknown_language", value=lang)))
    _state["lang"] = lang


def _language_from_argv(argv: list[str]) -> str:
    """The language before click has parsed anything: usage errors happen before the callback."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return current_language(argv[index + 1])
        if arg.startswith("--lang="):
            return current_language(arg.split("=", 1)[1])
    return current_language(None)


def main(argv: Optional[list[str]] = None) -> None:
    from planforge.cli.usage import click_exceptions, describe_usage_error, localise_completion

    plain.start_process()
    argv = sys.argv[1:] if argv is None else argv
    lang = _language_from_argv(argv)
    command = typer.main.get_command(app)
    localise_completion(command, lang, argv)
    try:
        code = command.main(args=argv, prog_name="planforge", standalone_mode=False)
    except click_exceptions().UsageError as exc:  # click's English replaced by our catalogue
        if type(exc).__name__ == "NoArgsIsHelpError":  # click ≥ 8.2 raises where 8.1 printed the help
            command.main(args=["--help"], prog_name="planforge", standalone_mode=False)
            sys.exit(EXIT_OK)
        for line in describe_usage_error(exc, command, argv, lang):
            typer.echo(line, err=True)
        sys.exit(EXIT_USAGE)
    except (typer.Abort, getattr(click_exceptions(), "Abort", typer.Abort)):
        typer.echo("", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        plain.end_quietly_on_broken_pipe()
    sys.exit(code if isinstance(code, int) else 0)
