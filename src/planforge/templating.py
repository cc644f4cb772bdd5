"""Jinja2 in a sandbox: built-in templates, or an organisation's own with the same names.

User templates are untrusted input (a colleague's file, a download): they run in Jinja2's
immutable sandbox with StrictUndefined, so a typo is a located error rather than a silent blank;
they see only the view's plain data, never a model object; they cannot read files outside their
directory, even through a symlink; `*`/`**` are bounded so `'x' * 10**9` fails fast; and a
user's template renders in a confined child process (`planforge.confine`) so a loop of 10^10
steps or a ten-gigabyte `join`, both legal inside the sandbox, end in a message instead of a hung or swapping machine.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from planforge import confine, limits
from planforge.errors import InputError, Problem

MAX_SEQUENCE = 1_000_000  # characters or items a `*` may build


def builtin_templates() -> Path:
    """The `templates/` folder: inside the installed package, or at the top of a source checkout.
    Found beside this file, not through importlib.resources (2 ms of a cold render, with the
    zip reader it loads): Jinja2 and LibreOffice read templates and fonts as files on disk, which
    a package run from a zip could not offer them anyway."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parents[1] / "templates"


class _OutsideTemplateDir(SecurityError):
    """A template file (or the symlink it is) resolving outside the template folders."""


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses files resolving outside its folders (symlinks included)."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        roots = [os.path.realpath(p) for p in self.searchpath]
        if not any(real == root or real.startswith(root + os.sep) for root in roots):
            raise _OutsideTemplateDir(template)

        def unchanged() -> bool:
            """A template compiled earlier in this process is reused only while its file holds the
            same text: a second edit within the file system's timestamp step still counts."""
            try:
                with open(filename, "rb") as file:  # as Jinja2 reads it: no newline translation
                    return uptodate() and file.read().decode(self.encoding) == source
            except (OSError, UnicodeDecodeError):
                return False

        return source, filename, unchanged


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    untrusted = False  # True when a user's template folder is searched: render it confined
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError("exponent too large")
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_SEQUENCE:
                    raise SecurityError("repetition too large")
        return super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj, attr, value):
        # The view (render/view.py) carries the model nodes it was made from; they are the
        # writers', not the template's: a template reads the view's plain data only.
        return not isinstance(value, BaseModel) and super().is_safe_attribute(obj, attr, value)


class _QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk, for the next cold start. Jinja2 keys each by the template's name
    and file and keeps it only while the source's checksum matches (an edited template compiles
    anew); a cache that cannot be read or written (a read-only home, a damaged file) is skipped."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign file: compile from the source instead
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """The on-disk cache of compiled templates, in a folder named by this module's source and
    Jinja2's version: what the sandbox compiles in (the intercepted `*`, the block options) is
    written here, so code compiled under other settings is never loaded."""
    from planforge.cache import mark_used, planforge_cache, prune_unused

    cache = planforge_cache()
    if cache is None:
        return None
    key = hashlib.sha256(Path(__file__).read_bytes() + jinja2.__version__.encode()).hexdigest()[:16]
    folder = cache / f"templates-{key}"
    try:
        folder.mkdir(mode=0o700, parents=True)
    except FileExistsError:
        if not folder.is_dir():
            return None
        mark_used(folder)
    except OSError:
        return None
    else:
        prune_unused()  # a new folder: the first render after an upgrade
    return _QuietBytecodeCache(str(folder))


_ENVIRONMENTS: dict[tuple[str, str | None, str | None], jinja2.Environment] = {}


def make_environment(subdir: str, user_dir: Path | None = None) -> jinja2.Environment:
    """The sandboxed environment for a template folder (a user's, searched before the built-in
    one), made once per folder and process: it keeps the templates it compiled, reloads one whose
    file changed, and starts from the compiled templates on disk. A relative folder is the current
    folder's, as its messages name it."""
    relative_to = None if user_dir is None or user_dir.is_absolute() else os.getcwd()
    key = (subdir, None if user_dir is None else str(user_dir), relative_to)
    env = _ENVIRONMENTS.get(key)
    if env is None:
        env = _ENVIRONMENTS[key] = _new_environment(subdir, user_dir)
    return env


def _new_environment(subdir: str, user_dir: Path | None) -> jinja2.Environment:
    paths = []
    if user_dir is not None:
        paths.append(str(user_dir))
    paths.append(str(builtin_templates() / subdir))
    env = _BoundedSandbox(
        loader=_ConfinedLoader(paths),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.untrusted = user_dir is not None
    return env


def _template_frame(exc: BaseException, roots: list[str]) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template file."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and (frame.filename.endswith(".j2") or any(frame.filename.startswith(r) for r in roots)):
            return frame.filename, frame.lineno
    return None, None


def render(env: jinja2.Environment, name: str, context: dict) -> str:
    """`name` rendered with `context`; every failure an InputError located in the template."""
    if not getattr(env, "untrusted", False):
        return _render_here(env, name, context)
    try:
        return confine.run_confined(lambda: _render_here(env, name, context))
    except confine.LimitExceeded as exc:
        key = "template_too_slow" if exc.what == "time" else "template_too_big"
        folders = getattr(env.loader, "searchpath", None) or ["."]  # the user's folder comes first
        user_copy = os.path.join(folders[0], name)
        file = user_copy if os.path.exists(user_copy) else name
        raise InputError([Problem("PF004", key, {"seconds": int(confine.template_seconds())}, file=file)]) from None


def _render_here(env: jinja2.Environment, name: str, context: dict) -> str:
    roots = list(getattr(env.loader, "searchpath", []))
    try:
        template = env.get_template(name)
        text = template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError([Problem("PF004", "template_error", {"detail": exc.message}, file=exc.filename or name, line=exc.lineno)]) from None
    except jinja2.TemplateNotFound as exc:
        raise InputError([Problem("PF004", "template_not_found", {"name": exc.name}, file=name)]) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc, roots)
        raise InputError([Problem("PF004", "template_undefined", {"detail": exc.message}, file=file or name, line=line)]) from None
    except _OutsideTemplateDir as exc:
        raise InputError([Problem("PF004", "template_outside", {"name": str(exc)}, file=str(exc))]) from None
    except SecurityError as exc:
        file, line = _template_frame(exc, roots)
        raise InputError([Problem("PF004", "template_security", {"detail": str(exc)}, file=file or name, line=line)]) from None
    except MemoryError:
        file, line = _template_frame(sys.exc_info()[1] or MemoryError(), roots)
        raise InputError([Problem("PF004", "template_too_big", file=file or name, line=line)]) from None
    except (RecursionError, OverflowError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        file, line = _template_frame(exc, roots)
        raise InputError([Problem("PF004", "template_error", {"detail": f"{type(exc).__name__}: {exc}"}, file=file or name, line=line)]) from None
    if len(text) > limits.TEMPLATE_OUTPUT_CHARS:
        raise InputError([Problem("PF004", "template_too_big", file=name)])
    return text
