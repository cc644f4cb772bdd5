"""Work, not seconds: the instructions a planforge job executes, counted by valgrind's callgrind,
for this checkout and, with `--against`, for a git revision of it, on the same input.

    apt-get install valgrind
    python benchmarks/instructions.py [--against REV] [--items 2000] [--jobs import lint render]

On a shared host wall times move by 10-20 % from run to run (README, Speed), so a change that
saves 3 % cannot be seen in them. The count of instructions a job executes is the same from run
to run within about 0.05 % (string hashing pinned with PYTHONHASHSEED=0), so such a change reads
clearly, and the two checkouts need not run at the same moment. It counts work, not waiting:
page faults, cache misses and I/O are not in it, which is why run.py's timed, paired report
stays the judge of what a user waits for. Each job also compares the two checkouts' outputs,
byte for byte: a speed change should leave them the same.

The jobs run `python -m planforge` under callgrind with each checkout's `src/` first on the path,
its modules compiled beforehand and its cache folder warmed by one run outside valgrind (as a
user's second run finds it), so neither compiling nor a cold cache is counted; SOURCE_DATE_EPOCH
is fixed, so a rendered DOCX carries the same dates whichever tree wrote it. Under valgrind a
job runs some 50 times slower: the default 2,000 items take about a minute a job and checkout.
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first, and its dependencies checked)
from synthetic import plan_yaml

ROOT = Path(__file__).resolve().parents[1]

# callgrind's output file states the run's total cost of each event, instructions (Ir) first,
# on its `summary:` line (or `totals:` in some versions).
_TOTAL = re.compile(r"^(?:summary|totals):\s*(\d+)", re.MULTILINE)


@dataclass(frozen=True)
class Job:
    """A command run on the prepared input; `output` names the file it writes (None: its stdout)."""

    name: str
    args: tuple[str, ...]
    output: str | None
    ok_codes: tuple[int, ...] = (0,)


def jobs(work: Path) -> dict[str, Job]:
    spec, document = work / "plan.yaml", work / "plan.docx"
    return {
        "import": Job("import a DOCX", ("import", str(document), "-o", "{out}/imported.yaml", "--force"), "imported.yaml"),
        "lint": Job("lint a spec", ("lint", "--format", "json", str(spec)), None, ok_codes=(0, 1)),
        "render": Job("render a DOCX", ("render", str(spec), "--to", "docx", "-o", "{out}/rendered.docx", "--force"),
                      "rendered.docx"),
    }


def total_instructions(callgrind_out: str) -> int:
    """The instruction count a callgrind output file states for the whole run."""
    match = _TOTAL.search(callgrind_out)
    if match is None:
        raise ValueError("no summary line in callgrind's output")
    return int(match.group(1))


def working_source(into: Path) -> Path:
    """This checkout's `src/` as it is on disk, copied under `into`: both trees then run from
    paths of the same length in the same place (the counts of two copies of one tree differ by
    0.01 % there, by 0.15 % between this folder and a temporary one)."""
    shutil.copytree(ROOT / "src", into / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return into / "src"


def revision_source(revision: str, into: Path) -> Path:
    """`src/` of a git revision of this checkout, written out under `into`; its path."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        sys.exit(f"git cannot read revision {revision!r}: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # Python before 3.10.12 / 3.11.4: git's own archive, no links out of the folder
            tar.extractall(into)
    return into / "src"


class Checkout:
    """One tree of planforge's source, with a cache folder and an output folder of its own."""

    def __init__(self, label: str, src: Path, work: Path) -> None:
        self.label, self.src = label, src
        self.cache, self.out = work / "cache", work / "out"
        self.out.mkdir(parents=True)
        compileall.compile_dir(str(src), quiet=1)  # written even when PYTHONDONTWRITEBYTECODE is set

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.src), "PYTHONHASHSEED": "0", "XDG_CACHE_HOME": str(self.cache),
                "SOURCE_DATE_EPOCH": "1800000000"}

    def command(self, job: Job) -> list[str]:
        return [sys.executable, "-m", "planforge", *(arg.replace("{out}", str(self.out)) for arg in job.args)]

    def run(self, job: Job, valgrind: str | None = None) -> tuple[int | None, bytes]:
        """(instructions, or None without valgrind; the job's output bytes)."""
        prefix: list[str] = []
        counted = self.out / "callgrind.out"
        if valgrind:
            prefix = [valgrind, "--tool=callgrind", f"--callgrind-out-file={counted}"]
        # run in the work folder: `-m` puts the current folder first on the path, before PYTHONPATH
        done = subprocess.run(prefix + self.command(job), env=self.env(), capture_output=True, check=False, cwd=self.out)
        if done.returncode not in job.ok_codes:
            sys.exit(f"{self.label}: `planforge {job.args[0]}` exited with {done.returncode}:\n"
                     f"{done.stderr.decode(errors='replace')[-800:]}")
        output = (self.out / job.output).read_bytes() if job.output else done.stdout
        return (total_instructions(counted.read_text(encoding="utf-8")) if valgrind else None), output


def prepare(work: Path, items: int, here: Checkout) -> None:
    """The spec of `items` items, and its DOCX rendered by this checkout (both checkouts import the
    same file)."""
    (work / "plan.yaml").write_text(plan_yaml(items), encoding="utf-8")
    render = Job("", ("render", str(work / "plan.yaml"), "--to", "docx", "-o", str(work / "plan.docx"), "--force"), None)
    here.run(render)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", metavar="REV", help="a git revision to count beside this checkout")
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--jobs", nargs="+", choices=["import", "lint", "render"], default=["import", "lint", "render"])
    args = parser.parse_args()
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        sys.exit("valgrind is not installed (apt-get install valgrind): it counts the instructions")
    with tempfile.TemporaryDirectory(prefix="planforge-instructions-") as tmp:
        work = Path(tmp)
        checkouts = [Checkout("this checkout", working_source(work / "a"), work / "a")]
        if args.against:
            checkouts.append(Checkout(args.against, revision_source(args.against, work / "b"), work / "b"))
        prepare(work, args.items, checkouts[0])
        print(f"Instructions executed (callgrind, PYTHONHASHSEED=0), {args.items:,} items; "
              f"Python {sys.version.split()[0]}")
        print()
        header = ["job", *(c.label for c in checkouts)] + (["change", "output"] if args.against else [])
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for key in args.jobs:
            job = jobs(work)[key]
            counts, outputs = [], []
            for tree in checkouts:
                tree.run(job)  # the cache folder warmed, outside valgrind
                count, output = tree.run(job, valgrind)
                counts.append(count or 0)
                outputs.append(output)
            cells = [job.name, *(f"{count / 1e9:.3f} G" for count in counts)]
            if args.against:
                cells += [f"{(counts[0] / counts[1] - 1) * 100:+.2f} %", "same" if outputs[0] == outputs[1] else "differs"]
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
