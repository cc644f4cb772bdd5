"""The speed report the README quotes: planforge beside a peer tool doing the same job, on the
same input, in paired fresh processes (what a user waits for).

    python benchmarks/run.py [--runs 7] [--peers DIR ...] [--readme]

Each row runs planforge and its peer alternately (planforge first on even runs, the peer first
on odd ones, so a noisy neighbour hurts both alike) and compares medians; memory is the largest
peak resident size. The peers, found on the PATH or in a `--peers` folder:

    apt-get install pandoc libreoffice-writer-nogui        # pandoc, soffice
    npm install --prefix /tmp/peers autocorrect-node       # autocorrect (Rust, CJK copywriting lint)
    python -m venv /tmp/gw && /tmp/gw/bin/pip install gongwen-skill   # gongwen (a Python 公文 CLI)
    python benchmarks/run.py --peers /tmp/peers/node_modules/.bin /tmp/gw/bin --readme

Like with like: pandoc reads the Markdown planforge rendered from the same spec (so tables and
all) and writes a document of it, AutoCorrect lints the same files with its JSON output, soffice
converts the DOCX planforge delivers. planforge runs as its console script with its modules compiled, as a pip install
leaves it, in the temporary folder that holds the inputs (a user's folder of plans: no settings
file for lint to read). A row whose peer is missing is printed without a ratio. Each row notes the machine's
load while it ran; a row whose goal is out of reach says which measured floor stops it (its floor
command timed in the same alternation: Python with pydantic and our models is the least any
planforge command takes). The last row is each rule's growth from 1,000 to 10,000 items
(benchmarks/rule_growth.py), beside that of a pass that only visits the items when a rule is over. `--readme` writes the table into README.md and benchmarks/report.md
(a test checks that the two agree).
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout
from measure import run_once
from synthetic import plan_yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "bureau-union-2027.yaml"
REPORT = ROOT / "benchmarks" / "report.md"
README_START, README_END = "<!-- speed-report -->", "<!-- /speed-report -->"


@dataclass
class Row:
    """One comparison: what the user does, planforge's command, the peer's, and the goals."""

    what: str
    ours: list[str]
    peer_name: str
    peer: list[str] | None
    time_goal: float
    memory_goal: float | None = None
    runs: int | None = None
    ok_codes: tuple[int, ...] = (0, 1)
    floor: tuple[str, list[str]] | None = None  # (what it is, a command): the least any planforge could take here
    samples: dict[str, list[tuple[float, float]]] = field(default_factory=lambda: {"ours": [], "peer": [], "floor": []})
    loads: list[float] = field(default_factory=list)  # the machine's 1-minute load at each pair

    def measure(self, runs: int) -> None:
        commands = {"ours": self.ours, "peer": self.peer, "floor": self.floor[1] if self.floor else None}
        for index in range(self.runs or runs):
            order = ["ours", "peer", "floor"] if index % 2 == 0 else ["peer", "floor", "ours"]
            self.loads.append(os.getloadavg()[0])
            for who in order:
                cmd = commands[who]
                if cmd is not None:
                    self.samples[who].append(run_once(cmd, ok_codes=self.ok_codes))

    def figures(self, who: str) -> tuple[float, float] | None:
        samples = self.samples[who]
        if not samples:
            return None
        return statistics.median(s[0] for s in samples), max(s[1] for s in samples)

    def cells(self) -> list[str]:
        ours, peer = self.figures("ours"), self.figures("peer")
        assert ours is not None
        ratio = f"{ours[0] / peer[0]:.2f}" if peer else "—"
        met = "—"
        if peer:
            met = "yes" if ours[0] / peer[0] <= self.time_goal else "no"
        goal = f"≤ {self.time_goal:g}"
        if self.memory_goal is not None:
            goal += f" and ≤ {self.memory_goal:g}× memory"
            if peer:
                ratio += f", memory {ours[1] / peer[1]:.2f}"
                met = "yes" if met == "yes" and ours[1] / peer[1] <= self.memory_goal else "no"
        floor = self.figures("floor")
        if met == "no" and peer and floor and self.floor:
            share = floor[0] / peer[0]
            met = (f"no: {self.floor[0]} alone take {floor[0]:.3f} s = {share:.2f}× the peer" if share > self.time_goal / 2
                   else f"no ({self.floor[0]}: {share:.2f}× the peer, not what stops it)")
        mine = f"{ours[0]:.3f} s, {ours[1]:.0f} MiB"
        theirs = f"{peer[0]:.3f} s, {peer[1]:.0f} MiB" if peer else "not installed"
        load = f"{statistics.median(self.loads):.2f}" if self.loads else "—"
        return [self.what, mine, f"{self.peer_name}: {theirs}", ratio, goal, met, load]


def _find(name: str, search: str) -> str | None:
    return shutil.which(name, path=search)


def _planforge() -> list[str]:
    """The console script beside this interpreter (what a user types), else `python -m`."""
    script = Path(sys.executable).parent / "planforge"
    return [str(script)] if script.exists() else [sys.executable, "-m", "planforge"]


def _documents(tmp: Path, at_least: int = 1_000_000) -> list[str]:
    """About 1 MB of real plans: the corpus text files, copied into numbered folders."""
    files = sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("pages/*.txt"))
    if not files:
        return []
    paths, total, copy = [], 0, 0
    while total < at_least:
        copy += 1
        folder = tmp / f"docs{copy:02d}"
        folder.mkdir()
        for source in files:
            target = folder / source.name
            target.write_bytes(source.read_bytes())
            paths.append(str(target))
            total += target.stat().st_size
    return paths


def build_rows(tmp: Path, search: str) -> list[Row]:
    pf = _planforge()
    pandoc, autocorrect, gongwen = (_find(n, search) for n in ("pandoc", "autocorrect", "gongwen"))
    soffice = _find("soffice", search) or _find("libreoffice", search)
    big_spec = tmp / "p10000.yaml"
    big_spec.write_text(plan_yaml(10000, block=True), encoding="utf-8")
    example_md, big_md, big_docx = tmp / "example.md", tmp / "p10000.md", tmp / "p10000.docx"
    for spec, out, to in ((EXAMPLE, example_md, "md"), (big_spec, big_md, "md"), (big_spec, big_docx, "docx")):
        subprocess.run(pf + ["render", str(spec), "--to", to, "-o", str(out)], check=True, capture_output=True)
    example_docx = tmp / "example.docx"
    subprocess.run(pf + ["render", str(EXAMPLE), "--to", "docx", "-o", str(example_docx)], check=True, capture_output=True)
    documents = _documents(tmp)

    def peer(cmd: list[str | None]) -> list[str] | None:
        return None if cmd[0] is None else [str(part) for part in cmd]

    one_file = tmp / "one-megabyte.txt"  # the same text in one file: one plan after another
    one_file.write_text("\n".join(Path(p).read_text(encoding="utf-8", errors="replace") for p in documents),
                        encoding="utf-8")
    thousand_spec, thousand_md = tmp / "p1000.yaml", tmp / "p1000.md"
    thousand_spec.write_text(plan_yaml(1000, block=True), encoding="utf-8")
    subprocess.run(pf + ["render", str(thousand_spec), "--to", "md", "-o", str(thousand_md)], check=True, capture_output=True)
    # loaded as the console script loads them (cli.console hands dataclasses and typing the kept
    # code of what they compile, spares pydantic its plugin search and hands `re` the libraries'
    # kept patterns) and left as it leaves (no interpreter teardown), or the floor would count a
    # cost the commands it bounds no longer pay
    def start(command: str) -> str:  # the row's command names the tables handed over
        return (f"import os, planforge.startup_code as s; s.warm_startup_code({command!r}); "
                "import planforge.cli.plain as p, planforge.patterns as q; p.spare_plugin_search(); "
                f"q.warm_library_patterns({command!r}); ")

    def models(command: str) -> tuple[str, list[str]]:
        return ("Python, pydantic and our models",
                [sys.executable, "-c", start(command) + "import planforge.model.plan; os._exit(0)"])

    # what a Markdown render loads besides: the spec's YAML parser and the templates' engine
    rendering = ("Python, pydantic, our models, PyYAML and Jinja2",
                 [sys.executable, "-c", start("render") + "import planforge.model.plan, yaml, jinja2; os._exit(0)"])
    rows = [
        Row("`lint` one example spec, cold", pf + ["lint", str(EXAMPLE)],
            "AutoCorrect", peer([autocorrect, "--lint", str(EXAMPLE)]), 2.0, floor=models("lint")),
        Row("`lint` 1 MB of real text in one file", pf + ["lint", "--format", "json", str(one_file)],
            "AutoCorrect --format json", peer([autocorrect, "--lint", "--format", "json", str(one_file)]), 2.0),
        Row(f"`lint` the same 1 MB as {len(documents)} files", pf + ["lint", "--format", "json", *documents],
            "AutoCorrect --format json", peer([autocorrect, "--lint", "--format", "json", *documents]), 2.0,
            floor=_shared_out(pf, documents)),
        Row("`render --to md` an example, cold", pf + ["render", str(EXAMPLE), "-o", str(tmp / "r.md"), "--force"],
            "pandoc md→docx", peer([pandoc, str(example_md), "-o", str(tmp / "pd-example.docx")]), 2.5, floor=rendering),
        Row("`render --to docx`, 1,000 items", pf + ["render", str(thousand_spec), "--to", "docx", "-o", str(tmp / "r1.docx"), "--force"],
            "pandoc md→docx", peer([pandoc, str(thousand_md), "-o", str(tmp / "pd1.docx")]), 1.0, floor=models("render")),
        Row("`import` a 10,000-item DOCX", pf + ["import", str(big_docx), "-o", str(tmp / "i.yaml"), "--force"],
            "pandoc docx→md", peer([pandoc, str(big_docx), "-t", "markdown", "-o", str(tmp / "pd2.md")]), 0.1, runs=3),
        Row("`--help`", pf + ["--help"], "gongwen --help", peer([gongwen, "--help"]), 1.0),
        Row("`render --to docx`, 10,000 items", pf + ["render", str(big_spec), "--to", "docx", "-o", str(tmp / "r.docx"), "--force"],
            "pandoc md→docx", peer([pandoc, str(big_md), "-o", str(tmp / "pd.docx")]), 0.6, memory_goal=0.5, runs=3),
        Row("`render --to pdf` an example", pf + ["render", str(EXAMPLE), "--to", "pdf", "-o", str(tmp / "r.pdf"), "--force"],
            "soffice docx→pdf", peer([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "so"), str(example_docx)]),
            1.15, runs=5, floor=_by_hand(pf, soffice, tmp)),
    ]
    if not documents:
        rows = [row for row in rows if "1 MB" not in row.what]
    if soffice is None:
        rows = [row for row in rows if "pdf" not in row.what]
    return rows


def _shared_out(pf: list[str], documents: list[str]) -> tuple[str, list[str]]:
    """The many-files row's floor: the files cut into one share per core (in order, of about equal
    bytes), each share linted by a planforge process of its own, all at once. That is the work
    spread over the cores with nothing to coordinate, so no way of sharing it out inside one
    command (ours forks workers) can finish sooner at today's rate per file."""
    from planforge.lint.parallel import cores as usable_cores  # as many as lint's own workers use

    cores = usable_cores()
    sizes = [Path(p).stat().st_size for p in documents]
    total, shares, done = sum(sizes), [[] for _ in range(cores)], 0
    for path, size in zip(documents, sizes, strict=True):
        shares[min(cores - 1, done * cores // max(total, 1))].append(path)
        done += size
    commands = [" ".join(shlex.quote(part) for part in [*pf, "lint", "--format", "json", "-j", "1", *share])
                for share in shares if share]
    # each in the background; then the worst exit code of them all (lint's 1 for findings is fine,
    # anything else fails the row as a failing planforge command would)
    script = "".join(f"{command} >/dev/null & p{i}=$!; " for i, command in enumerate(commands))
    script += "worst=0; " + "".join(f"wait $p{i}; code=$?; [ $code -gt $worst ] && worst=$code; " for i in range(len(commands)))
    return (f"{len(commands)} planforge processes, each linting its share of the files, side by side,",
            ["sh", "-c", script + "exit $worst"])


def _by_hand(pf: list[str], soffice: str | None, tmp: Path) -> tuple[str, list[str]] | None:
    """The PDF row's floor: its two steps done by hand, one after the other (the DOCX rendered,
    then converted by soffice as the peer converts one), without planforge's own profile, fonts
    configuration or temporary files around the conversion."""
    if soffice is None:
        return None
    docx, outdir = tmp / "by-hand.docx", tmp / "by-hand"
    render = " ".join(shlex.quote(part) for part in [*pf, "render", str(EXAMPLE), "--to", "docx", "-o", str(docx), "--force"])
    convert = " ".join(shlex.quote(part) for part in [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), str(docx)])
    return "rendering the DOCX, then soffice converting it,", ["sh", "-c", f"{render} && {convert}"]


# Fresh processes per size for the growth row. Many rules take under a millisecond at 1,000
# items, where one slow start moves a ratio by a tenth or more; the least of five is steadier
# than the least of three, and the row is the worst of some fifty such ratios.
GROWTH_RUNS = 5


def rule_growth_line(runs: int) -> str:
    """The table's last row: the most any rule's own time grows from 1,000 to 10,000 items
    (benchmarks/rule_growth.py, least CPU time of `runs` fresh processes), spec or document."""
    import rule_growth

    with tempfile.TemporaryDirectory() as tmp:
        found = rule_growth.measure(Path(tmp), [1000, 10000], runs)
    worst = (0.0, "", "", 0.0)
    for kind, by_size in found.items():
        for code, large in by_size[10000].items():
            small = by_size[1000].get(code, 0.0)
            if code != rule_growth.WALK and large >= rule_growth.NOISE_SECONDS and small > 0 and large / small > worst[0]:
                worst = (large / small, code, kind, large)
    growth, code, kind, large = worst
    met = "yes" if growth <= 12 else "no"
    walked = found.get(kind, {})
    if met == "no" and walked and walked[1000].get(rule_growth.WALK):
        floor = walked[10000][rule_growth.WALK] / walked[1000][rule_growth.WALK]
        met += f" (a pass that only visits the items grows {floor:.1f}× here)"
    return (f"| growth of any single rule, 1,000 → 10,000 items | {code} ({kind}) {large * 1000:.0f} ms at 10,000 "
            f"| — | {growth:.1f}× | ≤ 12× | {met} | {os.getloadavg()[0]:.2f} |")


def table(rows: list[Row], runs: int, growth: str | None = None) -> list[str]:
    when = dt.date.today().isoformat()
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"{platform.system()} {platform.release()}")
    lines = [
        f"Run {when} on {machine}; median of {runs} paired runs (3 for 10,000 items, 5 for PDF);",
        "ratio = planforge ÷ peer, lower is faster; load = the machine's 1-minute load average during the row.",
        "",
        "| what | planforge | peer | ratio | goal | met | load |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    if growth is not None:
        lines.append(growth)
    return lines


def write_report(lines: list[str]) -> None:
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    readme.write_text(text[:start] + "\n" + "\n".join(lines) + "\n" + text[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--peers", type=Path, nargs="*", default=[], help="folders holding peer tools")
    parser.add_argument("--only", help="run only rows whose name contains this")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md and benchmarks/report.md")
    args = parser.parse_args()
    search = os.pathsep.join([*(str(p) for p in args.peers), os.environ.get("PATH", "")])
    compileall.compile_dir(str(checkout.SRC / "planforge"), quiet=1)  # as pip install leaves it
    with tempfile.TemporaryDirectory() as tmp:
        rows = build_rows(Path(tmp), search)
        if args.only:
            rows = [row for row in rows if args.only in row.what]
        here = Path.cwd()
        os.chdir(tmp)  # a folder of the user's, where the inputs are: not this project's pyproject.toml
        try:
            for row in rows:
                row.measure(args.runs)
                print("| " + " | ".join(row.cells()) + " |", flush=True)
        finally:
            os.chdir(here)
    lines = table(rows, args.runs, None if args.only else rule_growth_line(GROWTH_RUNS))
    print("\n".join(lines))
    if args.readme:
        write_report(lines)


if __name__ == "__main__":
    main()
