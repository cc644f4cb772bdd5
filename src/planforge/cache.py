"""Where planforge keeps what it may rebuild at any time: the user's cache folder.

Under `planforge/` there: a LibreOffice profile (render/pdf.py), compiled templates
(templating.py), the DOCX package around a body (render/docx_skeleton.py) and the compiled code
of its patterns (patterns.py). Each is named by what made it, and a folder that cannot be found,
read or written only costs the time of making it again. A module of its own, importing nothing
of planforge's, so that patterns.py, which every module imports, can use it.
"""

from __future__ import annotations

import os
from pathlib import Path


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
