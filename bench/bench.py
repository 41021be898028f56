"""Benchmarks against the plain-MkDocs floor, measured side by side in one run.

    python bench/bench.py [--runs 7]

Cases (each build runs in a fresh process, so imports and the first theme render count):

- ``plugin``: the demo playbook built through the plugin (``mkdocs build``);
- ``plain``: the same generated Markdown written into a docs folder and built by plain
  MkDocs with the same theme, extensions and navigation, without the plugin: the floor;
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

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from playbook_builder.resources import data_dir  # noqa: E402
from playbook_builder.site_settings import REQUIRED_EXTENSIONS, STYLESHEET  # noqa: E402

VALIDATE = (
    "from pathlib import Path\n"
    "from playbook_builder.loading import load_library, load_profile\n"
    "from playbook_builder.resources import data_dir\n"
    "load_profile(Path('profiles/example.yml'), load_library(data_dir('content')))\n"
)


def plain_project(root: Path) -> Path:
    """The demo's generated pages as an ordinary MkDocs project, without the plugin."""
    from playbook_builder.loading import load_library, load_profile
    from playbook_builder.render import render_site
    from playbook_builder.sitemap import nav

    pb = load_profile(REPO / "profiles" / "example.yml", load_library(data_dir("content")))
    docs = root / "docs"
    for page in render_site(pb):
        target = docs / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    demo = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": demo["site_name"],
        "theme": {**demo["theme"], "custom_dir": str(data_dir("overrides"))},
        "plugins": ["search"],
        "markdown_extensions": [{k: v} if v else k for k, v in REQUIRED_EXTENSIONS.items()],
        "extra_css": [STYLESHEET],
        "nav": nav(pb),
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
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
