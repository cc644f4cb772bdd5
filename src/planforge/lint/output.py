"""Reporters by name: text (like a compiler), json, github (workflow annotations), sarif 2.1.0."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import quote

from planforge import __version__
from planforge.lint.engine import FileResult
from planforge.lint.registry import RULES

_SUMMARY = {
    "zh": "共 {error} 个错误、{warning} 个警告、{info} 个提示（{files} 个文件）",
    "en": "{error} error(s), {warning} warning(s), {info} info in {files} file(s)",
}
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def summary(results: list[FileResult], lang: str) -> str:
    counts = Counter(f.severity for r in results for f in r.findings)
    return _SUMMARY["en" if lang == "en" else "zh"].format(error=counts["error"], warning=counts["warning"],
                                                            info=counts["info"], files=len(results))


def format_text(results: list[FileResult], lang: str, show_source: bool = False) -> str:
    """`path:line:col: PF101 warning 该工作事项没有量化指标`, with the source line (a Word file's
    paragraph) and a caret under it when a person is reading (a terminal)."""
    out: list[str] = []
    for result in results:
        lines = result.source.lines if result.source else result.paragraphs or []  # as read
        for f in result.findings:
            out.append(f.format(lang))
            if show_source and f.line and f.file == result.path and 0 < f.line <= len(lines) and lines[f.line - 1].strip():
                source = lines[f.line - 1]  # (a DOCX's table has no text of its own to show: nothing is)
                out.append(" " * EXCERPT_INDENT + source)
                if f.col:
                    out.append(" " * _columns(source[: f.col - 1], EXCERPT_INDENT) + "^")
    out.append(summary(results, lang))
    return "\n".join(out) + "\n"


EXCERPT_INDENT = 4  # columns before an excerpt's text


def _columns(text: str, start: int) -> int:
    """The terminal column after `text` printed from column `start`: CJK and full-width characters
    take two, a tab runs to the next multiple of eight, marks that take no room (a zero-width
    space, a combining accent) none, as a terminal shows them."""
    import unicodedata

    column = start
    for ch in text:
        if ch == "\t":
            column = column // 8 * 8 + 8
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        else:
            column += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return column


def format_json(results: list[FileResult], lang: str) -> str:
    findings = [
        {"file": f.file, "line": f.line, "col": f.col, "code": f.code, "name": RULES[f.code].name,
         "severity": f.severity, "message": f.message(lang), "fixable": f.fix is not None}
        for r in results for f in r.findings
    ]
    counts = Counter(f["severity"] for f in findings)
    summary = {"files": len(results), **{s: counts[s] for s in ("error", "warning", "info")}}
    return _indented({"version": __version__, "findings": findings, "summary": summary}) + "\n"


def _indented(document: dict) -> str:
    """json.dumps(document, ensure_ascii=False, indent=2), character for character, for a dict of
    scalars, lists of flat dicts and flat dicts. The standard library's indenting encoder is pure
    Python (about 0.2 s for 10,000 findings); its C encoder, used when there is no indent, writes
    here, and the indent is put in after. json is imported by the reporters that write it, not by
    a plain `lint`."""
    import json

    scalar = json.JSONEncoder(ensure_ascii=False).encode
    # A newline in the item separator: JSON escapes every control character inside a string, so
    # each newline the C encoder writes is a separator, followed by a key (") inside a dict and by
    # the next dict ({) between a list's dicts.
    lined = json.JSONEncoder(ensure_ascii=False, separators=(",\n", ": ")).encode

    def flat(mapping: dict, indent: str) -> str:
        if not mapping:
            return "{}"
        inner = lined(mapping)[1:-1].replace(',\n"', ',\n' + indent + '  "')
        return "{\n" + indent + "  " + inner + "\n" + indent + "}"

    def flat_list(mappings: list[dict]) -> str:
        if not mappings:
            return "[]"
        if not all(isinstance(v, dict) for v in mappings):
            raise TypeError("_indented writes lists of flat dicts only")
        if not all(mappings):  # an empty dict is written {} , with no newline to find
            return "[\n" + ",\n".join("    " + flat(v, "    ") for v in mappings) + "\n  ]"
        inner = lined(mappings)[2:-2].replace(',\n"', ',\n      "').replace("},\n{", "\n    },\n    {\n      ")
        return "[\n    {\n      " + inner + "\n    }\n  ]"

    parts = []
    for key, value in document.items():
        text = flat(value, "  ") if isinstance(value, dict) else flat_list(value) if isinstance(value, list) else scalar(value)
        parts.append(f"  {scalar(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}"


def _escape_github(text: str, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(results: list[FileResult], lang: str) -> str:
    """`::warning file=…,line=…,col=…,title=PF101::message` (info becomes notice)."""
    out = []
    for r in results:
        for f in r.findings:
            level = {"error": "error", "warning": "warning", "info": "notice"}[f.severity]
            props = [f"file={_escape_github(f.file or '', True)}"]
            if f.line:
                props.append(f"line={f.line}")
            if f.col:
                props.append(f"col={f.col}")
            props.append(f"title={f.code} {RULES[f.code].name}".replace(",", "%2C").replace(":", "%3A"))
            out.append(f"::{level} {','.join(props)}::{_escape_github(f.message(lang))}")
    return "\n".join(out) + ("\n" if out else "")


def _artifact(file: str) -> dict:
    """A file as SARIF wants it: a URI, percent-encoded (计划.md is %E8%AE%A1%E5%88%92.md). A
    relative path stays relative to the checkout (`uriBaseId` %SRCROOT%, what GitHub code
    scanning resolves); an absolute one becomes a file:// URI."""
    path = Path(file)
    if path.is_absolute():
        return {"uri": path.as_uri()}
    return {"uri": quote(path.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def format_sarif(results: list[FileResult], lang: str) -> str:
    """SARIF 2.1.0, the format GitHub code scanning uploads."""
    rules = [
        {"id": rule.code, "name": rule.name,
         "shortDescription": {"text": rule.summary(lang)},
         "fullDescription": {"text": f"{rule.summary('zh')} / {rule.summary('en')}"},
         "defaultConfiguration": {"level": {"info": "note"}.get(rule.severity, rule.severity)}}
        for rule in RULES.values()
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results = []
    for r in results:
        for f in r.findings:
            physical: dict = {"artifactLocation": _artifact(f.file or r.path)}
            if f.line:  # a finding about the whole file has no region (not a made-up line 1)
                physical["region"] = {"startLine": f.line, **({"startColumn": f.col} if f.col else {})}
            sarif_results.append({
                "ruleId": f.code, "ruleIndex": index[f.code],
                "level": {"info": "note"}.get(f.severity, f.severity),
                "message": {"text": f.message(lang)},
                "locations": [{"physicalLocation": physical}],
            })
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "planforge", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/planforge/", "rules": rules}},
            "results": sarif_results,
        }],
    }
    import json

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REPORTER_BY_NAME = {"text": format_text, "json": format_json, "github": format_github, "sarif": format_sarif}
