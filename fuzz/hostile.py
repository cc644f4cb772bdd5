"""The hostile-input collection: files users really produce, and files built to hurt.

Small ones are committed in `tests/hostile/` (alias bombs, Python tags, GBK and UTF-16 files,
control characters, an old `.doc`, an encrypted `.docx`...). Large or binary ones are built here
on demand so the repository stays small: a zip bomb, truncated and deeply nested DOCX packages,
a one-paragraph 1 MB DOCX, a 10 MB text file, megabyte-long Markdown lines and a YAML file past
the size limit. `tests/test_hostile.py` feeds every one of them to the CLI under a time and memory
bound; `fuzz_inputs.py` mutates them further.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

COMMITTED = Path(__file__).resolve().parents[1] / "tests" / "hostile"


def committed_cases() -> Iterator[tuple[str, bytes]]:
    for path in sorted(COMMITTED.iterdir()):
        if path.is_file() and path.name != "README.md":
            yield path.name, path.read_bytes()


def _docx_with_paragraph(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _with_document_xml(package: bytes, rewrite) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            target.writestr(item, rewrite(body) if item.filename == "word/document.xml" else body)
    return out.getvalue()


@functools.lru_cache(maxsize=1)
def _huge_paragraph_docx() -> bytes:
    return _docx_with_paragraph("一、" + "很长的段落" * 200_000)


def _nested_docx() -> bytes:
    opened = b"<w:sdt><w:sdtContent>" * 5000
    closed = b"</w:sdtContent></w:sdt>" * 5000
    return _with_document_xml(_huge_paragraph_docx(), lambda xml: xml.replace(b"<w:body>", b"<w:body>" + opened + closed))


def _entity_docx() -> bytes:
    entity = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' \
             b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    return _with_document_xml(
        _huge_paragraph_docx(), lambda xml: xml.replace(b"?>", b"?>" + entity, 1).replace("很长的段落".encode(), b"&d;", 1))


def _zip_bomb() -> bytes:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("word/document.xml", b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>")
    return bomb.getvalue()


def _ten_megabytes() -> bytes:
    line = "一、加强学习。组织职工学习，全年培训职工1000人次以上，3月中旬召开会议。\n"
    return ("某单位2027年工作计划\n" + line * (10 * 1024 * 1024 // len(line.encode()))).encode()


# name → builder: the names are known without building anything (test collection stays cheap)
GENERATED = {
    "huge-paragraph.docx": _huge_paragraph_docx,
    **{f"truncated-{size}.docx": (lambda size=size: _huge_paragraph_docx()[:size]) for size in (10, 100, 1000, 40_000)},
    "nested.docx": _nested_docx,
    "xml-entities.docx": _entity_docx,
    "bomb.docx": _zip_bomb,
    "ten-megabytes.txt": _ten_megabytes,
    "long-lines.md": lambda: ("# 计划\n\n" + ("一、" + "很长的一行" * 200_000 + "\n") * 3).encode(),
    # one schedule line of many owners' labels, and one of many bracketed tasks: each was quadratic
    "schedule-labels.txt": lambda: ("某单位2027年工作计划\n二、月度安排\n3月：" + "牵头单位：" * 20_000 + "，；配合单位：甲\n").encode(),
    "schedule-brackets.txt": lambda: ("某单位2027年工作计划\n二、月度安排\n3月：" + "（甲）；" * 30_000 + "\n").encode(),
    # one clause of 4,000 figures and no comma: each read the clause back to its start
    "figures-in-one-clause.txt": lambda: ("某单位2027年工作计划\n一、工作\n1." + "培训职工1人" * 4_000 + "\n").encode(),
    # owners' labels chained as an item's last clause (within the 160 characters read for them),
    # spaces before each comma or after each colon: each space had two readings, so the chain took
    # time exponential in its length (12 labels: 40 s; 11 after colons: 15 s)
    "owner-chain-spaces.txt": lambda: ("某单位2027年工作计划\n一、工作\n1.开展应急演练，牵头：保卫科"
                                       + "，配合：各科  " * 14 + "（详见附件）\n"
                                       + "2.开展演练，牵头单位：保卫科" + "，配合单位：各科   " * 12 + "（详见附件）\n"
                                       + "3.开展应急演练，牵头：保卫科" + "，配合：   各科" * 11 + "（详见附件）\n").encode(),
    # a run of 20,000 spaces inside an item before its figure: every space read the run to its end
    "spaces-before-a-figure.txt": lambda: ("某单位2027年工作计划\n一、工作\n1.开展培训" + " " * 19_990 + "职工1人\n").encode(),
    "oversized.yaml": lambda: b"title: x\n" + b"# padding\n" * (2 * 1024 * 1024),
}


def generated_cases() -> Iterator[tuple[str, bytes]]:
    for name, build in GENERATED.items():
        yield name, build()
