"""Render every example to DOCX, PDF (LibreOffice) and PNG pages, for checking the layout by eye.

    python scripts/preview.py [--out build/preview] [--dpi 60]
    python scripts/preview.py --readme      # the README's pages: docs/pages/

Needs LibreOffice and poppler-utils (Debian: libreoffice-writer-nogui fonts-noto-cjk
fonts-arphic-gkai00mp fonts-arphic-gbsn00lp poppler-utils). Prints, per example, its pages and,
for each body page, the lines on it and the characters on a full line, counted as a person
counts them (planforge.render.pdf_lines: the page number is not a line, a first line's indent
counts its two characters, a digit is half a character), so a page that lost the 22 × 28 grid
shows up in the numbers as well as in the pictures. Exits 0 with a note when the tools are
absent (CI machines without LibreOffice).

`--readme` writes the pages of one example shown in the README (docs/pages/*.png) and the
fingerprint of the DOCX they were made from (docs/pages/SOURCE); tests/render/test_readme_pages.py
fails when the DOCX the writer makes today has another fingerprint, so the pictures cannot go
stale unnoticed. Pictures are not compared byte for byte: they depend on the machine's fonts and
LibreOffice version, the DOCX does not.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README_EXAMPLE = ROOT / "examples" / "bureau-union-2027.yaml"
README_PAGES = ROOT / "docs" / "pages"


def docx_fingerprint(data: bytes) -> str:
    """SHA-256 over the package's members, names and contents in order: the same for the same
    document whenever it was zipped (the zip's own timestamps are the build's)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            digest.update(name.encode() + b"\0" + package.read(name) + b"\0")
    return digest.hexdigest()


def _render(spec: Path, fmt: str, target: Path) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1798761600"}  # 2027-01-01: the same spec, the same DOCX
    subprocess.run([sys.executable, "-m", "planforge", "render", str(spec), "--to", fmt, "-o", str(target), "--force"],
                   check=True, capture_output=True, env=env)


def _measure(spec: Path, pdf: Path) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from planforge.render.pdf_lines import first_attachment, full_line, lines_short, read_pages
    from planforge.render.presets import resolve_layout
    from planforge.spec.load import load_plan

    layout = resolve_layout(load_plan(spec).plan.style)  # `common` sets 28 pt lines off the grid
    lines_per_page = round((297 - layout.margins_mm[0] - layout.margins_mm[1]) / 25.4 * 72 / layout.line_pitch)
    top, left = layout.margins_mm[0] / 25.4 * 72, layout.margins_mm[2] / 25.4 * 72
    pages = read_pages(pdf)
    body = pages[: first_attachment(pages)]
    print(f"{spec.stem}: {len(pages)} pages, {len(body)} of body")
    for page in body:
        full = full_line(page, left, layout.body_size)
        short = lines_short(page, top, layout.line_pitch, lines_per_page)
        print(f"  page {page.number}: {len(page.lines)} lines" + (f", {short} left empty at the foot" if short else "")
              + (f", a full line {full:g} characters" if full else ""))


def _readme_pages(dpi: int) -> int:
    README_PAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        docx, pdf = Path(tmp) / "plan.docx", Path(tmp) / "plan.pdf"
        _render(README_EXAMPLE, "docx", docx)
        _render(README_EXAMPLE, "pdf", pdf)
        for old in README_PAGES.glob("*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(README_PAGES / README_EXAMPLE.stem)], check=True)
        (README_PAGES / "SOURCE").write_text(docx_fingerprint(docx.read_bytes()) + "\n", encoding="utf-8")
    print(f"pages in {README_PAGES.relative_to(ROOT)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "preview")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--readme", action="store_true", help="write the README's pages to docs/pages/")
    args = parser.parse_args()
    missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (see the docstring for the packages)")
        return 0
    if args.readme:
        return _readme_pages(args.dpi)
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in sorted((ROOT / "examples").glob("*.yaml")):
        pdf = args.out / f"{spec.stem}.pdf"
        _render(spec, "docx", args.out / f"{spec.stem}.docx")
        _render(spec, "pdf", pdf)
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out / spec.stem)], check=True)
        _measure(spec, pdf)
    print(f"pictures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
