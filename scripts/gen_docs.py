"""Write docs/rules.md from the rule registry, so the list users read cannot drift from the code.

    python scripts/gen_docs.py          # rewrite docs/rules.md
    python scripts/gen_docs.py --check  # exit 1 if it is out of date (a test runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _why(rule) -> str:
    """The docstring's prose: everything but the PASS/FAIL lines, joined into one paragraph each."""
    paragraphs, current = [], []
    for line in rule.doc.splitlines():
        stripped = line.strip()
        if stripped.split(None, 1)[:1] in (["PASS"], ["FAIL"]):
            continue
        if not stripped:
            if current:
                paragraphs.append(" ".join(current))
            current = []
        else:
            current.append(stripped)
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def rules_markdown() -> str:
    from planforge.lint.registry import RULES
    from planforge.lint.rule import examples

    lines = ["# 规则列表 / Rules", "", "由 `scripts/gen_docs.py` 从规则注册表生成，请勿手改。",
             "Generated from the rule registry by `scripts/gen_docs.py`; do not edit by hand.", "",
             "| 代码 | 名称 | 默认级别 | 说明 | Description |", "| --- | --- | --- | --- | --- |"]
    for rule in RULES.values():
        scope = "（仅文档）" if rule.documents_only else ""
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.summary('zh')}{scope} | {rule.summary('en')} |")
    for rule in RULES.values():
        if rule.check is None:
            continue
        lines += ["", f"## {rule.code} `{rule.name}` ({rule.severity})", "", f"{rule.summary('zh')}。{_why(rule)}"]
        for example in examples(rule):
            if example.kind == "progress":
                spec, record = example.text.split(" || ")
                lines += ["", f"**{example.verdict}** (规格片段与进度记录片段 / spec and progress record fragments):", "",
                          "```yaml", spec, "```", "", "```yaml", record, "```"]
                continue
            where = "文档 / document" if example.kind == "doc" else "规格片段 / spec fragment"
            lines += ["", f"**{example.verdict}** ({where}):", "", "```" + ("text" if example.kind == "doc" else "yaml"),
                      example.text.replace("\\n", "\n") if example.kind == "doc" else example.text, "```"]
    return "\n".join(lines) + "\n"


def main() -> int:
    target = ROOT / "docs" / "rules.md"
    text = rules_markdown()
    if "--check" in sys.argv:
        return 0 if target.exists() and target.read_text(encoding="utf-8") == text else 1
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
