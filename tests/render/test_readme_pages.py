"""The README's pictures of the bureau example are pages of the DOCX the writer makes today.

`python scripts/preview.py --readme` writes them (LibreOffice, pdftoppm) with the fingerprint of
the DOCX they show. Pictures depend on the machine's fonts and LibreOffice's version, so they are
not compared here: the DOCX is, which depends on nothing but the code. A change to the writer
that alters the file fails this test until the pictures are made again.
"""

from __future__ import annotations

import importlib.util
import re

from conftest import ROOT, run_cli

_spec = importlib.util.spec_from_file_location("preview", ROOT / "scripts" / "preview.py")
preview = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(preview)


def test_the_readme_pages_show_the_docx_made_today(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # as the script renders
    target = tmp_path / "plan.docx"
    result = run_cli("render", str(preview.README_EXAMPLE), "--to", "docx", "-o", str(target))
    assert result.returncode == 0, result.stderr
    recorded = (preview.README_PAGES / "SOURCE").read_text(encoding="utf-8").strip()
    assert preview.docx_fingerprint(target.read_bytes()) == recorded, "run: python scripts/preview.py --readme"


def test_the_readme_shows_every_page_it_has():
    shown = set(re.findall(r"docs/pages/([\w-]+\.png)", (ROOT / "README.md").read_text(encoding="utf-8")))
    made = {path.name for path in preview.README_PAGES.glob("*.png")}
    assert shown and shown <= made


def test_examples_hold_specs_not_build_products():
    """A PDF or DOCX left in examples/ goes stale with the next change to the writer (a 7-page
    PDF with `附件：1.2027` outlived both); the built pages live in docs/pages/, checked above."""
    assert {path.suffix for path in (ROOT / "examples").iterdir()} <= {".yaml"}
