"""The rule registry: every code planforge reports, in one table sorted by code.

The rule modules are listed here by name (no rule registers itself by being imported), their
marked checks collected, and the codes that no check reports — the loader's and the engine's —
declared beside them. The engine, `planforge rules`, SARIF output, the settings and
docs/rules.md all read `RULES`.
"""

from __future__ import annotations

from planforge.lint import (
    rules_dates,
    rules_document,
    rules_duplicates,
    rules_numbering,
    rules_progress,
    rules_targets,
    rules_text,
)
from planforge.lint.rule import SEVERITIES, Rule

__all__ = ["RULES", "SEVERITIES", "Rule", "by_code_or_name"]

RULE_MODULES = (rules_targets, rules_dates, rules_duplicates, rules_text, rules_numbering, rules_document, rules_progress)

# Reported by the spec loader, the template renderer or the engine itself; their messages are the
# loader's own Problems, worded in the catalogue under their keys.
LOADER_RULES = (
    Rule("PF001", "yaml-syntax", "error"),
    Rule("PF002", "schema", "error"),
    Rule("PF003", "unsafe-input", "error"),
    Rule("PF004", "template", "error"),
    Rule("PF007", "unused-suppression", "info"),
)


def _collect() -> dict[str, Rule]:
    found = list(LOADER_RULES)
    for module in RULE_MODULES:
        found += [value.rule for value in vars(module).values() if callable(value) and hasattr(value, "rule")]
    codes = [r.code for r in found]
    duplicated = {c for c in codes if codes.count(c) > 1}
    if duplicated:
        raise ValueError(f"rule codes declared twice: {sorted(duplicated)}")
    return {r.code: r for r in sorted(found, key=lambda r: r.code)}


RULES: dict[str, Rule] = _collect()


def by_code_or_name(token: str) -> Rule | None:
    token = token.strip()
    if token.upper() in RULES:
        return RULES[token.upper()]
    return next((r for r in RULES.values() if r.name == token), None)
