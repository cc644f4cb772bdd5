"""Render every example to DOCX, PDF (LibreOffice) and PNG pages, for checking the layout by eye.

    python scripts/preview.py [--out build/preview] [--dpi 60]

Needs LibreOffice and poppler-utils (Debian: libreoffice-writer-nogui fonts-noto-cjk
fonts-arphic-gkai00mp fonts-arphic-gbsn00lp poppler-utils). Prints, per example, the pages, the
lines found on each body page and the characters on its longest line, so a page that lost the
22 × 28 grid shows up in the numbers as well as in the pictures. Exits 0 with a note when the
tools are absent (CI machines without LibreOffice).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "preview")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()
    missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed (see the docstring for the packages)")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in sorted((ROOT / "examples").glob("*.yaml")):
        pdf = args.out / f"{spec.stem}.pdf"
        for fmt, target in (("docx", args.out / f"{spec.stem}.docx"), ("pdf", pdf)):
            subprocess.run([sys.executable, "-m", "planforge", "render", str(spec), "--to", fmt, "-o", str(target)],
                           check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out / spec.stem)], check=True)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        pages = text.split("\f")[:-1]
        body_lines = [len([ln for ln in page.splitlines() if ln.strip()]) for page in pages]
        widest = max((len(ln.strip().replace(" ", "")) for page in pages[1:2] for ln in page.splitlines()), default=0)
        print(f"{spec.stem}: {len(pages)} pages, non-empty lines per page {body_lines}, widest line on page 2: {widest} chars")
    print(f"pictures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
