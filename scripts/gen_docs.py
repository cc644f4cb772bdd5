"""Write docs/rules.md from the rule registry, so the list users read cannot drift from the code.

    python scripts/gen_docs.py          # rewrite docs/rules.md
    python scripts/gen_docs.py --check  # exit 1 if it is out of date (a test runs this)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rules_markdown() -> str:
    from planforge.lint.engine import RULES  # importing the engine registers every rule

    lines = ["# 规则列表 / Rules", "", "由 `scripts/gen_docs.py` 从规则注册表生成，请勿手改。",
             "Generated from the rule registry by `scripts/gen_docs.py`; do not edit by hand.", "",
             "| 代码 | 名称 | 默认级别 | 说明 | Description |", "| --- | --- | --- | --- | --- |"]
    for rule in RULES.values():
        scope = "（仅文档）" if rule.documents_only else ""
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.summary_zh}{scope} | {rule.summary_en} |")
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
