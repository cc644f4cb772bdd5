"""`--fix`: apply the safe, idempotent rewrites findings carry (punctuation width, doubled
punctuation, date zeros, invisible characters) to the lines they point at, and on a YAML line
only before its comment.

Markdown and text files are edited in place, atomically. A YAML spec is edited on the value's
own line and re-loaded before it is written: if the result would not load to the same plan apart
from the fixed text, nothing is written. DOCX files are never edited."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from planforge.fileio import SourceFile, write_atomic
from planforge.lint.context import Finding
from planforge.readers import TEXT_READERS
from planforge.spec import SPEC_SUFFIXES

FIXABLE_SUFFIXES = SPEC_SUFFIXES + tuple(TEXT_READERS)


def apply_fixes(source: SourceFile | None, fixes: list[Finding]) -> int:
    """Rewrite the lines the fixes point at, in the text as it was read; returns how many fixes
    were applied. The file is written back in its own encoding, byte-order mark and line endings."""
    if source is None:
        return 0
    result, applied = fixed_text(source, fixes)
    if applied:
        write_atomic(source.path, source.encode(result))
    return applied


def fixed_text(source: SourceFile, fixes: list[Finding]) -> tuple[str, int]:
    """The source's text with the fixes applied, and how many were: the edit `--fix` writes (the
    language server sends it to the editor instead). A spec edit that would not load is not made."""
    if source.path.suffix.lower() not in FIXABLE_SUFFIXES or not fixes:
        return source.text, 0
    path = source.path
    is_spec = path.suffix.lower() in SPEC_SUFFIXES
    newline = source.newline
    lines = source.text.split(newline)
    applied = 0
    for finding in fixes:
        if not finding.line or finding.line > len(lines) or finding.fix is None:
            continue
        line = lines[finding.line - 1]
        code_part, comment = _split_comment(line) if is_spec else (line, "")
        rewritten = finding.fix(code_part)
        if rewritten != code_part:
            lines[finding.line - 1] = rewritten + comment
            applied += 1
    if not applied:
        return source.text, 0
    result = newline.join(lines)
    if is_spec:
        from planforge.errors import PlanforgeError
        from planforge.spec.load import load_plan_text

        try:
            load_plan_text(result, str(path))
        except PlanforgeError:
            return source.text, 0  # the edit would break the spec: leave the file as it was
    return result, applied


def _split_comment(line: str) -> tuple[str, str]:
    """A YAML line's value part and its trailing comment (a # after a space, outside quotes)."""
    quote = None
    for index, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index], line[index:]
    return line, ""


def fix_until_stable(path: Path, result, relint: Callable[[], Any], rounds: int = 10):
    """Apply the safe fixes, re-lint (`relint`: the engine lints the file again), and repeat: one
    fix can reveal another (，， after ,,). Returns the final lint result, how many lines were
    rewritten in all, and why the file could not be written, if it could not (a read-only file):
    (path, problem) or None."""
    from planforge.errors import PlanforgeError

    total = 0
    for _round in range(rounds):
        if not result.fixes:
            break
        try:
            count = apply_fixes(result.source, result.fixes)
        except PlanforgeError as exc:  # the findings stand; only the rewrite failed
            return result, total, (path, exc.problems[0])
        if not count:
            break
        total += count
        result = relint()
    return result, total, None
