"""A user's input is read once: `import` and `rollover` hash for the provenance the very bytes they
parsed (a second read could see a file changed in between, and costs a second pass over it)."""

import builtins
import hashlib
import io
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, run_cli


@pytest.fixture
def opens(monkeypatch):
    """Every file opened while the test runs, by resolved path."""
    seen: list[Path] = []
    real_open = io.open

    def counting_open(file, *args, **kwargs):
        if isinstance(file, (str, Path)):
            seen.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", counting_open)  # pathlib's Path.open goes through io.open
    monkeypatch.setattr(builtins, "open", counting_open)
    return seen


def _provenance(spec: Path) -> dict:
    return yaml.safe_load(spec.read_text(encoding="utf-8"))["provenance"]


@pytest.mark.parametrize("kind", ["md", "docx"])
def test_import_reads_the_document_once(tmp_path: Path, opens, kind):
    document = tmp_path / f"计划.{kind}"
    made = run_cli("render", str(EXAMPLES / "bureau-union-2027.yaml"), "-o", str(document))
    assert made.returncode == 0, made.stderr
    opens.clear()
    result = run_cli("import", str(document), "-o", str(tmp_path / "plan.yaml"))
    assert result.returncode == 0, result.stderr
    assert opens.count(document.resolve()) == 1
    assert _provenance(tmp_path / "plan.yaml")["sha256"] == hashlib.sha256(document.read_bytes()).hexdigest()


def test_rollover_reads_the_spec_once(tmp_path: Path, opens):
    spec = tmp_path / "plan-2027.yaml"
    shutil.copy(EXAMPLES / "bureau-union-2027.yaml", spec)
    opens.clear()
    result = run_cli("rollover", str(spec), "--no-progress")
    assert result.returncode == 0, result.stderr
    assert opens.count(spec.resolve()) == 1
    rolled = tmp_path / "plan-2028.yaml"
    assert _provenance(rolled)["sha256"] == hashlib.sha256(spec.read_bytes()).hexdigest()
