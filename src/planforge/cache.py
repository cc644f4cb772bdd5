"""Where planforge keeps what it may rebuild at any time: the user's cache folder.

Under `planforge/` there: a LibreOffice profile (render/pdf.py), compiled templates
(templating.py), the DOCX package around a body (render/docx_skeleton.py), the compiled code
of its patterns (patterns.py) and of the code the standard library writes as it starts
(startup_code.py). Each is named by what made it, and a folder that cannot be found, read or
written only costs the time of making it again. A module of its own, importing nothing of
planforge's, so that patterns.py, which every module imports, can use it.

Every upgrade of planforge, Python or a library names new files, and the old ones would stay
for ever: so a use dates what it used (`mark_used`), and the rare run that keeps something new
removes what no run has used for `UNUSED_DAYS` (`prune_unused`).
"""

from __future__ import annotations

import os
from pathlib import Path

UNUSED_DAYS = 30  # a kept thing no run used for this long is removed when a run keeps something
_DAY = 86_400
_pruned = False  # once per run
_KEPT_FOLDERS = ("templates-", "docx-", ".libreoffice-profile-")  # the last: a profile a killed PDF run was building


def cache_root() -> Path | None:
    """The user's cache folder (`XDG_CACHE_HOME` when absolute, as the XDG rules say, `~/.cache`,
    or `%LOCALAPPDATA%`); None where there is no home to find (a container's user with no entry
    in the password file and no HOME)."""
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA")
        if local:
            return Path(local)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        if xdg and os.path.isabs(xdg):
            return Path(xdg)
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    return home / "AppData" / "Local" if os.name == "nt" else home / ".cache"


def planforge_cache() -> Path | None:
    """planforge's folder in the user's cache folder, or None where there is none."""
    root = cache_root()
    return None if root is None else root / "planforge"


def kept_file(kind: str, made_by: str) -> Path | None:
    """The file in planforge's cache folder that keeps `kind` as made by `made_by` (the Python
    that made it, say): `<kind>-<checksum of made_by>.marshal`; None where there is no folder."""
    import zlib  # a checksum names the file: hashlib's import alone took 3 ms

    cache = planforge_cache()
    return None if cache is None else cache / f"{kind}-{zlib.crc32(made_by.encode()):08x}.marshal"


def read_marshalled(path: Path | None, max_bytes: int | None = None) -> dict:
    """The dict a file of kept code holds (`marshal`, as `write_whole` wrote it); empty when
    there is no file, it cannot be read whole or it is larger than `max_bytes`."""
    if path is not None:
        try:
            import marshal

            status = path.stat()
            if max_bytes is not None and status.st_size > max_bytes:
                return {}
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict):
                mark_used(path, status.st_mtime)
                return loaded
        except (OSError, ValueError, EOFError, TypeError, MemoryError):  # a damaged file may claim a huge size
            pass
    return {}


def can_make(path: Path) -> bool:
    """Can the file `path` be made (its folder made if need be)? `os.access` says so for a
    read-only file system too, where root may write any folder of a writable one."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(path.parent, os.W_OK)


def write_whole(path: Path, data: bytes) -> None:
    """`data` written to a temporary file beside `path` and renamed into place: a reader sees the
    old file or the new one. Raises OSError (or ValueError) when the folder refuses it."""
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    prune_unused()


def mark_used(path: Path, modified: float | None = None) -> None:
    """Date `path` (a kept file, or the folder of a kept kind) as used now: its modification time
    is what `prune_unused` reads, moved forward at most once a day (a run that reads a table
    writes nothing, as a rule). `modified`: its modification time, when the caller has it."""
    import time

    try:
        if modified is None:
            modified = path.stat().st_mtime
        if time.time() - modified > _DAY:
            os.utime(path)
    except OSError:  # someone else's file, a read-only home: it may be pruned and made again
        pass


def prune_unused() -> None:
    """Remove from planforge's cache folder what planforge keeps there (`*.marshal` tables, the
    `templates-…` and `docx-…` folders, a temporary file or LibreOffice profile a killed run
    left) and no run has used for UNUSED_DAYS: another version's or another Python's, or a
    command's nobody runs any more, which is made again if it is wanted after all. The kept
    LibreOffice profile and whatever else is there are left alone. Called by a run that has
    just kept something: after an upgrade, that is the first run; other runs only read."""
    global _pruned
    cache = planforge_cache()
    if _pruned or cache is None:
        return
    _pruned = True
    import shutil
    import time

    oldest = time.time() - UNUSED_DAYS * _DAY
    try:
        entries = list(os.scandir(cache))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= oldest:
                continue
            if entry.is_dir(follow_symlinks=False) and entry.name.startswith(_KEPT_FOLDERS):
                shutil.rmtree(entry.path, ignore_errors=True)
            elif entry.is_file(follow_symlinks=False) and _a_kept_file(entry.name):
                os.unlink(entry.path)
        except OSError:  # gone already (another run pruned it), or not ours to remove
            continue


def _a_kept_file(name: str) -> bool:
    """A table (`kept_file`), or what a run killed in `write_whole` left of one."""
    return name.endswith(".marshal") or (name.startswith(".") and ".marshal." in name)
