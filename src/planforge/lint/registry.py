"""Rules are small functions registered in one place, each with a code, a name, a default
severity and a Chinese and English message. `RULES` is the registry the engine, `planforge
rules`, SARIF output and the documentation all read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    zh: str  # message template
    en: str
    summary_zh: str  # one line for `planforge rules`
    summary_en: str
    check: Callable | None = None
    documents_only: bool = False

    def message(self, lang: str, **args) -> str:
        return (self.en if lang == "en" else self.zh).format(**args)


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, zh: str, en: str, summary_zh: str, summary_en: str,
         documents_only: bool = False):
    """Register a check: a generator over a LintContext yielding (node, field, args) or
    (line, col, args) hits through ctx helpers."""

    def register(check: Callable[..., Iterator]):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, name, severity, zh, en, summary_zh, summary_en, check, documents_only)
        return check

    return register


def declare(code: str, name: str, severity: str, zh: str, en: str, summary_zh: str, summary_en: str) -> None:
    """A code reported by the loader or the engine itself rather than by a check function."""
    RULES[code] = Rule(code, name, severity, zh, en, summary_zh, summary_en)


def by_code_or_name(token: str) -> Rule | None:
    token = token.strip()
    if token.upper() in RULES:
        return RULES[token.upper()]
    return next((r for r in RULES.values() if r.name == token), None)
