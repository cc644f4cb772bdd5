"""Every example's Markdown, byte for byte, against tests/golden/: a change to wording, numbering
or layout shows as a diff to read, not as three substrings that still happen to match."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ALL_EXAMPLES


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_markdown_matches_its_golden_file(example: Path, golden):
    from planforge.render.markdown import render_markdown
    from planforge.spec.load import load_plan

    golden(f"{example.stem}.md", render_markdown(load_plan(example).plan))


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_lint_findings_match_their_golden_file(example: Path, golden):
    from planforge.lint.engine import LintConfig, lint_file
    from planforge.lint.output import format_text

    text = format_text([lint_file(example, LintConfig())], "zh").replace(str(example), example.name)
    golden(f"{example.stem}.lint.txt", text)
