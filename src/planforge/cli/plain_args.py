"""Reading a command's plain arguments without typer, for the commands users start most often
(`lint` from a pre-commit hook, `render` after each edit, `import` of last year's document):
typer, with its command tree, costs a fifth to a third of such a run, and recent typer releases
build a pydantic adapter per option.

Only what needs no judgement is read here: the options a command declares, in their long, short,
`-xVALUE` and `--opt=value` forms, and paths. Anything else (`--help`, a typo, a missing value,
completion, a language we do not speak) is left to typer, which says what is wrong in its own
words: `read_plain` then returns None.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, eq=False, repr=False)
class PlainOptions:
    """A command's options by every spelling click accepts: valued ones and flags, each to the
    attribute it sets."""

    valued: dict[str, str]
    flags: dict[str, str]


@dataclass(eq=False, repr=False)
class PlainArgs:
    """What was read: `--lang`, the paths, the options' values (the last one counts, as click
    takes it) and the flags given."""

    lang: str | None
    paths: list[str]
    values: dict[str, str]
    flags: set[str]


def read_plain(argv: list[str], command: str, options: PlainOptions) -> PlainArgs | None:
    """`argv` read as `[--lang L] COMMAND …`; None when typer should read it."""
    leading = _leading_lang(argv)
    if leading is None:
        return None
    lang, rest = leading
    if (not rest or rest[0] != command or (lang is not None and lang[:2].lower() not in ("zh", "en"))
            or any(name.startswith("_PLANFORGE_COMPLETE") for name in os.environ)):
        return None
    read = PlainArgs(lang, [], {}, set())
    tokens, index, only_paths = rest[1:], 0, False
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token:
            return None  # an empty path: click's own words for it
        if only_paths or token == "-" or not token.startswith("-"):
            read.paths.append(token)
        elif token == "--":
            only_paths = True
        elif token in options.flags:
            read.flags.add(options.flags[token])
        else:
            value = _option_value(token, tokens[index] if index < len(tokens) else None, options)
            if value is None:
                return None
            name, text, took_next = value
            index += took_next
            read.values[name] = text
    return read


def _leading_lang(argv: list[str]) -> tuple[str | None, list[str]] | None:
    """(the `--lang` given before the command, the rest); None for a `--lang` typer must judge."""
    lang, rest = None, list(argv)
    while rest and rest[0].startswith("--lang"):
        head = rest.pop(0)
        if head == "--lang" and rest:
            lang = rest.pop(0)
        elif head.startswith("--lang="):
            lang = head.split("=", 1)[1]
        else:
            return None
    return lang, rest


def _option_value(token: str, following: str | None, options: PlainOptions) -> tuple[str, str, bool] | None:
    """(attribute, value, whether the value is the next token) of a valued option; None for one
    this reader leaves to typer."""
    if token.startswith("--") and "=" in token:
        option, value = token.split("=", 1)
        return (options.valued[option], value, False) if option in options.valued else None
    if not token.startswith("--") and len(token) > 2 and token[:2] in options.valued:  # -fjson, -j2
        return options.valued[token[:2]], token[2:], False
    if token not in options.valued or following is None or following.startswith("-"):
        return None
    return options.valued[token], following, True
