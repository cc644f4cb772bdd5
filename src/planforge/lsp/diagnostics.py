"""Findings as LSP diagnostics: the rule's code and severity, a link to its documentation, the
places it relates to (the first copy of a duplicate, the item a schedule row disagrees with), the
finding itself in `data` for the code actions, and a cap on how many are sent at once."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from lsprotocol import types

from planforge.i18n import translate
from planforge.lint.context import Finding
from planforge.lint.registry import RULES
from planforge.lsp.documents import Analysis, Lines
from planforge.patterns import lazy

SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}
SOURCE = "planforge"
_RANK = {"error": 0, "warning": 1, "info": 2}
_CLAUSE_END = lazy(r"[。；！？]")
_SLUG_DROP = lazy(r"[^\w\- ]")


def rules_url() -> str:
    """Where docs/rules.md is read: PLANFORGE_RULES_URL, else the copy installed with the package
    (the wheel carries it), else the one in this checkout (an editable install), else the
    project's page (which links it)."""
    configured = os.environ.get("PLANFORGE_RULES_URL")
    if configured:
        return configured
    packaged = Path(str(resources.files("planforge").joinpath("docs").joinpath("rules.md")))
    checkout = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
    local = next((path for path in (packaged, checkout) if path.is_file()), None)
    return local.as_uri() if local else "https://pypi.org/project/planforge/"


def rule_anchor(code: str) -> str:
    """The heading anchor docs/rules.md has for a rule, as GitHub and VS Code make it:
    `## PF101 \\`item-without-target\\` (warning)` → pf101-item-without-target-warning."""
    rule = RULES[code]
    heading = f"{rule.code} {rule.name} ({rule.severity})"
    return _SLUG_DROP.sub("", heading.lower()).replace(" ", "-")


def rule_url(code: str, base: str) -> str:
    """A rule's own section of docs/rules.md; the loader's codes (no section) link the list."""
    rule = RULES.get(code)
    return f"{base}#{rule_anchor(code)}" if rule is not None and rule.check is not None else base


def finding_range(finding: Finding, lines: Lines) -> types.Range:
    """From the finding's column to the end of its clause (a document's paragraph is one long
    line), or the line's text when the finding has no column."""
    line = finding.line or 1
    text = lines.line(line)
    stripped = len(text) - len(text.lstrip())
    start = finding.col if finding.col else stripped + 1
    start = min(max(start, 1), len(text) + 1)
    end_match = _CLAUSE_END.search(text, start)
    end = end_match.end() + 1 if end_match else len(text.rstrip()) + 1
    return lines.range(line, start, max(end, start + 1) if end <= start else end)


def to_diagnostic(finding: Finding, lines: Lines, uri: str, lang: str, base_url: str,
                  related: list[types.DiagnosticRelatedInformation] | None = None) -> types.Diagnostic:
    rule = RULES.get(finding.code)
    return types.Diagnostic(
        range=finding_range(finding, lines),
        message=finding.message(lang),
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule_url(finding.code, base_url)) if rule else None,
        source=SOURCE,
        related_information=related or None,
        data={"code": finding.code, "line": finding.line, "col": finding.col, "fixable": finding.fix is not None},
    )


def capped(findings: list[Finding], cap: int) -> tuple[list[Finding], int]:
    """The `cap` most severe findings (errors first, then by line) in line order, and how many
    were left out: a file with 1,500 findings must not stall the editor."""
    if len(findings) <= cap:
        return findings, 0
    kept = sorted(findings, key=lambda f: (_RANK.get(f.severity, 3), f.line or 0, f.col or 0))[:cap]
    return sorted(kept, key=lambda f: (f.line or 0, f.col or 0, f.code)), len(findings) - cap


def related_for(finding: Finding, analysis: Analysis, lines: Lines, uri: str, lang: str
                ) -> list[types.DiagnosticRelatedInformation]:
    """The first copy of a duplicate (PF301–PF303, PF210 name its line); for PF206, the item whose
    time the schedule row disagrees with."""
    first = finding.args.get("first")
    if isinstance(first, int) and first > 0:
        return [types.DiagnosticRelatedInformation(
            types.Location(uri, lines.range(first, 1, len(lines.line(first)) + 1)), translate("lsp_first_copy", lang))]
    if finding.code == "PF206" and analysis.kind == "spec":
        index = analysis.index()
        use = next((u for u in index.uses if u.line == finding.line), None) if index else None
        entry = index.by_id.get(use.item_id) if index and use else None
        if entry is not None and entry.when_at is not None:
            line, col = entry.when_at
            return [types.DiagnosticRelatedInformation(
                types.Location(uri, lines.range(line, col, len(lines.line(line)) + 1)),
                translate("lsp_item_time", lang, number=entry.path, title=entry.title))]
    return []


def diagnostics(analysis: Analysis, lines: Lines, uri: str, lang: str, cap: int, base_url: str) -> list[types.Diagnostic]:
    """The diagnostics of the document itself, at most `cap` and one more saying how many are not
    shown (`planforge lint` lists them all)."""
    if analysis.result is None:
        return []
    own = [f for f in analysis.result.findings if f.file in (str(analysis.path), None)]
    kept, left_out = capped(own, cap)
    out = [to_diagnostic(f, lines, uri, lang, base_url, related_for(f, analysis, lines, uri, lang)) for f in kept]
    if left_out:
        out.append(types.Diagnostic(range=lines.range(1, 1, 1), message=translate("lsp_more", lang, count=left_out, total=len(own)),
                                    severity=types.DiagnosticSeverity.Information, source=SOURCE))
    return out


def elsewhere(analysis: Analysis, cap: int) -> dict[Path, list[Finding]]:
    """A spec's findings located in another file (its progress record), by file."""
    out: dict[Path, list[Finding]] = {}
    if analysis.result is None or analysis.kind != "spec":
        return out
    for finding in analysis.result.findings:
        if finding.file not in (str(analysis.path), None):
            out.setdefault(Path(finding.file), []).append(finding)
    return {path: capped(found, cap)[0] for path, found in out.items()}
