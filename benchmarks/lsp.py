"""The language server's latency while someone types: from `didChange` to the
`publishDiagnostics` of that version, for each example spec and for a 1,000-item spec (warm: the
first edits are not counted), with the server's own debounce included.

    python benchmarks/lsp.py              # print the table
    python benchmarks/lsp.py --readme     # also write it into README.md (between its markers)

One character is typed at a time at the end of a `text:` line in the middle of the file, as an
incremental change, and the next one is typed when the diagnostics of the last have arrived.
Needs the `lsp` extra (pygls). Goals (issue 27): median and p95 ≤ 50 ms for the examples, ≤ 300 ms
for 1,000 items.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import checkout  # noqa: F401  (this checkout's src/ first)
from synthetic import plan_yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOALS = {"example": 0.050, "1,000 items": 0.300}
MARK, END = "<!-- lsp-latency -->", "<!-- /lsp-latency -->"


def _typing_line(lines: list[str]) -> int:
    """A `text:` line near the middle of the file: where someone edits an item."""
    candidates = [i for i, line in enumerate(lines) if line.strip().startswith("text:") and not line.rstrip().endswith("|")]
    return min(candidates, key=lambda i: abs(i - len(lines) // 2)) if candidates else len(lines) // 2


async def _replay(path: Path, keystrokes: int, warm_up: int) -> tuple[list[float], int]:
    """Latencies (seconds) of `keystrokes` single-character changes, after `warm_up` uncounted
    ones, and how many diagnostics the last publish held."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("planforge-benchmark", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(ls, params: types.PublishDiagnosticsParams) -> None:  # pygls passes the client as `ls`
        if params.uri == path.as_uri() and params.version is not None:
            arrived[params.version] = time.perf_counter()
            counts[params.version] = len(params.diagnostics)
            event.set()

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    await client.start_io(sys.executable, "-m", "planforge", "lsp", env=env)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    line = _typing_line(lines)
    column = len(lines[line])

    async def until(version: int) -> None:
        while version not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 60)

    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=path.as_uri(), language_id="yaml", version=1, text=text)))
    await until(1)
    latencies = []
    for version in range(2, 2 + warm_up + keystrokes):
        where = types.Position(line, column)
        column += 1
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(where, where), text="学")]))
        await until(version)
        if version >= 2 + warm_up:
            latencies.append(arrived[version] - sent)
    last = counts[max(counts)]
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies, last


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(keystrokes: int = 40) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "synthetic-1000-2027.yaml"
        big.write_text(plan_yaml(1000, block=True), encoding="utf-8")
        cases = [(path, "example") for path in EXAMPLES] + [(big, "1,000 items")]
        for path, kind in cases:
            latencies, diagnostics = asyncio.run(_replay(path, keystrokes, warm_up=5))
            median, p95 = statistics.median(latencies), _p95(latencies)
            rows.append({"file": path.name, "kind": kind, "lines": len(path.read_text(encoding="utf-8").splitlines()),
                         "diagnostics": diagnostics, "median": median, "p95": p95,
                         "met": median <= GOALS[kind] and p95 <= GOALS[kind], "keystrokes": len(latencies)})
    return rows


def table(rows: list[dict]) -> list[str]:
    head = (f"Run {time.strftime('%Y-%m-%d')} on {platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; {rows[0]['keystrokes']} keystrokes per file after 5 uncounted, "
            "debounce included.")
    out = [MARK, head, "", "| file | lines | diagnostics sent | median | p95 | goal | met |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        goal = f"≤ {GOALS[row['kind']] * 1000:.0f} ms"
        out.append(f"| {row['file']} | {row['lines']:,} | {row['diagnostics']} | {row['median'] * 1000:.1f} ms | "
                   f"{row['p95'] * 1000:.1f} ms | {goal} | {'yes' if row['met'] else 'no'} |")
    return out + [END]


def write_readme(lines: list[str]) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(MARK), text.index(END) + len(END)
    readme.write_text(text[:start] + "\n".join(lines) + text[end:], encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--keystrokes", type=int, default=40)
    args = parser.parse_args()
    lines = table(measure(args.keystrokes))
    print("\n".join(lines[1:-1]))
    if args.readme:
        write_readme(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
