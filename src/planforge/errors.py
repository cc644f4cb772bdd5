"""The one error path: every input problem becomes a located, translatable `Problem`.

YAML syntax, schema validation, readers and templates all report through the same type, so the
CLI has a single way to print them (`file:line:col: CODE message`) and a single exit-code policy.
The core raises these; it never prints and never exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from planforge.i18n import translate, translate_in_paragraphs
from planforge.limits import MAX_QUOTE

USAGE_CODE = "PF000"


_PATH_ARGS = {"path", "file", "source", "origin"}  # file names are shown whole


def _quotable(value: object, lang: str) -> object:
    if isinstance(value, str) and len(value) > MAX_QUOTE:  # a pasted page is not echoed whole
        return translate("quote_cut", lang, start=value[:MAX_QUOTE], count=len(value))
    return value


def in_paragraphs(file: str | None) -> bool:
    """Are places in `file` numbered by paragraph (a Word file), not by line?"""
    return file is not None and file.lower().endswith(".docx")


@dataclass(frozen=True)
class Problem:
    """One located problem with the user's input: a message key and its arguments, said in the
    user's language when printed (`format`), with the file, line and column it points at."""

    code: str
    key: str
    args: dict = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    col: int | None = None
    severity: str = "error"
    field_path: str | None = None  # e.g. sections[0].items[1].owner

    def message(self, lang: str = "zh") -> str:
        # Our own bilingual sentences are said whole; a value the user wrote is quoted at most MAX_QUOTE.
        args = {k: (v.message(lang) if hasattr(v, "message") else v if k in _PATH_ARGS else _quotable(v, lang))
                for k, v in self.args.items()}
        said = translate_in_paragraphs if in_paragraphs(self.file) else translate
        text = said(self.key, lang, **args)
        if self.field_path:
            text = translate("at_field", lang, field=self.field_path, message=text)
        return text

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)

    def format(self, lang: str = "zh") -> str:
        if self.code == USAGE_CODE:  # not about a place in the input: no location to show
            return f"planforge: {self.message(lang)}"
        # One printed form for every located problem, from the loader, a reader or a lint rule:
        # `file:line:col: CODE severity message`, as compilers and editors' problem matchers expect.
        return f"{self.location()}: {self.code} {self.severity} {self.message(lang)}"


class PlanforgeError(Exception):
    """Base of the errors the CLI turns into messages; `exit_code` follows the README."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("; ".join(p.format("en") for p in problems))
        self.problems = list(problems)

    def __reduce__(self):  # so a confined child process can hand the error back whole
        return type(self), (self.problems,)


class InputError(PlanforgeError):
    """The user's input (spec, document, template) has errors: exit 1."""

    exit_code = 1


class UsageError(PlanforgeError):
    """A missing file, a refused overwrite, an I/O failure: exit 2."""

    exit_code = 2


def usage_error(key: str, **args: object) -> UsageError:
    return UsageError([Problem(code=USAGE_CODE, key=key, args=dict(args))])
