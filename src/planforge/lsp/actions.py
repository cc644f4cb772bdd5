"""Code actions: a finding's own fix, every fix of its rule in the file, every safe fix
(`source.fixAll.planforge`, to the fixed point `lint --fix` reaches), and a suppression comment.
Fixes come from the lint result of the current version, so a rule the settings turned off has no
finding and no fix to offer."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from planforge.fileio import SourceFile
from planforge.i18n import translate
from planforge.lint.context import Finding
from planforge.lint.engine import FileResult
from planforge.lint.fix import fixed_text
from planforge.lint.registry import RULES
from planforge.lsp.documents import Analysis, Lines
from planforge.patterns import lazy
from planforge.spec import SPEC_SUFFIXES

FIX_ALL = "source.fixAll.planforge"
FIX_ROUNDS = 10  # as `lint --fix`: one fix can reveal another (，， after ,,)
_BLOCK_SCALAR = lazy(r":\s*[|>][+-]?\d*\s*(#.*)?$")
_YAML_IGNORE = lazy(r"#\s*planforge:\s*ignore\[(?P<codes>[^\]]*)\]")


def line_edit(lines: Lines, before: str, after: str) -> list[types.TextEdit]:
    """The changed lines of a fix as one edit (fixes rewrite lines, never add or remove them)."""
    old, new = before.splitlines(), after.splitlines()
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    if not changed or len(old) != len(new):
        return [] if before == after else [types.TextEdit(lines.range(1, 1, len(lines.line(len(old))) + 1, len(old)), after)]
    first, last = changed[0], changed[-1]
    newline = "\r\n" if "\r\n" in before else "\n"
    return [types.TextEdit(lines.range(first + 1, 1, len(old[last]) + 1, last + 1), newline.join(new[first:last + 1]))]


def fixed_point(analysis: Analysis, relint: Callable[[str], FileResult]) -> str:
    """Every safe fix, re-linting between rounds, as `lint --fix` does on the file."""
    text, result = analysis.text, analysis.result
    for _round in range(FIX_ROUNDS):
        if result is None or not result.fixes:
            break
        text, applied = fixed_text(SourceFile(analysis.path, text, "utf-8"), result.fixes)
        if not applied:
            break
        result = relint(text)
    return text


def _action(title: str, kind: str, uri: str, edits: list[types.TextEdit],
            diagnostics: list[types.Diagnostic] | None = None, preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title=title, kind=kind, diagnostics=diagnostics, is_preferred=preferred or None,
                            edit=types.WorkspaceEdit(changes={uri: edits}))


def _finding_of(diagnostic: types.Diagnostic, result: FileResult) -> Finding | None:
    data = diagnostic.data if isinstance(diagnostic.data, dict) else {}
    return next((f for f in result.findings if f.code == data.get("code") and f.line == data.get("line")
                 and f.col == data.get("col")), None)


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def code_actions(analysis: Analysis, lines: Lines, uri: str, context: types.CodeActionContext, lang: str,
                 relint: Callable[[str], FileResult]) -> list[types.CodeAction]:
    result = analysis.result
    if result is None or analysis.kind not in ("spec", "document"):
        return []
    source = SourceFile(analysis.path, analysis.text, "utf-8")
    actions: list[types.CodeAction] = []
    quick = _wanted(types.CodeActionKind.QuickFix, context.only)
    for diagnostic in context.diagnostics if quick else []:
        finding = _finding_of(diagnostic, result)
        if finding is None:
            continue
        if finding.fix is not None:
            edits = line_edit(lines, analysis.text, fixed_text(source, [finding])[0])
            if edits:
                actions.append(_action(translate("lsp_fix", lang, code=finding.code, message=finding.message(lang)),
                                       types.CodeActionKind.QuickFix, uri, edits, [diagnostic], preferred=True))
            same = [f for f in result.fixes if f.code == finding.code]
            if len(same) > 1:
                edits = line_edit(lines, analysis.text, fixed_text(source, same)[0])
                actions.append(_action(translate("lsp_fix_rule", lang, code=finding.code, count=len(same)),
                                       types.CodeActionKind.QuickFix, uri, edits, [diagnostic]))
        suppression = suppress_edit(analysis, lines, finding)
        if suppression:
            actions.append(_action(translate("lsp_suppress", lang, code=finding.code), types.CodeActionKind.QuickFix,
                                   uri, suppression, [diagnostic]))
    if result.fixes and (_wanted(FIX_ALL, context.only) or quick and context.diagnostics):
        edits = line_edit(lines, analysis.text, fixed_point(analysis, relint))
        if edits:
            actions.append(_action(translate("lsp_fix_all", lang), FIX_ALL, uri, edits))
    return actions


def suppress_edit(analysis: Analysis, lines: Lines, finding: Finding) -> list[types.TextEdit]:
    """The suppression comment for the finding's line: `# planforge: ignore[PF101]` at the end of a
    YAML line (added to one already there), `<!-- planforge-disable-next-line PF101 -->` above a
    Markdown or text line. None inside a YAML block scalar, where a comment would be text, and
    none for what no comment can silence (a spec that does not load)."""
    rule = RULES.get(finding.code)
    line = finding.line
    if rule is None or rule.check is None or not line or line > len(lines.lines):
        return []
    text = lines.line(line)
    if analysis.path.suffix.lower() not in SPEC_SUFFIXES:
        indent = text[: len(text) - len(text.lstrip())]
        return [types.TextEdit(lines.range(line, 1, 1), f"{indent}<!-- planforge-disable-next-line {finding.code} -->\n")]
    if _in_block_scalar(lines, line):
        return []
    existing = _YAML_IGNORE.search(text)
    if existing:
        codes = existing.group("codes").strip()
        merged = f"{codes}, {finding.code}" if codes else finding.code
        start, end = existing.span("codes")
        return [types.TextEdit(lines.range(line, start + 1, end + 1), merged)]
    end = len(text.rstrip()) + 1
    return [types.TextEdit(lines.range(line, end, len(text) + 1), f"  # planforge: ignore[{finding.code}]")]


def _in_block_scalar(lines: Lines, line: int) -> bool:
    """Whether a YAML line is the text of a `|` or `>` block: the nearest line above it with less
    indentation opens one."""
    text = lines.line(line)
    indent = len(text) - len(text.lstrip())
    for number in range(line - 1, 0, -1):
        above = lines.line(number)
        if not above.strip():
            continue
        if len(above) - len(above.lstrip()) < indent:
            return bool(_BLOCK_SCALAR.search(above.rstrip()))
    return False
