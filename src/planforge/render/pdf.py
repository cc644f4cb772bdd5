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
from planforge.cache import planforge_cache
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
    with tempfile.TemporaryDirectory(prefix="planforge-pdf-") as tmp, _profile() as profile:
        source = Path(tmp) / "plan.docx"
        source.write_bytes(data)
        cmd = [soffice, f"-env:UserInstallation={profile.folder.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", tmp, str(source)]
        env = {**os.environ, "FONTCONFIG_FILE": str(_fontconfig_with_aliases(Path(tmp)))}
        try:
            returncode, output = _run_group(cmd, env)
        except BaseException:  # a timeout or Ctrl+C: the office was killed mid-run, its profile with it
            profile.failed = True
            raise
        pdf = Path(tmp) / "plan.pdf"
        if returncode != 0 or not pdf.exists():
            profile.failed = True
            raise usage_error("pdf_failed", detail=output.strip()[-300:] or f"exit {returncode}")
        return pdf.read_bytes()


class _Profile:
    """A LibreOffice user profile for one conversion: `folder`, and whether the run failed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.failed = False


@contextlib.contextmanager
def _profile():
    """The user's own planforge LibreOffice profile, reused: a first start builds a profile of a
    few megabytes, which is a third of a small conversion. It lives in the user's cache folder,
    never the user's LibreOffice profile (a running office or a first-start dialog must not block
    us). It is built in a temporary folder and renamed into place only after a conversion worked,
    so a half-built profile is never reused; a profile a conversion failed with is dropped. While
    another planforge holds it (a lock), or where there is no cache folder, a private temporary
    profile is used, as before."""
    cache = planforge_cache()
    lock = _try_lock(cache)
    if lock is None or cache is None:
        with tempfile.TemporaryDirectory(prefix="planforge-profile-") as private:
            yield _Profile(Path(private) / "profile")
        return
    kept = cache / "libreoffice-profile"
    try:
        if kept.is_dir():
            profile = _Profile(kept)
            try:
                yield profile
            finally:
                if profile.failed:
                    shutil.rmtree(kept, ignore_errors=True)
            return
        building = Path(tempfile.mkdtemp(prefix=".libreoffice-profile-", dir=cache))
        profile = _Profile(building / "profile")
        try:
            yield profile
            if not profile.failed and profile.folder.is_dir():
                os.replace(profile.folder, kept)
        finally:
            shutil.rmtree(building, ignore_errors=True)
    finally:
        lock.close()


def _try_lock(cache: Path | None):
    """An open, exclusively locked file in `cache`, or None (no cache folder, busy, read-only, or
    no flock)."""
    if cache is None:
        return None
    try:
        import fcntl
    except ImportError:  # Windows: private profiles, as before
        return None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        handle = open(cache / "libreoffice-profile.lock", "a")  # noqa: SIM115 (closed by the caller)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


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
