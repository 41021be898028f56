"""Benchmarks against the plain-MkDocs floor, measured side by side in one run.

    python bench/bench.py [--runs 5] [--profiles 1,10,100]

Every comparison runs its cases interleaved (a, b, a, b, ...) so machine noise hits both
alike, and reports medians and the ratio of the medians. The floor is always plain MkDocs
building ``playbook export`` of the same playbook: the same pages, theme, extensions and
navigation, without the plugin.

- single build: the demo through the plugin vs its export, each in a fresh process; the
  plugin on a build whose inputs did not change since the last (the cache's entry
  reused), after a profile edit (validated and rendered again), and on a first build
  (nothing cached);
- rebuild: the second and later builds in one process after an edit (what ``mkdocs
  serve`` does: it reloads the configuration and builds again), the plugin after an edit
  of the profile (so never from the cache) vs the export after an edit of a page;
- validation: the example profile with the library, in a fresh process (imports
  included) and inside a warm process; and a synthetic 5,000-item library;
- many profiles: N generated profiles with ``playbook build --profiles --jobs 2`` vs N
  sequential ``mkdocs build`` runs, both with an empty build cache, as on a fresh CI
  machine.

The demo is built from a copy of the project in a temporary folder, with the build cache
there too, so that the edits and the cache stay out of the checkout and the user's own.
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
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Python writes bytecode as it would after an ordinary install: with it switched off, every
# fresh process would compile the plugin's modules from source, which installs never do.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

# Run in a child: build a config several times in one process, each time after an edit
# of the file named; print median ms of the rebuilds (all but the first) and peak memory.
REBUILD = """
import resource, statistics, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
edited = Path(sys.argv[4])
times = []
for _ in range(int(sys.argv[2]) + 1):
    edited.write_text(edited.read_text(encoding="utf-8") + "\\n", encoding="utf-8")
    started = time.perf_counter()
    build(load_config(sys.argv[1], site_dir=sys.argv[3]))
    times.append(time.perf_counter() - started)
