"""The `.docx` we deliver, opened in LibreOffice: the layout a reader gets, not the XML we meant.

LibreOffice lays the delivered file out to PDF and pdftotext reads back where each line landed:
22 lines a page, 28 characters a full line, and the same after a LibreOffice round trip (a
Collabora or LibreOffice user saving the file), whose grid must stay one Word reads right.
Skipped, with the reason, where LibreOffice or pdftotext is not installed (.ci/run installs both
when it may use apt-get).
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"),
]


def _soffice(tmp_path: Path, target: str, source: Path, outdir: Path) -> Path:
    outdir.mkdir(exist_ok=True)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=240)
    suffix = target.split(":")[0]
    return outdir / f"{source.stem}.{suffix}"


def _lines(pdf: Path, page: int) -> list[tuple[float, str]]:
    """(baseline, text) of each line on a page, the page number left out."""
    xhtml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout
    words: dict[float, list[tuple[float, str]]] = {}
    for y, x, word in ((float(m.group(2)), float(m.group(1)), m.group(3)) for m in
                       re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', xhtml)):
        words.setdefault(round(y), []).append((x, word))
    lines = [(y, "".join(w for _, w in sorted(ws))) for y, ws in sorted(words.items())]
    return [(y, text) for y, text in lines if not re.fullmatch(r"—\d+—", text)]


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1 for ch in text)


@pytest.fixture(scope="module")
def delivered(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("lo")
    docx = tmp / "bureau.docx"
    result = run_cli("render", str(EXAMPLES / "bureau-union-2027.yaml"), "--to", "docx", "-o", str(docx))
    assert result.returncode == 0, result.stderr
    return docx, _soffice(tmp, "pdf", docx, tmp / "pdf")


def _assert_gbt9704_page(pdf: Path) -> None:
    page = _lines(pdf, 2)  # page 2: body text only, no title
    assert len(page) == 22, [t for _, t in page]
    pitches = {round(b - a) for (a, _), (b, _) in itertools.pairwise(page)}
    assert pitches <= {28, 29, 30}  # 28.95 pt: one grid line each, none double-spaced
    widths = [_width(text) for _, text in page]
    assert 27.5 <= max(widths) <= 28.5  # a full line holds 28 characters: not 27, not 29


def test_the_delivered_docx_sets_22_lines_of_28_characters(delivered):
    _assert_gbt9704_page(delivered[1])


def test_a_libreoffice_round_trip_leaves_a_file_word_reads_right(delivered, tmp_path):
    docx, _ = delivered
    again = _soffice(tmp_path, "docx:MS Word 2007 XML", docx, tmp_path / "round")
    grid = re.search(r"<w:docGrid [^>]*>", zipfile.ZipFile(again).read("word/document.xml").decode())
    assert grid and 'w:type="lines"' in grid.group(0)
    space = re.search(r'w:charSpace="(\d+)"', grid.group(0))
    assert space is None or int(space.group(1)) == 0  # never 4294966271, a negative value written unsigned
    _assert_gbt9704_page(_soffice(tmp_path, "pdf", again, tmp_path / "round-pdf"))


def test_no_line_of_a_paragraph_holds_one_character_alone(delivered):
    """`度）` alone on the last line of 二季度） is condensed back into the paragraph."""
    first = _lines(delivered[1], 1)
    assert not [text for _, text in first if 0 < _width(text) <= 1]
    assert any(text.endswith("完成时限：二季度）") for _, text in first)
