"""DOCX → PDF through LibreOffice, when it is installed.

LibreOffice is the only free converter that lays out a DOCX faithfully; it is optional, so its
absence is a plain message naming the packages to install, not a crash.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from planforge import limits
from planforge.errors import usage_error
from planforge.i18n import Bilingual
from planforge.templating import builtin_templates


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
        returncode, output = _run_group(cmd, env)
        pdf = Path(tmp) / "plan.pdf"
        if returncode != 0 or not pdf.exists():
            raise usage_error("pdf_failed", detail=output.strip()[-300:] or f"exit {returncode}")
        return pdf.read_bytes()


def _run_group(cmd: list[str], env: dict) -> tuple[int, str]:
    """Run soffice in a process group of its own and end the whole group on every way out.

    `soffice` is a wrapper that starts `soffice.bin`; killing only the wrapper (what a timeout in
    subprocess.run does) orphans the real office, which keeps the profile folder busy. A SIGTERM to
    planforge arrives here as SystemExit (see cli._terminate), and the `finally` ends the group too,
    so the temporary profile is removed with its folder."""
    process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=limits.PDF_SECONDS)
    except subprocess.TimeoutExpired:
        raise usage_error("pdf_failed", detail=Bilingual(f"LibreOffice 超过 {limits.PDF_SECONDS} 秒未完成",
                                                         f"timeout after {limits.PDF_SECONDS} s")) from None
    finally:
        _end_group(process)
    return process.returncode, output.decode("utf-8", errors="replace")


def _end_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)  # the wrapper's children too, even if it has exited
    except (ProcessLookupError, PermissionError, AttributeError):  # gone already; no killpg on Windows
        if process.poll() is None:
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # a process that survives SIGKILL: give up waiting
        process.wait(timeout=10)