print(statistics.median(times[1:]), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

VALIDATE_WARM = """
import statistics, sys, time
from pathlib import Path
from playbook_builder import loading
from playbook_builder.resources import data_dir
content = Path(sys.argv[1]) if len(sys.argv) > 1 else data_dir("content")
times = []
for _ in range(5):
    loading._load_library_cached.cache_clear()
    started = time.perf_counter()
    library = loading.load_library(content)
    if len(sys.argv) == 1:
        loading.load_profile(Path("profiles/example.yml"), library)
    times.append(time.perf_counter() - started)
print(statistics.median(times[1:]), 0)
"""

Sample = tuple[float, float]
"""Seconds and peak MiB of one run."""


def measure(command: list[str], env: dict[str, str] | None = None,
            cwd: Path = REPO) -> Sample:
    """Wall time and peak memory of one run of ``command`` in a fresh process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        assert child.stderr is not None
        raise SystemExit(f"failed: {' '.join(command)}\n{child.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def reported(command: list[str], cwd: Path = REPO) -> Sample:
    """What a child script prints about itself: seconds and peak memory in KiB."""
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True,
                          check=True)
    seconds, kib = done.stdout.split()
    return float(seconds), float(kib) / 1024


def compare(title: str, cases: dict[str, Callable[[], Sample]], runs: int) -> dict[str, Sample]:
    """Interleaved runs of every case; prints a table of medians; returns them."""
    samples: dict[str, list[Sample]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, run in cases.items():
            samples[name].append(run())
    medians = {name: (statistics.median(s[0] for s in runs_),
                      statistics.median(s[1] for s in runs_))
               for name, runs_ in samples.items()}
    print(f"\n### {title} (median of {runs})\n")
    print("| case | time | peak memory |")
    print("|---|---|---|")
    for name, (seconds, mib) in medians.items():
        memory = f"{mib:.0f} MiB" if mib else "-"
        print(f"| {name} | {seconds * 1000:.0f} ms | {memory} |")
    return medians


def ratio(medians: dict[str, Sample], ours: str, floor: str) -> None:
    (t1, m1), (t0, m0) = medians[ours], medians[floor]
    print(f"\n{ours} / {floor}: time {t1 / t0:.2f}x, memory {m1 / m0:.2f}x")


def synthetic_library(root: Path, items: int) -> Path:
    """The bundled library plus enough generated objections to make ``items`` in all."""
    from playbook_builder.resources import data_dir

    content = root / "content"
    shutil.copytree(data_dir("content"), content)
    existing = sum(1 for _ in content.rglob("*.yml"))
    for i in range(items - existing):
        (content / "objections" / f"generated-{i:05d}.yml").write_text(
            f"schema_version: 1\nid: generated-{i:05d}\ntags: [time]\n"
            f"objection: Objection number {i} is raised often.\n"
            "response: >-\n  A calm answer that ties the question back to the purpose and\n"
            "  the people the organisation serves.\ntopic: time\n", encoding="utf-8")
    return content


def demo_copy(root: Path) -> Path:
    """The demo project (configuration, profile, pages) in a folder of its own."""
    demo = root / "demo"
    shutil.copytree(REPO / "profiles", demo / "profiles")
    shutil.copytree(REPO / "docs", demo / "docs")
    shutil.copy(REPO / "mkdocs.yml", demo / "mkdocs.yml")
    return demo


def many_profiles(root: Path, count: int) -> Path:
    """``count`` profiles, each the example under another name."""
    folder = root / f"profiles-{count}"
    folder.mkdir()
    example = (REPO / "profiles" / "example.yml").read_text(encoding="utf-8")
    shutil.copytree(REPO / "profiles" / "assets", folder / "assets")
    for i in range(count):
        (folder / f"org-{i:03d}.yml").write_text(
            example.replace("name: Riverside Food Bank", f"name: Organisation {i}")
            .replace("slug: riverside", f"slug: org-{i:03d}"), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profiles", default="1,10,100")
    args = parser.parse_args()
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    try:
        demo = demo_copy(work)
        cache = work / "cache"
        ENV["XDG_CACHE_HOME"] = str(cache)
        subprocess.run([py, "-m", "playbook_builder.cli", "export", "--out",
                        str(work / "plain")], cwd=demo, env=ENV, check=True)
        plain = str(work / "plain" / "mkdocs.yml")
        build_demo = [py, "-m", "mkdocs", "build", "-q", "-d", str(work / "s1")]

        def first_build() -> Sample:
            shutil.rmtree(cache, ignore_errors=True)
            return measure(build_demo, cwd=demo)

        def unchanged_build() -> Sample:
            if not cache.exists():
                measure(build_demo, cwd=demo)  # writes the entry the measured build reuses
            return measure(build_demo, cwd=demo)

        def edited_build() -> Sample:
            if not cache.exists():
                measure(build_demo, cwd=demo)  # compiles the templates the build reuses
            profile = demo / "profiles" / "example.yml"
            profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            return measure(build_demo, cwd=demo)

        single = compare("single build, fresh process", {
            "plugin, inputs unchanged since the last build": unchanged_build,
            "plugin, profile edited since the last build": edited_build,
            "plugin, first build (empty cache)": first_build,
            "plain": lambda: measure([py, "-m", "mkdocs", "build", "-q", "-f", plain,
                                      "-d", str(work / "s2")]),
        }, args.runs)
        ratio(single, "plugin, inputs unchanged since the last build", "plain")
        ratio(single, "plugin, profile edited since the last build", "plain")
        ratio(single, "plugin, first build (empty cache)", "plain")

        rebuild = compare("rebuild in a warm process after an edit, as mkdocs serve does", {
            "plugin, after a profile edit": lambda: reported(
                [py, "-c", REBUILD, "mkdocs.yml", "3", str(work / "r1"),
                 "profiles/example.yml"], cwd=demo),
            "plain, after a page edit": lambda: reported(
                [py, "-c", REBUILD, plain, "3", str(work / "r2"),
                 str(work / "plain" / "docs" / "index.md")]),
        }, args.runs)
        ratio(rebuild, "plugin, after a profile edit", "plain, after a page edit")

        content = synthetic_library(work, 5000)
        compare("validation", {
            "example profile + library, fresh process (playbook validate)": lambda: measure(
                [py, "-m", "playbook_builder.cli", "validate", "profiles/example.yml"]),
            "example profile + library, warm process": lambda: reported(
                [py, "-c", VALIDATE_WARM]),
            "5,000-item library, warm process": lambda: reported(
                [py, "-c", VALIDATE_WARM, str(content)]),
        }, args.runs)

        for count in (int(n) for n in args.profiles.split(",")):
            folder = many_profiles(work, count)
            profiles = sorted(folder.glob("*.yml"))

            def sequential(profiles: list[Path] = profiles, count: int = count) -> Sample:
                shutil.rmtree(cache, ignore_errors=True)
                total, peak = 0.0, 0.0
                for p in profiles:
                    env = {**ENV, "PLAYBOOK_PROFILE": str(p)}
                    seconds, mib = measure([py, "-m", "mkdocs", "build", "-q", "-d",
                                            str(work / f"seq-{count}")], env, demo)
                    total, peak = total + seconds, max(peak, mib)
                return total, peak

            def together(folder: Path = folder, count: int = count) -> Sample:
                shutil.rmtree(cache, ignore_errors=True)
                return measure([py, "-m", "playbook_builder.cli", "-q", "build", "--profiles",
                                str(folder), "--out", str(work / f"many-{count}"),
                                "--jobs", "2"], cwd=demo)

            many = compare(f"{count} profiles", {
                "playbook build --profiles --jobs 2": together,
                f"{count} x mkdocs build": sequential,
            }, 1 if count >= 100 else args.runs)
            ratio(many, "playbook build --profiles --jobs 2", f"{count} x mkdocs build")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
