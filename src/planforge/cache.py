"""Where planforge keeps what it may rebuild at any time: the user's cache folder.

Under `planforge/` there: a LibreOffice profile (render/pdf.py), compiled templates
(templating.py), the DOCX package around a body (render/docx_skeleton.py) and the compiled code
of its patterns (patterns.py). Each is named by what made it, and a folder that cannot be read or
written only costs the time of making it again. A module of its own, importing nothing of
planforge's, so that patterns.py, which every module imports, can use it.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The user's cache folder (`XDG_CACHE_HOME`, `~/.cache`, or `%LOCALAPPDATA%`)."""
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def planforge_cache() -> Path:
    """planforge's folder in the user's cache folder."""
    return cache_root() / "planforge"
