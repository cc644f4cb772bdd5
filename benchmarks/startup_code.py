"""What the standard library compiles as a command starts, and what the kept table saves.

For `render --to md` of an example, `lint` of one and `--help`: how many distinct texts
`dataclasses` and `typing` compile in a first run (counted with an audit hook), how many the
next run, which has the kept table, still compiles, and the median wall time of the command with the table and without it,
paired run by run (the console script as it is, and the same with `warm_startup_code` left
out). The same cache folder serves both, so kept patterns and templates count alike.
Usage: python benchmarks/startup_code.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bureau-union-2027.yaml"

# The console script, optionally without the table, counting the compiles made on behalf of
# dataclasses and typing (their own, or the table's stand-in compiling what the table lacked).
_HARNESS = """
import os, sys
counted_in, with_table = sys.argv[1], sys.argv[2] == "1"
count = [0]
def hook(event, args):
    if event == "compile" and sys._getframe(1).f_globals.get("__name__") in ("dataclasses", "typing", "planforge.startup_code"):
        count[0] += 1
if counted_in != "-":  # the hook is not installed when timing: it sees every event of the run
    sys.addaudithook(hook)
exit = os._exit
def counted(code=0):
    if counted_in != "-":
        with open(counted_in, "w") as out:
            out.write(str(count[0]))
    exit(code)
os._exit = counted
if not with_table:
    import planforge.startup_code
    planforge.startup_code.warm_startup_code = lambda command: None
sys.argv = ["planforge", *sys.argv[3:]]
from planforge.cli import console
console()
"""


def run(args: list[str], with_table: bool, env: dict, counted: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _HARNESS, str(counted) if counted else "-", "1" if with_table else "0", *args],
                   env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"), "PLANFORGE_LANG": "en"}
        commands = {
            "render --to md": ["render", str(EXAMPLE), "-o", str(tmp / "out.md"), "--force"],
            "lint": ["lint", str(EXAMPLE)],
            "--help": ["--help"],
        }
        print("| command | texts compiled, first run | next run | time without the table | with it | runs |")
        print("|---|---|---|---|---|---|")
        for name, args in commands.items():
            counted = tmp / "count.txt"
            run(args, True, env, counted)  # the first run: nothing kept yet, everything compiled and kept
            cold = int(counted.read_text())
            run(args, True, env, counted)
            warm = int(counted.read_text())
            without, with_ = [], []
            for index in range(options.runs):
                for table in ((False, True) if index % 2 == 0 else (True, False)):
                    (with_ if table else without).append(run(args, table, env))
            print(f"| `{name}` | {cold} | {warm} | {statistics.median(without) * 1e3:.0f} ms "
                  f"| {statistics.median(with_) * 1e3:.0f} ms | {options.runs} |")


if __name__ == "__main__":
    main()
