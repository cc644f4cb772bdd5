"""Reading users' files safely and writing ours atomically.

Inputs: a size limit checked before reading, then UTF-8 (with or without BOM), else GB18030 for
files saved by Chinese Windows. A UTF-8 file with one corrupt byte is reported with the byte's
offset rather than being misread as GB18030 mojibake.

Outputs: a regular file is written to a temporary file in the target directory and renamed over
the target, so an interrupted write never leaves half a file; `exclusive=True` refuses to replace
an existing file (the user's edited spec) even if it appears between our check and our write. What
is not a regular file is never replaced: a standard stream (`/dev/stdout` behind `>> log.md`) is
written through its open descriptor, a device or FIFO in place; a symlink's target is replaced and
the link kept. `guard_output` refuses, before any work, an output that would destroy an input.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from planforge.errors import InputError, Problem, usage_error
from planforge.i18n import Bilingual
from planforge.limits import SNIFF_BYTES, SPEC_BYTES
from planforge.patterns import lazy


def read_bytes(path: Path, max_bytes: int = SPEC_BYTES) -> bytes:
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
        raise usage_error("read_failed", reason=os_reason(exc)) from exc
    if len(data) > max_bytes:  # the file grew while we looked
        raise InputError([Problem("PF003", "file_too_large", {"size": len(data), "limit": max_bytes}, file=name)])
    return data


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding name)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16 with its BOM
        encoding = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        try:
            return data[2:].decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise _undecodable(name, exc.start + 2) from exc
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


def encode(text: str, encoding: str) -> bytes:
    """The inverse of `decode`: the same encoding and byte-order mark the file came with."""
    if encoding in ("utf-16-le", "utf-16-be"):
        return (b"\xff\xfe" if encoding == "utf-16-le" else b"\xfe\xff") + text.encode(encoding)
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode(encoding)


def read_text(path: Path, max_bytes: int = SPEC_BYTES) -> tuple[str, str]:
    data = read_bytes(path, max_bytes)
    return decode(data, str(path))


@dataclass
class SourceFile:
    """A user's text file, read and decoded once, then used for everything: parsing, suppression
    comments, the line shown under a finding, and `--fix`, which writes back in the same encoding,
    byte-order mark and line endings. Reading a file twice with two decodings is how a UTF-16
    file's comments were ignored and a GB18030 file's excerpts came out as mojibake."""

    path: Path
    text: str
    encoding: str
    # The SHA-256 of the bytes as read, for a spec's provenance (import, rollover): hashed from the
    # one read, never read again. None for text that did not come from disk (an editor's buffer).
    sha256: str | None = field(default=None, repr=False)

    @functools.cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def newline(self) -> str:
        """The file's line ending: CRLF, LF, or a lone CR (old Mac files), which YAML also reads
        as a line break, so positions and edits must count it as one."""
        if "\r\n" in self.text:
            return "\r\n"
        return "\r" if "\r" in self.text and "\n" not in self.text else "\n"

    def encode(self, text: str) -> bytes:
        return encode(text, self.encoding)


def read_source(path: Path, max_bytes: int = SPEC_BYTES) -> SourceFile:
    data = read_bytes(path, max_bytes)
    return SourceFile(path, *decode(data, str(path)), sha256=hashlib.sha256(data).hexdigest())


def _mode_for(path: Path) -> int:
    """mkstemp makes 0600 files: give the output the mode an ordinary write would have had."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# The reasons an office user meets, in words; the rest are named by their errno code.
