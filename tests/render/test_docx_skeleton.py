"""The package around a DOCX's body, built once with python-docx and kept in the user's cache
folder: the same bytes whether built or read back, a warm render that never imports
python-docx, and a damaged or unwritable cache that costs time only."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, renamed_main_part

from planforge.render.formats import RenderOptions, render_document
from planforge.spec.load import load_plan, load_plan_text

BUREAU = EXAMPLES / "bureau-union-2027.yaml"
OWN_STYLE = """
style:
  preset: common
  title_font: 黑体
  body_size: 14
  line_pitch: 26
  margins: {top: 30, bottom: 30, left: 25, right: 25}
"""


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01: the same plan, the same bytes
    return tmp_path / "cache" / "planforge"


def _own_style_plan():
    text = BUREAU.read_text(encoding="utf-8")
    return load_plan_text(text.split("\nstyle:")[0] + OWN_STYLE, "own.yaml").plan


def test_a_kept_package_gives_the_same_bytes_as_a_built_one(cache):
    plans = [load_plan(BUREAU).plan, _own_style_plan()]
    built = [render_document(plan, "docx") for plan in plans]
    kept = sorted(cache.glob("docx-*/*.docx"))
    assert len(kept) == 2  # one a layout
    read_back = [render_document(plan, "docx") for plan in plans]
    assert read_back == built
    assert sorted(cache.glob("docx-*/*.docx")) == kept
    assert built[0] != built[1]
    own = docx.Document(io.BytesIO(built[1]))
    assert own.sections[0].top_margin.mm == pytest.approx(30, abs=0.1)
    assert own.styles["Normal"].font.size.pt == 14


def test_members_are_dated_when_rendered_not_when_the_package_was_kept(cache, monkeypatch):
    render_document(load_plan(BUREAU).plan, "docx")  # keeps the package, dated 2027-01-01
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")  # 2028-01-01
    data = render_document(load_plan(BUREAU).plan, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time for info in package.infolist()} == {(2028, 1, 1, 0, 0, 0)}


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time zones are set per process only on Unix")
def test_without_source_date_epoch_members_are_dated_in_local_time(cache, monkeypatch):
    """As zip tools show a member's date, and as python-docx dated them (UTC+8 here, so UTC would
    be eight hours off)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        before = dt.datetime.now().replace(microsecond=0) - dt.timedelta(seconds=2)
        data = render_document(load_plan(BUREAU).plan, "docx")
        after = dt.datetime.now() + dt.timedelta(seconds=2)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert all(before <= dt.datetime(*info.date_time) <= after for info in package.infolist())


def test_a_warm_render_does_not_import_python_docx(cache, tmp_path):
    probe = (
        "import sys\n"
        "from planforge.cli import main\n"
        f"sys.argv = ['planforge', 'render', {str(BUREAU)!r}, '--to', 'docx', '-o', {str(tmp_path / 'out.docx')!r}, '--force']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('docx' in sys.modules)\n"
    )
    env = {**os.environ, "PLANFORGE_LANG": "zh"}
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert (first.returncode, first.stdout.strip()) == (0, "True"), first.stderr  # built: python-docx needed
    assert (second.returncode, second.stdout.strip()) == (0, "False"), second.stderr
    assert (tmp_path / "out.docx").read_bytes() == render_document(load_plan(BUREAU).plan, "docx")


@pytest.mark.parametrize("damage", [b"", b"not a zip", "truncated", "no comment"])
def test_a_damaged_kept_package_is_built_again(cache, damage):
    plan = load_plan(BUREAU).plan
    expected = render_document(plan, "docx")
    (kept,) = cache.glob("docx-*/*.docx")
    whole = kept.read_bytes()
    if damage == "truncated":
        damage = whole[: len(whole) // 2]
    elif damage == "no comment":
        out = io.BytesIO(whole)
        with zipfile.ZipFile(out, "a") as archive:
            archive.comment = b""
        damage = out.getvalue()
    kept.write_bytes(damage)
    assert render_document(plan, "docx") == expected
    assert _contents(kept.read_bytes()) == _contents(whole)  # and kept again (its members dated anew)


def _contents(package: bytes) -> tuple[bytes, dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.comment, {name: archive.read(name) for name in archive.namelist()}


def test_an_unwritable_cache_folder_only_costs_time(cache, tmp_path, monkeypatch):
    plan = load_plan(BUREAU).plan
    expected = render_document(plan, "docx")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert render_document(plan, "docx") == expected


def test_a_reference_whose_main_part_has_another_name_gets_the_body(cache, tmp_path):
    reference = tmp_path / "reference.docx"
    reference.write_bytes(renamed_main_part(render_document(load_plan(BUREAU).plan, "docx")))
    assert docx.Document(str(reference)).paragraphs  # python-docx opens it as it is
    plan = load_plan(EXAMPLES / "school-union-2027.yaml").plan
    data = render_document(plan, "docx", RenderOptions(reference_docx=reference))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        main = package.read("word/main.xml")
        assert "word/document.xml" not in package.namelist()
    assert b"planforge-body" not in main
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert texts[0].replace("\n", "") == plan.title
    assert any(plan.sections[0].title in text for text in texts)
