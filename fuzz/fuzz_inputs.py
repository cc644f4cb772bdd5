"""Mutation fuzzing of the YAML loader, the readers and the linter.

    python fuzz/fuzz_inputs.py --iterations 2000 --seed 1 [--out fuzz/crashes]

Seeds are the examples (YAML), their renderings (Markdown, DOCX) and hand-made hostile files
(truncated zips, a zip bomb, deeply nested XML, one huge paragraph). Each mutated input must end
in a result or a documented `PlanforgeError` within `--seconds` per case; anything else (another
exception, a hang) is saved under --out and makes the exit status 1. Run under a memory limit
(`--max-memory-mb`, default 1024) so a blow-up is a failure, not a stuck machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile import generated_cases  # noqa: E402

YAML_TOKENS = [b"&a ", b"*a", b"!!python/object:os.system ", b"<<: ", b"{", b"[", b"- ", b": ", b"\t", b"\xff\xfe",
               b"\xef\xbb\xbf", b"'", b'"', b"|", b">", b"%YAML 1.1\n", b"---\n", b"\x00", "二〇二七".encode(), b"no", b"010"]


class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        if not data:
            data += rng.choice(YAML_TOKENS)
        elif choice < 0.3:
            data[rng.randrange(len(data))] = rng.randrange(256)
        elif choice < 0.5:
            at = rng.randrange(len(data))
            data[at:at] = rng.choice(YAML_TOKENS)
        elif choice < 0.65:
            del data[rng.randrange(len(data)):][: rng.randint(1, 64)]
        elif choice < 0.8:
            data = data[: rng.randrange(len(data))]
        else:
            start = rng.randrange(len(data))
            chunk = data[start:start + rng.randint(1, 40)]
            at = rng.randrange(len(data))
            data[at:at] = chunk * rng.randint(1, 20)
    return bytes(data)


def seeds() -> list[tuple[str, bytes]]:
    from planforge.render.formats import render_document
    from planforge.spec.load import load_plan

    out = []
    for spec in sorted((ROOT / "examples").glob("*.yaml")):
        out.append((spec.name, spec.read_bytes()))
        plan = load_plan(spec).plan
        out.append((spec.stem + ".md", render_document(plan, "md")))
        out.append((spec.stem + ".docx", render_document(plan, "docx")))
    return out


def run_case(path: Path) -> None:
    from planforge.errors import PlanforgeError
    from planforge.lint.engine import LintConfig, lint_file
    from planforge.readers import import_document
    from planforge.spec.load import load_plan

    try:
        if path.suffix == ".yaml":
            load_plan(path)
        else:
            import_document(path)
        lint_file(path, LintConfig())
    except PlanforgeError:
        pass


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--max-memory-mb", type=int, default=1024)
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "crashes")
    args = parser.parse_args()
    limit = args.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    corpus = seeds()
    failures = 0
    slowest = (0.0, "")
    with tempfile.TemporaryDirectory() as tmp:
        cases = list(generated_cases())
        cases += [(name, mutate(data, rng)) for name, data in (rng.choice(corpus) for _ in range(args.iterations))]
        for index, (name, data) in enumerate(cases):
            path = Path(tmp) / f"{index}-{name}"
            path.write_bytes(data)
            start = time.perf_counter()
            signal.alarm(args.seconds)
            try:
                run_case(path)
            except Timeout:
                failures += 1
                _save(args.out, path, data, f"hang over {args.seconds} s")
            except Exception:
                failures += 1
                _save(args.out, path, data, traceback.format_exc())
            finally:
                signal.alarm(0)
            elapsed = time.perf_counter() - start
            slowest = max(slowest, (elapsed, name))
    print(f"{len(cases)} cases, {failures} failures, slowest {slowest[0]:.2f} s ({slowest[1]})")
    return 1 if failures else 0


def _save(folder: Path, path: Path, data: bytes, why: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / path.name).write_bytes(data)
    (folder / (path.name + ".txt")).write_text(why, encoding="utf-8")
    print(f"FAIL {path.name}: {why.strip().splitlines()[-1]}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
