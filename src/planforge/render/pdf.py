"""DOCX → PDF through LibreOffice, when it is installed.

LibreOffice is the only free converter that lays out a DOCX faithfully; it is optional, so its
absence is a plain message naming the packages to install, not a crash.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from planforge.errors import usage_error
from planforge.render.templating import builtin_templates

TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _fontconfig_with_aliases(folder: Path) -> Path:
    """A fontconfig file that includes the system's and our aliases (Windows font names → free
    fonts), so the PDF shows 黑体, 楷体 and 仿宋 levels apart without any set-up by the user."""
    aliases = builtin_templates() / "fontconfig" / "planforge-fonts.conf"
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{system}</include>\n'
        f'  <include ignore_missing="yes">{aliases}</include>\n</fontconfig>\n',
        encoding="utf-8",
    )
    return conf


def docx_to_pdf(data: bytes) -> bytes:
    soffice = find_soffice()
    if soffice is None:
        raise usage_error("no_soffice")
    with tempfile.TemporaryDirectory(prefix="planforge-pdf-") as tmp:
        source = Path(tmp) / "plan.docx"
        source.write_bytes(data)
        # A private profile: a running LibreOffice or a first-start dialog must not block us.
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", tmp, str(source)]
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig_with_aliases(Path(tmp)))}
        try:
            result = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env)
        except subprocess.TimeoutExpired:
            raise usage_error("pdf_failed", detail=f"timeout after {TIMEOUT_SECONDS} s") from None
        pdf = Path(tmp) / "plan.pdf"
        if result.returncode != 0 or not pdf.exists():
            raise usage_error("pdf_failed", detail=(result.stderr or result.stdout).strip()[-300:] or f"exit {result.returncode}")
        return pdf.read_bytes()
