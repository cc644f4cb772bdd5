"""What click says in English, said in the user's language: usage errors and shell completion.

click reports a mistyped command line in English and words it differently between releases. We
read only the *kind* of mistake from its exception classes and attributes (the option's name, the
parameter, its type), never its sentences, and say it through the message catalogue. typer's
`--install-completion` likewise prints English; its callback is replaced by one that speaks ours.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from planforge.i18n import translate


def click_exceptions() -> Any:
    """The exceptions of the click that typer runs on: a copy inside typer in newer releases,
    the click package in older ones (both are within the versions we declare and test)."""
    import importlib

    try:
        return importlib.import_module("typer._click.exceptions")
    except ImportError:
        return importlib.import_module("click.exceptions")

_TYPE_KEYS = {int: "type_integer", float: "type_float", bool: "type_boolean", Path: "type_path"}
_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _param_name(param: Any) -> str:
    if param is None:
        return "?"
    if _is_option(param) and getattr(param, "opts", None):
        return max(param.opts, key=len)
    return str(getattr(param, "human_readable_name", None) or getattr(param, "name", None) or "?").upper()


def _expected_type(ctx: Any, param: Any) -> str:
    """What the option wants, read from our own command's annotation (click's type objects differ
    between releases, and newer typer keeps none on the parameter)."""
    import typing

    callback = getattr(getattr(ctx, "command", None), "callback", None)
    try:
        hints = typing.get_type_hints(callback) if callback else {}
    except Exception:  # an annotation that cannot be resolved: say only that the value is malformed
        hints = {}
    hint = hints.get(getattr(param, "name", ""))
    for candidate in (hint, *typing.get_args(hint)):
        if candidate in _TYPE_KEYS:
            return _TYPE_KEYS[candidate]
    return "type_other"


def _unreadable_path(argv: list[str]) -> str | None:
    """The first file or folder named on the line that exists and may not be read: the path a
    refused path argument most likely is (click names it only in English)."""
    import os

    for word in argv:
        if not word.startswith("-") and os.path.exists(word) and not os.access(word, os.R_OK):
            return word
    return None


def _unknown_command(command: Any, argv: list[str]) -> str | None:
    """The first word that should have been a command and is not one (click says so in English)."""
    if not isinstance(getattr(command, "commands", None), dict):
        return None
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return None if word in command.commands else word
    return None


def describe_usage_error(exc: Exception, command: Any, argv: list[str], lang: str) -> list[str]:
    """The lines to print for a usage error: what is wrong, then where to read the usage."""

    def say(key: str, **args: object) -> str:
        return translate(key, lang, **args)

    errors = click_exceptions()
    ctx = getattr(exc, "ctx", None)
    where = ctx.command_path if ctx is not None else "planforge"
    if isinstance(exc, errors.NoSuchOption):
        text = say("cli_no_such_option", name=exc.option_name)
        if exc.possibilities:
            text += say("cli_did_you_mean", choices=", ".join(sorted(exc.possibilities)))
    elif isinstance(exc, errors.MissingParameter):
        kind = "cli_kind_option" if _is_option(exc.param) else "cli_kind_argument"
        text = say("cli_missing", kind=say(kind), name=_param_name(exc.param))
    elif isinstance(exc, errors.BadParameter):
        kind = _expected_type(ctx, exc.param)
        unreadable = _unreadable_path(argv) if kind == "type_path" else None
        reason = say("type_path_unreadable", path=unreadable) if unreadable else say(kind)
        text = say("cli_bad_value", name=_param_name(exc.param), reason=reason)
    elif isinstance(exc, errors.BadOptionUsage):
        text = say("cli_needs_value", name=exc.option_name)
    elif (unknown := _unknown_command(command, argv)) is not None:
        text = say("cli_no_such_command", name=unknown, choices=", ".join(sorted(command.commands)))
        where = "planforge"
    else:  # extra arguments and the like: click words these only in English, so show the line
        text = say("cli_usage", line=" ".join(["planforge", *argv]))
    return [f"planforge: {text}", say("cli_help_hint", command=where)]


def localise_completion(command: Any, lang: str, argv: list[str] | None = None) -> None:
    """Swap typer's `--install-completion` callback for one that reports in `lang` and honours a
    shell named after the flag (`--install-completion zsh`)."""
    for param in command.params:
        if param.name == "install_completion":
            param.callback = _installer(lang, _shell_named_after_flag(argv or []))


def _shell_named_after_flag(argv: list[str]) -> str | None:
    """The word after `--install-completion`, if any. typer's flag takes no value, so click
    would leave `bogus-shell` unread and install for $SHELL: a word there is the shell the user
    means, and one we do not know is refused rather than ignored."""
    for index, arg in enumerate(argv):
        if arg == "--install-completion" and index + 1 < len(argv) and not argv[index + 1].startswith("-"):
            return argv[index + 1]
        if arg.startswith("--install-completion="):
            return arg.split("=", 1)[1]
    return None


def _installer(lang: str, named: str | None) -> Any:
    def install_completion(ctx: Any, _param: Any, value: object) -> Any:
        if not value or ctx.resilient_parsing:
            return value
        from typer._completion_shared import install  # typer's own writer of the shell's rc file

        from planforge.errors import UsageError
        from planforge.fileio import os_reason

        shell = named or (value if isinstance(value, str) else Path(os.environ.get("SHELL", "")).name)
        if shell not in _SHELLS:
            _echo(f"planforge: {translate('completion_unknown_shell', lang, shell=shell or '?')}", err=True)
            ctx.exit(2)
        try:
            shell, path = install(shell=shell, prog_name="planforge", complete_var="_PLANFORGE_COMPLETE")
        except OSError as exc:
            reason = os_reason(exc).message(lang)
            _echo(f"planforge: {translate('write_failed', lang, path=exc.filename or '~', reason=reason)}", err=True)
            ctx.exit(UsageError.exit_code)
        _echo(translate("completion_installed", lang, shell=shell, path=path))
        return ctx.exit(0)

    return install_completion


def _echo(text: str, err: bool = False) -> None:
    import typer

    typer.echo(text, err=err)
