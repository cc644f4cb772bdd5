"""One benchmark report: every figure the README quotes, in one run.

    python benchmarks/run.py [--runs 3] [--sizes 100 1000 10000]

Fresh processes (what a user waits for): median wall time and peak memory of cold start,
render to Markdown and DOCX, import of the rendered Markdown, and lint, for synthetic plans of
each size; growth ratios between sizes (linear ≈ the size ratio, less while start-up dominates);
pandoc's Markdown → DOCX on the same content when pandoc is installed; and planforge's lint of
that Markdown beside the peer linters (markdownlint-cli, textlint with no-todo, AutoCorrect) when
they are found on the PATH or in --peers (a node_modules/.bin folder):

    npm install --prefix /tmp/peers markdownlint-cli textlint textlint-rule-no-todo autocorrect-node
    python benchmarks/run.py --peers /tmp/peers/node_modules/.bin

The peers check other things (Markdown style, one pattern, CJK spacing): the comparison says what
a CI step costs, not which tool is better.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)
from measure import median_run
from synthetic import plan_markdown_like, plan_yaml


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--peers", type=Path, help="folder holding markdownlint, textlint, autocorrect")
    args = parser.parse_args()
    search = os.pathsep.join(filter(None, [str(args.peers) if args.peers else None, os.environ.get("PATH")]))
    peers = {
        "markdownlint": ["markdownlint"],
        "textlint": ["textlint", "--rule", "no-todo"],
        "autocorrect": ["autocorrect", "--lint"],
    }
    peers = {name: [shutil.which(cmd[0], path=search), *cmd[1:]] for name, cmd in peers.items()
             if shutil.which(cmd[0], path=search)}
    exe = [sys.executable, "-m", "planforge"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}, runs={args.runs}")
    t, m = median_run(exe + ["--version"], max(args.runs, 5))
    print(f"cold start (--version): {t:.3f} s, {m:.0f} MiB")
    rows: dict[str, dict[int, tuple[float, float]]] = {}
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            spec = Path(tmp) / f"p{size}.yaml"
            spec.write_text(plan_yaml(size), encoding="utf-8")
            md_out, docx_out = Path(tmp) / f"p{size}.md", Path(tmp) / f"p{size}.docx"
            runs = args.runs if size < 10000 else 1
            cases = {
                "render md": exe + ["render", str(spec), "-o", str(md_out)],
                "render docx": exe + ["render", str(spec), "--to", "docx", "-o", str(docx_out)],
            }
            for name, cmd in cases.items():
                rows.setdefault(name, {})[size] = median_run(cmd, runs)
            rows.setdefault("import md", {})[size] = median_run(exe + ["import", str(md_out), "-o", str(Path(tmp) / "i.yaml"), "--force"], runs)
            rows.setdefault("lint spec", {})[size] = median_run(exe + ["lint", str(spec)], runs, ok_codes=(0, 1))
            rows.setdefault("lint md", {})[size] = median_run(exe + ["lint", str(md_out)], runs, ok_codes=(0, 1))
            for name, cmd in peers.items():
                rows.setdefault(f"{name} md", {})[size] = median_run(cmd + [str(md_out)], runs, ok_codes=(0, 1))
            if pandoc:
                plain = Path(tmp) / f"plain{size}.md"
                plain.write_text(plan_markdown_like(size), encoding="utf-8")
                rows.setdefault("pandoc md→docx", {})[size] = median_run([pandoc, str(plain), "-o", str(Path(tmp) / "pd.docx")], runs)
    header = "".join(f"{size:>18}" for size in args.sizes)
    print(f"{'':16}{header}   growth")
    for name, by_size in rows.items():
        cells = "".join(f"{by_size[s][0]:>9.2f} s {by_size[s][1]:>4.0f}MiB" for s in args.sizes)
        growth = ""
        if len(args.sizes) >= 2:
            a, b = args.sizes[-2], args.sizes[-1]
            growth = f"{by_size[b][0] / by_size[a][0]:.1f}× for {b // a}× items"
        print(f"{name:16}{cells}   {growth}")
    if "pandoc md→docx" in rows:
        ratios = ", ".join(f"{s}: {rows['render docx'][s][0] / rows['pandoc md→docx'][s][0]:.1f}×" for s in args.sizes)
        print(f"render docx / pandoc: {ratios}")
    for name in peers:
        ratios = ", ".join(f"{s}: {rows['lint md'][s][0] / rows[f'{name} md'][s][0]:.1f}×" for s in args.sizes)
        print(f"planforge lint md / {name}: {ratios}")
    if not peers:
        print("no peer linter found (see the docstring to install them)")


if __name__ == "__main__":
    main()
