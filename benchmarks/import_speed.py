"""Import speed: a 1 MB text plan and a 300-paragraph DOCX, median wall time of fresh processes,
and the growth from 0.5 MB to 1 MB of text (linear means about 2).

    python benchmarks/import_speed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)
from measure import median_run

LINE = "{n}、深入开展职工技能竞赛。围绕年度重点任务组织岗位练兵，全年培训职工1000人次以上，3月中旬召开推进会。\n"


def text_plan(target_bytes: int) -> str:
    lines, size, n = ["某单位2027年工作计划", "现制定工作计划如下："], 0, 0
    while size < target_bytes:
        n += 1
        if n % 20 == 1:
            lines.append(f"{'一二三四五六七八九十'[(n // 20) % 10]}、第{n // 20 + 1}方面工作")
        line = LINE.format(n=n % 20 + 1)
        lines.append(line.rstrip("\n"))
        size += len(line.encode("utf-8"))
    return "\n".join(lines) + "\n"


def docx_plan(paragraphs: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("某单位2027年工作计划")
    for n in range(paragraphs):
        document.add_paragraph(LINE.format(n=n % 20 + 1).strip() if n % 20 else f"{'一二三四五六七八九十'[(n // 20) % 10]}、第{n // 20 + 1}方面工作")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = {}
        for label, size in (("text 0.5 MB", 512 * 1024), ("text 1 MB", 1024 * 1024)):
            path = Path(tmp) / f"{size}.txt"
            path.write_text(text_plan(size), encoding="utf-8")
            cases[label] = path
        docx_path = Path(tmp) / "plan.docx"
        docx_path.write_bytes(docx_plan(300))
        cases["docx 300 paragraphs"] = docx_path
        results = {}
        for label, path in cases.items():
            out = Path(tmp) / "out.yaml"
            results[label] = median_run([sys.executable, "-m", "planforge", "import", str(path), "-o", str(out), "--force"], args.runs)
            print(f"{label:22s} median {results[label][0]:6.2f} s   peak {results[label][1]:6.0f} MiB")
        print(f"growth 0.5 MB → 1 MB: {results['text 1 MB'][0] / results['text 0.5 MB'][0]:.2f} (linear ≈ 2, less with start-up)")
        # The import issue's yardstick: import of a 10,000-paragraph DOCX against reading the
        # same file with python-docx alone, both as fresh processes.
        big = Path(tmp) / "big.docx"
        big.write_bytes(docx_plan(10_000))
        alone = median_run([sys.executable, "-c", "import docx, sys; [p.text for p in docx.Document(sys.argv[1]).paragraphs]",
                            str(big)], args.runs)
        ours = median_run([sys.executable, "-m", "planforge", "import", str(big), "-o", str(Path(tmp) / "big.yaml"), "--force"],
                          args.runs)
        print(f"docx 10,000 paragraphs: python-docx alone {alone[0]:.2f} s, planforge import {ours[0]:.2f} s "
              f"({ours[0] / alone[0]:.1f}×)")


if __name__ == "__main__":
    main()
