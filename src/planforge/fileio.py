"""Reading users' files safely and writing ours atomically.

Inputs: a size limit checked before reading, then UTF-8 (with or without BOM), else GB18030 for
files saved by Chinese Windows. A UTF-8 file with one corrupt byte is reported with the byte's
offset rather than being misread as GB18030 mojibake.

Outputs: written to a temporary file in the target directory and renamed over the target, so an
interrupted write never leaves half a file; `exclusive=True` refuses to replace an existing file
(the user's edited spec) even if it appears between our check and our write.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planforge.errors import InputError, Problem, usage_error

DEFAULT_MAX_BYTES = 16 * 1024 * 1024


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    name = str(path)
    if not path.exists():
        raise usage_error("file_not_found", path=name)
    if not path.is_file():
        raise usage_error("not_a_file", path=name)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError([Problem("PF003", "file_too_large", {"size": size, "limit": max_bytes}, file=name)])
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise usage_error("read_failed", reason=exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:  # the file grew while we looked
        raise InputError([Problem("PF003", "file_too_large", {"size": len(data), "limit": max_bytes}, file=name)])
    return data


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16 with its BOM
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _undecodable(name, exc.start) from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    try:
        return data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Chinese text already read as UTF-8 before the bad byte means a UTF-8 file with a corrupt
    # byte, not a GBK file (GBK pairs that happen to be valid UTF-8 decode to Latin letters).
    prefix = data[: utf8_error.start].decode("utf-8", errors="replace")
    if bom or any(ch >= "\u3000" and ch != "\ufffd" for ch in prefix):
        raise _undecodable(name, utf8_error.start + (3 if bom else 0))
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise _undecodable(name, exc.start) from exc


def _undecodable(name: str, offset: int) -> InputError:
    return InputError([Problem("PF003", "undecodable", {"offset": offset}, file=name)])


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    data = read_bytes(path, max_bytes)
    return decode(data, str(path))


def _mode_for(path: Path) -> int:
    """mkstemp makes 0600 files: give the output the mode an ordinary write would have had."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write `data` to `path` via a temporary file in the same directory.

    With `exclusive`, an existing `path` is never replaced (the link fails instead). A symlink
    is written through, not replaced by a file: the user's link (a shared plan folder) stays."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if exclusive and path.exists():
            raise usage_error("exists_no_force", path=str(path))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        try:
            os.chmod(tmp_name, _mode_for(path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if exclusive:
                try:
                    os.link(tmp_name, path)
                except FileExistsError:
                    raise usage_error("exists_no_force", path=str(path)) from None
                except OSError:  # no hard links here (some network shares): a narrower guard
                    if path.exists():
                        raise usage_error("exists_no_force", path=str(path)) from None
                    os.replace(tmp_name, path)
                else:
                    os.unlink(tmp_name)
            else:
                os.replace(tmp_name, path)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
    except OSError as exc:
        raise usage_error("write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
