"""Print a pip constraints file that pins every dependency pyproject.toml declares to its minimum.

CI installs the project twice, with the newest versions pip resolves and with these, so that a
lower bound in pyproject.toml is a tested claim, not a hope. Only `>=` bounds are read: they are
the only kind this project declares (a test checks that), and the file stays the single place
where the numbers live.
"""

import re
import sys
import tomllib
from pathlib import Path

pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8"))
project = pyproject["project"]
# The runtime dependencies and the test and lsp extras: `dev` pins its checkers to one version each.
extras = project.get("optional-dependencies", {})
requirements = list(project["dependencies"]) + list(extras.get("test", [])) + list(extras.get("lsp", []))
for requirement in requirements:
    match = re.match(r"\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?\s*>=\s*([0-9][^,;\s]*)", requirement)
    if not match:
        sys.exit(f"lowest.py: no >= bound in {requirement!r}")
    print(f"{match.group(1)}=={match.group(2)}")
