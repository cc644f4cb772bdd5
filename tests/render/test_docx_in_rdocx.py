"""The delivered `.docx` laid out by a second engine: rdocx, a layout engine of its own (Rust,
on the package index), which shares no code with LibreOffice.

Every example is laid out to PDF by rdocx and read back with pdftotext, measured as the
LibreOffice test measures (planforge.render.pdf_lines): 22 lines on every full body page, 28
characters on a full line, and the same pages as LibreOffice where both are installed. Skipped,
with the reason, where rdocx (the test extra) or pdftotext is missing.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ALL_EXAMPLES
from layout_sample import LAYOUT, LINES, TOP, build_documents, full_body_pages, grid_figures, on_the_grid

from planforge.render.pdf_lines import first_attachment, lines_short, read_pages

rdocx = pytest.importorskip("rdocx", reason="rdocx is not installed (pip install 'planforge[test]')")
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")

EXAMPLE_NAMES = {spec.stem for spec in ALL_EXAMPLES}


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory):
    """name → (the .docx, its pages as rdocx lays them out)."""
    tmp = tmp_path_factory.mktemp("rdocx")
    result = {}
    for name, document in build_documents(tmp).items():
        pdf = tmp / f"{name}.pdf"
        pdf.write_bytes(rdocx.Document.open(str(document)).to_pdf())
        result[name] = (document, read_pages(pdf))
    return result


def test_every_full_body_page_of_an_example_holds_22_lines_of_28_characters(laid_out):
    judged = 0
    for name, (_, pages) in laid_out.items():
        if name not in EXAMPLE_NAMES or not on_the_grid(name):
            continue
        for page in full_body_pages(pages)[1:]:  # the first page holds the title
            if lines_short(page, TOP, LAYOUT.line_pitch, LINES):  # a page left short: not a full page
                continue
            lines, widest = grid_figures(page)
            assert lines == 22 and widest is not None and 27.5 <= widest <= 28.5, (name, page.number, lines, widest)
            judged += 1
    assert judged  # the bureau's second page at least


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_rdocx_and_libreoffice_agree_on_the_pages(laid_out, tmp_path):
    """The same number of pages, and the attachments starting on the same page, for every
    example and corpus plan: where the engines differ within a page, the README says how."""
    profile = (tmp_path / "lo-profile").as_uri()
    documents = [str(document) for document, _ in laid_out.values()]
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), *documents], check=True, capture_output=True, timeout=600)
    for name, (document, pages) in laid_out.items():
        libreoffice = read_pages(tmp_path / f"{document.stem}.pdf")
        assert (len(pages), first_attachment(pages)) == (len(libreoffice), first_attachment(libreoffice)), name