_OS_REASONS = {
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("操作不被允许", "operation not permitted"),
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
    errno.ENOSPC: ("磁盘空间不足", "no space left on the disk"),
    errno.EROFS: ("所在磁盘只读", "the disk is read-only"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.EEXIST: ("文件已存在", "the file exists"),
    errno.EBUSY: ("文件正被占用", "the file is busy"),
    errno.EIO: ("磁盘读写出错", "a disk input/output error"),
    errno.EMFILE: ("打开的文件太多", "too many open files"),
    errno.EPIPE: ("输出管道已关闭", "the output pipe was closed"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _OS_REASONS[errno.EDQUOT] = ("超出磁盘配额", "the disk quota is exceeded")


def os_reason(exc: OSError) -> Bilingual:
    """An OS error's reason in both languages (`strerror` speaks the C library's English)."""
    if exc.errno in _OS_REASONS:
        return Bilingual(*_OS_REASONS[exc.errno])
    code = errno.errorcode.get(exc.errno or 0, "")
    detail = exc.strerror or str(exc)
    return Bilingual(f"系统错误 {code}".strip(), f"{detail} ({code})" if code else detail)


_STREAM = lazy(r"^/(?:dev|proc/self)/(?:fd/(?P<fd>\d+)|(?P<name>stdout|stderr))$")


def stream_descriptor(path: Path) -> int | None:
    """The open descriptor a path names (/dev/stdout, /dev/fd/1, /proc/self/fd/2), if any."""
    m = _STREAM.match(str(path))
    if not m:
        return None
    return int(m.group("fd")) if m.group("fd") else (1 if m.group("name") == "stdout" else 2)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


_TOP_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?(planforge|title|sections|progress|plan|items)\s*:", re.MULTILINE)
# YAML's JSON form ({"planforge": 1, …}, as scripts emit it): a token at a time, so that only the
# keys of the outermost mapping count. A JSON Schema names `planforge`, `title` and `sections`
# too, but inside `properties`, one level down: it is not a plan.
_FLOW_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[{}\[\],:]|[^\s{}\[\],:"\']+')


def _top_level_flow_keys(head: bytes) -> set[bytes]:
    """The keys of the outermost mapping of a JSON-form document (its first 64 KB)."""
    keys: set[bytes] = set()
    depth, expect_key = 0, False
    for match in _FLOW_TOKEN.finditer(head):
        token = match.group()
        if token in (b"{", b"["):
            depth += 1
            expect_key = token == b"{" and depth == 1
        elif token in (b"}", b"]"):
            depth -= 1
        elif token == b",":
            expect_key = depth == 1
        elif token != b":" and expect_key:
            keys.add(token.strip(b"\"'"))
            expect_key = False
    return keys


def _top_level_keys(path: Path) -> set[bytes]:
    """The top-level keys in a file's first 64 KB, as block keys or in YAML's JSON form."""
    try:
        if not path.is_file():
            return set()
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return set()
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].decode("utf-16-le" if head[:1] == b"\xff" else "utf-16-be", errors="ignore").encode()
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _top_level_flow_keys(head)
    return {m.group(1) for m in _TOP_KEY.finditer(head)}


def is_plan_spec(path: Path) -> bool:
    """An existing file that holds a plan spec: the top-level `planforge:` key every spec we write
    opens with, or, for one written by hand without it, both required keys `title:` and
    `sections:` (a docker-compose.yml or a CI workflow has neither pair), as block keys or in
    YAML's JSON form. Only the first 64 KB are read."""
    keys = _top_level_keys(path)
    return b"planforge" in keys or {b"title", b"sections"} <= keys


def is_progress_record(path: Path) -> bool:
    """An existing file that holds a progress record: the top-level `progress:` key every record
    opens with, beside `plan:` or `items:`. A year of facts nobody can rebuild."""
    keys = _top_level_keys(path)
    return b"progress" in keys and bool({b"plan", b"items"} & keys)


def guard_output(target: Path, inputs: list[Path], force: bool, *, replace_record: bool = False) -> None:
    """Refuse, before any work, an output that would destroy what the user wrote: one of the
    inputs itself, an existing plan spec or an existing progress record. `--force` takes
    responsibility for all three; `replace_record` lets the commands that write a record
    (`progress init --force`, `import --progress-for --force`) replace one without also
    letting them replace a spec."""
    if target.is_dir():
        raise usage_error("output_is_folder", path=str(target))
    if force or stream_descriptor(target) is not None:
        return
    for source in inputs:
        if _same_file(target, source):
            raise usage_error("output_is_input", path=str(target))
    if is_plan_spec(target):
        raise usage_error("output_is_spec", path=str(target))
    if is_progress_record(target) and not replace_record:
        raise usage_error("output_is_record", path=str(target))


def write_atomic(path: Path, data: bytes, *, exclusive: bool = False) -> None:
    """Write `data` to `path`; see the module's docstring for what is replaced and what is not.

    With `exclusive`, an existing `path` is never replaced (the link fails instead). A symlink
    is written through, not replaced by a file: the user's link (a shared plan folder) stays."""
    descriptor = stream_descriptor(path)
    if descriptor is not None:
        _write_descriptor(descriptor, data, path)
        return
    try:
        mode = path.stat().st_mode  # follows a symlink
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise usage_error("output_is_folder", path=str(path))
        if exclusive:
            raise usage_error("exists_no_force", path=str(path))
        _write_in_place(path, data)
        return
    if mode is not None and not mode & 0o222:  # the user made it read-only: root could replace it, we don't
        raise usage_error("write_failed", path=str(path), reason=Bilingual("文件是只读的", "the file is read-only"))
    if path.is_symlink():
        path = Path(os.path.realpath(path))
        if path.is_symlink():  # still a link: they point at each other
            raise usage_error("write_failed", path=str(path), reason=Bilingual("链接循环指向自身", "the links point at each other"))
        if not path.parent.is_dir():  # a dangling link: its folder is not ours to make, where it points
            raise usage_error("write_failed", path=str(path),
                              reason=Bilingual("链接指向的文件夹不存在", "the link points into a folder that does not exist"))
    _refuse_a_dangling_folder_link(path)
    _replace_regular(path, data, exclusive)


def _refuse_a_dangling_folder_link(path: Path) -> None:
    """A link on the way to `path` (the file, or a folder it is in) that points at nothing (a share
    not mounted, a folder moved): the folder it names is not ours to make, there or here."""
    for folder in path.parents:
        if folder.is_symlink() and not folder.exists():
            raise usage_error("write_failed", path=str(path),
                              reason=Bilingual(f"链接 {folder} 指向的文件夹不存在", f"the link {folder} points at a folder that does not exist"))
        if folder.exists():
            return


def _write_descriptor(descriptor: int, data: bytes, path: Path) -> None:
    """Through the descriptor the shell opened: `>> log.md` appends, `> out.md` truncated already."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    except OSError as exc:
        raise usage_error("write_failed", path=str(path), reason=os_reason(exc)) from exc


def _write_in_place(path: Path, data: bytes) -> None:
    """A device or FIFO: opened for writing as it is, never created, truncated or replaced."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        try:
            _write_descriptor(fd, data, path)
        finally:
            os.close(fd)
    except OSError as exc:
        raise usage_error("write_failed", path=str(path), reason=os_reason(exc)) from exc


def _replace_regular(path: Path, data: bytes, exclusive: bool) -> None:
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
        raise usage_error("write_failed", path=str(path), reason=os_reason(exc)) from exc


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold `path` for a read-modify-write that other planforge processes also do (ten `progress
    set` at once on one record): read it again inside, then write it with `write_atomic`.

    On POSIX the file itself is locked (`flock`). `write_atomic` replaces the file by a new one,
    so a waiter that got the lock on the old file sees it was replaced and locks the new one.
    Windows cannot replace an open file, so there a lock file beside it is held instead
    (`.NAME.lock`, left in place: removing it would let two writers hold two different locks).
    A missing file is not locked: there is nothing to lose, and its reader says it is missing."""
    if not path.exists():
        yield
        return
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        yield from _locked_beside(path)
        return
    import fcntl

    while True:
        fd = os.open(path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            held, now = os.fstat(fd), os.stat(path)
        except BaseException:
            os.close(fd)
            raise
        if (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino):
            break
        os.close(fd)  # replaced while we waited: lock the file that is there now
    try:
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _locked_beside(path: Path) -> Iterator[None]:  # pragma: no cover - Windows only
    import msvcrt
    import time

    fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
                break
            except OSError:
                time.sleep(0.05)
        try:
            yield
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    finally:
        os.close(fd)
