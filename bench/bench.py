"""Benchmarks against the plain-MkDocs floor, measured side by side in one run.

    python bench/bench.py [--runs 7]

Cases (each build runs in a fresh process, so imports and the first theme render count):

- ``plugin``: the demo playbook built through the plugin (``mkdocs build``);
- ``plain``: ``playbook export`` of the demo (the same generated Markdown, theme,
  extensions and navigation) built by plain MkDocs, without the plugin: the floor;
- ``validate``: loading and validating the example profile with the library.

Runs are interleaved (plugin, plain, plugin, plain, ...) so that machine noise hits both
alike; the table gives medians, and the ratio of the medians.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

VALIDATE = (
    "from pathlib import Path\n"
    "from playbook_builder.loading import load_library, load_profile\n"
    "from playbook_builder.resources import data_dir\n"
    "load_profile(Path('profiles/example.yml'), load_library(data_dir('content')))\n"
)


def plain_project(root: Path) -> Path:
    """The demo exported as an ordinary MkDocs project (``playbook export``)."""
    subprocess.run([sys.executable, "-m", "playbook_builder.cli", "export", "--out",
                    str(root)], cwd=REPO, check=True)
    return root / "mkdocs.yml"


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MiB of one run of ``command``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{child.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    try:
        plain_yml = plain_project(work / "plain")
        cases = {
            "plugin": ([sys.executable, "-m", "mkdocs", "build", "-q", "-d",
                        str(work / "site-plugin")], REPO),
            "plain": ([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_yml),
                       "-d", str(work / "site-plain")], REPO),
            "validate": ([sys.executable, "-c", VALIDATE], REPO),
        }
        results: dict[str, list[tuple[float, int]]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, (command, cwd) in cases.items():
                results[name].append(measure(command, cwd))
        report(results, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict[str, list[tuple[float, int]]], runs: int) -> None:
    time_of = {n: statistics.median(t for t, _ in r) for n, r in results.items()}
    memory_of = {n: statistics.median(m for _, m in r) for n, r in results.items()}
    print(f"median of {runs} runs, each in a fresh process\n")
    print("| case | wall time | peak memory |")
    print("|---|---|---|")
    for name in results:
        print(f"| {name} | {time_of[name] * 1000:.0f} ms | {memory_of[name]:.0f} MiB |")
    print(f"\nplugin / plain: time {time_of['plugin'] / time_of['plain']:.2f}x, "
          f"memory {memory_of['plugin'] / memory_of['plain']:.2f}x")


if __name__ == "__main__":
    main()
