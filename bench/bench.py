"""Benchmarks of the playbook plugin against the plain-MkDocs floor, side by side in one run.

    python bench/bench.py [--runs 9] [--profiles 10,100] [--only demo,library,...]

What is measured, and against what
----------------------------------
The floor is always plain MkDocs building ``playbook export`` of the same playbook: the
same pages, theme, extensions and navigation, without the plugin. Every build runs in a
fresh process (``python -m mkdocs build``), imports included, as a user or CI runs it.

- ``demo``: the repository's demo project, copied into a temporary folder.
  1. no cache of any kind: every plugin build gets a new, empty ``XDG_CACHE_HOME`` (where
     the plugin keeps its caches, under ``playbook-builder/``) vs the plain build.
     Target: time <= 1.15x.
  2. warm cache: every plugin build uses one ``XDG_CACHE_HOME`` that a warm-up build has
     filled vs the same plain build, which has no cache. Target: time <= 0.95x. A
     reference row shows what a Jinja bytecode cache alone does for the plain build: its
     ``mkdocs.yml`` with an MkDocs hook that sets ``env.bytecode_cache``, warmed up once.
- ``library``: a synthetic library, the bundled ``content/`` plus 5,000 generated
  objections (copies of a real one with unique ids), given to the plugin through its
  ``content_dir`` option, vs the export of that same configuration. No cache; target
  <= 1.15x.
- ``profile``: a synthetic profile of about 500 entries (audiences, goals, listening,
  participation, initiatives, added objections and reading, roles) derived from
  ``profiles/example.yml`` and checked with ``playbook validate`` first, vs its export.
  No cache; target <= 1.15x.
- ``memory``: the peak memory of the builds above, plugin / plain, target <= 1.1x (it
  needs their runs, so selecting it runs ``demo``, ``library`` and ``profile`` too).
- ``many``: N profiles built by ``playbook build --profiles --jobs 2`` and by
  ``--jobs 1`` vs N sequential ``mkdocs build`` runs with the plugin (``PLAYBOOK_PROFILE``
  naming the profile), each case from an empty cache as on a fresh CI machine (the N
  sequential builds share one cache, as one machine would). One run only when N >= 100.
- ``validate``: ``playbook validate`` of the example profile in a fresh process (with
  the interpreter's own start-up as a reference row, and with the 5,000-objection
  library), and inside a warm process ``playbook_builder.pipeline.load_playbook(profile,
  content_dir)`` with the bundled and the 5,000-objection library: its first call after
  the import, and later calls (which whatever it keeps between calls helps). Skipped, with
  a note, where that function does not exist.
- ``engines``: the second engine, Zensical, on the demo (copied as for ``demo``).
  1. CPU time (user + system, of the whole process tree: Zensical runs as a child of
     ``playbook build``) and wall time of: the plain floor; ``playbook build --engine
     zensical --out SITE`` cold (a new SITE folder, so no ``.SITE.zensical`` project
     beside it, and an empty ``XDG_CACHE_HOME``); the same cached (one SITE, its
     ``.SITE.zensical`` with Zensical's ``.cache``, and one ``XDG_CACHE_HOME``, all kept
     from a warm-up build; validation, rendering and the gate included, in a fresh
     process); and as references ``playbook build`` with the MkDocs engine, warm cache
     (also into one kept SITE), and ``python -m zensical build`` alone of a copy of the
     export, its ``.cache`` warm. Target: the cached Zensical build's CPU time <= 0.9x
     the floor's.
  2. ``playbook serve`` with each engine (``-a`` on a free port, in a process group of
     its own, stopped as a group), once it answers: the time from an edit of
     ``profiles/example.yml`` (written in place, as an editor saves) until the pages it
     changes show it, asking each every 10 ms; 1.5 s between edits. Two kinds of edit,
     interleaved, after one untimed edit of each: a word added to a text that only one
     page shows (a voice example's ``why``), and to a contact's name, which about ten
     pages show. Which pages an edit changes is found by exporting the demo with it and
     comparing the .md files with the demo's export. The profile is restored at the end.
     Target for Zensical: <= 0.5 s to every page.

How
---
Cases run interleaved (a, b, a, b, ...) so that machine noise hits them alike, after one
untimed warm-up round (which also leaves the OS file cache warm); the tables give medians
and the range, and ratios are ratios of medians. Time is the wall time of the whole child
process; CPU time, where a table gives it, is the user and system time that ``os.wait4``
reports for the child, which counts the processes it waited for; peak memory is the
child's ``ru_maxrss`` from ``os.wait4`` (the getrusage of the child: for a command with
workers, the largest single process), or what a child script reports from
``resource.getrusage``. Children run with this interpreter
(``sys.executable``), ``NO_MKDOCS_2_WARNING=1``, a fixed ``SOURCE_DATE_EPOCH``, no
inherited ``PLAYBOOK_*``/``MIKE_*`` variables, and without ``PYTHONDONTWRITEBYTECODE``:
Python writes bytecode as after an ordinary install, where with it set every fresh
process would compile the plugin's modules from source. All files, caches and sites live
in one temporary folder, removed at the end. Uses the standard library and what MkDocs
brings (PyYAML, to derive the synthetic profile).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import http.client
import importlib.metadata
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
CLI = [PY, "-m", "playbook_builder.cli"]
MKDOCS = [PY, "-m", "mkdocs", "build", "-q"]
SECTIONS = ("demo", "library", "profile", "memory", "many", "validate", "engines")
MEMORY_TARGET = 1.10
GENERATED_OBJECTIONS = 5000
ZENSICAL_CPU_TARGET = 0.90
SERVE_TARGET = 0.5
"""Seconds from an edit of the profile to the page that ``playbook serve`` shows."""
SERVE_EDITS = {
    "one page (a voice example's 'why')":
        "why: Numbers and names say thank you better than exclamation marks.",
    "a contact's name": "name: Sam Patel",
}
"""The serve case's edits of ``profiles/example.yml``: text that a word is added to."""
SERVE_PAUSE = 1.5
"""Seconds between two edits while serving."""
SERVE_TIMEOUT = 60.0

Sample = tuple[float, float, float]
"""Seconds, peak MiB and CPU seconds of one run (0 MiB, 0 CPU seconds: not measured)."""

LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Asks the local servers directly, whatever proxy the environment names."""

THEME_BYTECODE_HOOK = """\
# Written by bench/bench.py: a Jinja bytecode cache for the theme, nothing else.
import jinja2


def on_env(env, config, files):
    env.bytecode_cache = jinja2.FileSystemBytecodeCache({folder!r})
    return env
"""

# Run in a child, after the import: time the first call of load_playbook (repeats 0), or
# the median of later calls (whatever the function keeps between calls helps them); prints
# the seconds and the peak memory in KiB.
LOAD_IMPORT = "from playbook_builder.pipeline import load_playbook"
LOAD_WARM = f"""
import resource, statistics, sys, time
from pathlib import Path
{LOAD_IMPORT}
profile, content, repeats = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
if repeats:
    load_playbook(profile, content)
times = []
for _ in range(max(repeats, 1)):
    started = time.perf_counter()
    load_playbook(profile, content)
    times.append(time.perf_counter() - started)
print(statistics.median(times), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of every child: see the module's docstring."""
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith(("PLAYBOOK_", "MIKE_"))}
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000",
               XDG_CACHE_HOME=str(cache))
    env.update(extra)
    return env


def run_checked(command: list[str], cwd: Path, cache: Path, **extra: str) -> str:
    """Run a preparation step; stop the benchmark with its output if it fails."""
    done = subprocess.run(command, cwd=cwd, env=child_env(cache, **extra),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"failed (exit {done.returncode}): {shlex.join(command)}\n"
                         f"{done.stdout}{done.stderr}")
    return done.stdout


def measure(command: list[str], cwd: Path, cache: Path, **extra: str) -> Sample:
    """Wall time, peak memory and CPU time of one run of ``command`` in a fresh process
    (the CPU time of the child and of every process it waited for, as ``os.wait4``
    counts it: Zensical's process under ``playbook build --engine zensical`` included)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty child can't block
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=child_env(cache, **extra),
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"failed (exit {child.returncode}): {shlex.join(command)}\n"
                             f"{errors.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def reported(command: list[str], cwd: Path, cache: Path) -> Sample:
    """What a child script prints about itself: seconds, and peak memory in KiB."""
    seconds, kib = run_checked(command, cwd, cache).split()
    return float(seconds), float(kib) / 1024, 0.0


def with_plugin_options(config_text: str, **options: str) -> str:
    """``mkdocs.yml`` text with the playbook plugin's options set (edited as text, so that
    the rest of the file, tags included, stays exactly as it was)."""
    lines = config_text.splitlines()
    start = next((i for i, line in enumerate(lines)
                  if re.fullmatch(r"\s*- playbook:?\s*", line)), None)
    if start is None:
        raise SystemExit("mkdocs.yml: no '- playbook:' line to set the plugin's options on")
    lines[start] = lines[start].rstrip().rstrip(":") + ":"
    item_indent = len(lines[start]) - len(lines[start].lstrip())
    following = lines[start + 1] if start + 1 < len(lines) else ""
    indent = len(following) - len(following.lstrip())
    if not following.strip() or indent <= item_indent:
        indent = item_indent + 4
    end = start + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) >= indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the options stay after them
    block = [line for line in lines[start + 1:end]
             if line.strip().split(":", 1)[0] not in options]
    block += [f"{' ' * indent}{key}: {value}" for key, value in options.items()]
    return "\n".join([*lines[:start + 1], *block, *lines[end:]]) + "\n"


def median_of(samples: list[Sample]) -> Sample:
    return (statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples),
            statistics.median(s[2] for s in samples))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def spread(values: list[float]) -> str:
    return f"{min(values) * 1000:,.0f} to {max(values) * 1000:,.0f} ms"


@dataclass
class Check:
    """One target: a ratio of medians (or a median in seconds) and the most it may be."""

    what: str
    value: float
    target: float
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.value <= self.target

    def text(self) -> str:
        return f"**{self.value:.2f}{self.unit}** (target <= {self.target:.2f}{self.unit}: " \
               f"{'met' if self.met else 'MISSED'})"


class Bench:
    """The temporary work folder, the inputs made in it on first use, and the results."""

    def __init__(self, work: Path, runs: int) -> None:
        self.work = work
        self.runs = runs
        self.checks: list[Check] = []
        self.memory_rows: list[tuple[str, Sample, Sample]] = []
        self._folders = 0

    # -- folders and inputs ------------------------------------------------------------

    def folder(self, name: str) -> Path:
        """A new, empty folder of its own (a cache or a site)."""
        self._folders += 1
        path = self.work / "scratch" / f"{name}-{self._folders}"
        path.mkdir(parents=True)
        return path

    @contextmanager
    def empty_cache(self) -> Iterator[Path]:
        """A new, empty ``XDG_CACHE_HOME``, removed after use."""
        cache = self.folder("xdg")
        try:
            yield cache
        finally:
            shutil.rmtree(cache)

    def fresh(self, command: list[str]) -> Sample:
        """``measure`` in the demo folder, with an empty cache."""
        with self.empty_cache() as cache:
            return measure(command, self.demo, cache)

    @cached_property
    def demo(self) -> Path:
        """A copy of the demo project: configuration, profiles, pages and overrides."""
        demo = self.work / "demo"
        demo.mkdir()
        for name in ("mkdocs.yml", "profiles", "docs", "overrides"):
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, demo / name)
            elif source.exists():
                shutil.copy(source, demo / name)
        return demo

    def export(self, name: str, config: str) -> Path:
        """``playbook export`` of a configuration in the demo folder; its mkdocs.yml."""
        out = self.work / f"export-{name}"
        with self.empty_cache() as cache:
            run_checked([*CLI, "export", "-f", config, "--out", str(out)], self.demo, cache)
        return out / "mkdocs.yml"

    @cached_property
    def demo_export(self) -> Path:
        return self.export("demo", "mkdocs.yml")

    @cached_property
    def hooked_export(self) -> tuple[Path, Path]:
        """The demo's export with a theme bytecode cache added by a hook; its cache folder."""
        plain = self.demo_export
        text = plain.read_text(encoding="utf-8")
        if re.search(r"^hooks:", text, re.MULTILINE):
            raise SystemExit(f"{plain} has hooks already: cannot add the bytecode cache hook")
        cache = self.work / "theme-bytecode"
        cache.mkdir()
        (plain.parent / "bytecode_hook.py").write_text(
            THEME_BYTECODE_HOOK.format(folder=str(cache)), encoding="utf-8")
        hooked = plain.parent / "mkdocs-hooked.yml"
        hooked.write_text(text + "hooks:\n  - bytecode_hook.py\n", encoding="utf-8")
        return hooked, cache

    def demo_config(self, name: str, **options: str) -> str:
        """A copy of the demo's mkdocs.yml with plugin options set, beside the original."""
        text = (self.demo / "mkdocs.yml").read_text(encoding="utf-8")
        (self.demo / name).write_text(with_plugin_options(text, **options), encoding="utf-8")
        return name

    @cached_property
    def big_library(self) -> Path:
        """The bundled library plus generated objections, each a copy of a real one."""
        content = self.work / "content-5000"
        shutil.copytree(REPO / "content", content)
        objections = content / "objections"
        model = next((p for p in sorted(objections.glob("*.yml"))
                      if "aliases" not in p.read_text(encoding="utf-8")), None)
        if model is None:
            raise SystemExit(f"{objections}: no objection without aliases to copy")
        text = model.read_text(encoding="utf-8")
        if len(re.findall(r"^id: .+$", text, re.MULTILINE)) != 1 \
                or not re.search(r"^objection: .+$", text, re.MULTILINE):
            raise SystemExit(f"{model}: expected one 'id:' and one 'objection:' line")
        for i in range(GENERATED_OBJECTIONS):
            ident = f"generated-{i:05d}"
            copied = re.sub(r"^id: .+$", f"id: {ident}", text, flags=re.MULTILINE)
            copied = re.sub(r"^objection: (.+)$", rf"objection: Number {i}, \1", copied,
                            flags=re.MULTILINE)
            (objections / f"{ident}.yml").write_text(copied, encoding="utf-8")
        return content

    @cached_property
    def big_profile(self) -> tuple[str, str]:
        """A valid profile of about 500 entries, in the demo's profiles/; its path and a
        description of what it holds."""
        example = yaml.safe_load((REPO / "profiles" / "example.yml").read_text("utf-8"))
        profile, counts = large_profile(example)
        path = self.demo / "profiles" / "large.yml"
        path.write_text("# Generated by bench/bench.py from profiles/example.yml.\n"
                        + yaml.dump(profile, Dumper=NoAliasDumper, sort_keys=False,
                                    allow_unicode=True, width=100), encoding="utf-8")
        with self.empty_cache() as cache:
            done = subprocess.run([*CLI, "validate", str(path)], cwd=self.demo,
                                  env=child_env(cache), capture_output=True, text=True)
        if done.returncode != 0:
            problems = (done.stdout + done.stderr).splitlines()
            shown = "\n".join(problems[:40] + ["..."] * (len(problems) > 40))
            raise SystemExit(f"the generated profile {path} is invalid (playbook validate,"
                             f" exit {done.returncode}):\n{shown}")
        described = ", ".join(f"{n} {name}" for name, n in counts.items())
        return "profiles/large.yml", f"{sum(counts.values())} entries: {described}"

    # -- measuring ---------------------------------------------------------------------

    def build(self, config: Path | str, cache: Path | None = None, **extra: str) -> Sample:
        """``mkdocs build`` of a configuration, into a new site folder, in the demo folder;
        a new, empty cache unless one is given."""
        site = self.folder("site")
        command = [*MKDOCS, "-f", str(config), "-d", str(site)]
        try:
            if cache:
                return measure(command, self.demo, cache, **extra)
            with self.empty_cache() as empty:
                return measure(command, self.demo, empty, **extra)
        finally:
            shutil.rmtree(site)

    def compare(self, title: str, cases: dict[str, Callable[[], Sample]],
                runs: int | None = None, warm_up: bool = True, cpu: bool = False
                ) -> dict[str, Sample]:
        """Interleaved runs of every case after a warm-up round; prints the medians (and
        the CPU time's, with ``cpu``)."""
        runs = runs or self.runs
        if warm_up:
            for run in cases.values():
                run()
        samples: dict[str, list[Sample]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, run in cases.items():
                samples[name].append(run())
        medians = {name: median_of(s) for name, s in samples.items()}
        print(f"\n### {title}\n\nMedian of {runs} interleaved run{'s' * (runs > 1)}"
              f"{', after a warm-up round' if warm_up else ''}.\n")
        print(f"| case |{' CPU (user + sys) | range |' * cpu} time | range | peak memory |")
        print(f"|---|{'---|---|' * cpu}---|---|---|")
        for name, (seconds, mib, cpu_seconds) in medians.items():
            times = spread([s[0] for s in samples[name]])
            cpu_times = f" {ms(cpu_seconds)} | {spread([s[2] for s in samples[name]])} |"
            memory = f"{mib:.0f} MiB" if mib else "-"
            print(f"| {name} |{cpu_times * cpu} {ms(seconds)} | {times} | {memory} |")
        return medians

    def ratios(self, medians: dict[str, Sample], ours: str, floor: str, section: str,
               time_target: float | None, memory: bool = True, cpu: bool = False,
               cpu_target: float | None = None) -> None:
        """Prints ours / floor in time and memory (and CPU time first, with ``cpu``);
        records the targets."""
        (t1, m1, c1), (t0, m0, c0) = medians[ours], medians[floor]
        cells = [self.checked(f"{section}: CPU", c1 / c0, cpu_target)] if cpu else []
        cells.append(self.checked(f"{section}: time", t1 / t0, time_target))
        if memory and m0:
            self.memory_rows.append((section, medians[ours], medians[floor]))
        cells.append(self.checked(f"{section}: memory", m1 / m0, MEMORY_TARGET if memory
                                  else None) if m0 else "-")
        print(f"| {ours} / {floor} | {' | '.join(cells)} |")

    def checked(self, what: str, value: float, target: float | None) -> str:
        """A ratio as text; with a target, also recorded as a check."""
        if target is None:
            return f"{value:.2f}x"
        check = Check(what, value, target)
        self.checks.append(check)
        return check.text()

    @staticmethod
    def ratio_header(cpu: bool = False) -> None:
        print(f"\n| ratio of medians |{' CPU |' * cpu} time | peak memory |\n"
              f"|---|{'---|' * cpu}---|---|")

    # -- sections ----------------------------------------------------------------------

    def section_demo(self) -> None:
        print("\n## Demo, fresh process")
        plain = self.demo_export
        no_cache = self.compare("1. No cache of any kind (a new XDG_CACHE_HOME each run)", {
            "plugin, empty cache": lambda: self.build("mkdocs.yml"),
            "plain (export)": lambda: self.build(plain),
        })
        self.ratio_header()
        self.ratios(no_cache, "plugin, empty cache", "plain (export)", "demo, no cache", 1.15)

        warm = self.work / "xdg-warm"
        warm.mkdir()
        self.build("mkdocs.yml", warm)  # fills the plugin's cache
        if not (warm / "playbook-builder").is_dir():
            print(f"\nNote: the warm-up build left no {warm.name}/playbook-builder/:"
                  " the plugin keeps no cache there.")
        hooked, theme_cache = self.hooked_export
        self.build(hooked)  # fills the theme's bytecode cache
        if not any(theme_cache.iterdir()):
            print("\nNote: the bytecode cache hook wrote nothing: its row is not warm.")
        cached = self.compare("2. Cache warm (one XDG_CACHE_HOME, filled by a warm-up build)", {
            "plugin, warm cache": lambda: self.build("mkdocs.yml", warm),
            "plain (export)": lambda: self.build(plain),
            "reference: plain + theme bytecode cache hook, warm": lambda: self.build(hooked),
        })
        self.ratio_header()
        self.ratios(cached, "plugin, warm cache", "plain (export)", "demo, warm cache", 0.95)
        self.ratios(cached, "plugin, warm cache",
                    "reference: plain + theme bytecode cache hook, warm",
                    "demo, warm cache, vs hook", None, memory=False)
        self.ratios(cached, "reference: plain + theme bytecode cache hook, warm",
                    "plain (export)", "hook vs plain", None, memory=False)

    def section_library(self) -> None:
        content = self.big_library
        config = self.demo_config("mkdocs-library.yml", content_dir=str(content))
        plain = self.export("library", config)
        print(f"\n## Library of {GENERATED_OBJECTIONS:,} generated objections plus the"
              " bundled ones, fresh process, no cache")
        docs = plain.parent / "docs"
        needle = f"Number {GENERATED_OBJECTIONS - 1},"
        if not any(needle in p.read_text(encoding="utf-8") for p in docs.rglob("*.md")):
            print(f"\nWarning: the export has no page with '{needle}': export may not have"
                  " used content_dir, so the floor below is not the same playbook.")
        medians = self.compare("3. Plugin with content_dir vs the export of the same config", {
            "plugin, empty cache": lambda: self.build(config),
            "plain (export)": lambda: self.build(plain),
        })
        self.ratio_header()
        self.ratios(medians, "plugin, empty cache", "plain (export)", "library", 1.15)

    def section_profile(self) -> None:
        profile, described = self.big_profile
        config = self.demo_config("mkdocs-large.yml", profile=profile)
        plain = self.export("profile", config)
        print(f"\n## Large profile, fresh process, no cache\n\n{described}.")
        medians = self.compare("4. Plugin with the large profile vs its export", {
            "plugin, empty cache": lambda: self.build(config),
            "plain (export)": lambda: self.build(plain),
        })
        self.ratio_header()
        self.ratios(medians, "plugin, empty cache", "plain (export)", "large profile", 1.15)

    def section_memory(self) -> None:
        print("\n## 5. Peak memory of the builds above (medians)\n")
        print("| build | plugin | plain | plugin / plain |")
        print("|---|---|---|---|")
        for section, (_, ours, _), (_, floor, _) in self.memory_rows:
            check = Check(section, ours / floor, MEMORY_TARGET)
            print(f"| {section} | {ours:.0f} MiB | {floor:.0f} MiB | {check.text()} |")

    def section_many(self, counts: list[int]) -> None:
        print("\n## 6. Many profiles, each case from an empty cache")
        for count in counts:
            folder = many_profiles(self.work, count)
            profiles = sorted(folder.glob("*.yml"))

            def batch(jobs: int, folder: Path = folder) -> Sample:
                out = self.folder("many") / "site"
                try:
                    return self.fresh([*CLI, "-q", "build", "--profiles", str(folder),
                                       "--jobs", str(jobs), "--out", str(out)])
                finally:
                    shutil.rmtree(out.parent)

            def sequential(profiles: list[Path] = profiles) -> Sample:
                total, peak, cpu = 0.0, 0.0, 0.0
                with self.empty_cache() as cache:  # one machine: the N builds share it
                    for profile in profiles:
                        seconds, mib, cpu_seconds = self.build("mkdocs.yml", cache,
                                                               PLAYBOOK_PROFILE=str(profile))
                        total, peak, cpu = total + seconds, max(peak, mib), cpu + cpu_seconds
                return total, peak, cpu

            jobs2, jobs1 = (f"playbook build --profiles --jobs {n}" for n in (2, 1))
            serial = f"{count} x mkdocs build"
            medians = self.compare(f"{count} profiles", {
                jobs2: lambda: batch(2), jobs1: lambda: batch(1), serial: sequential,
            }, runs=1 if count >= 100 else self.runs, warm_up=False)
            self.ratio_header()
            self.ratios(medians, jobs2, serial, f"{count} profiles, jobs 2", None, memory=False)
            self.ratios(medians, jobs1, serial, f"{count} profiles, jobs 1", None, memory=False)
            self.ratios(medians, jobs2, jobs1, f"{count} profiles, jobs 2/1", None, memory=False)

    def section_validate(self) -> None:
        print("\n## 7. Validation")
        example = "profiles/example.yml"
        content = self.big_library
        cases: dict[str, Callable[[], Sample]] = {
            "interpreter start-up (reference: python -c pass)": lambda: self.fresh(
                [PY, "-c", "pass"]),
            "playbook validate profiles/example.yml, fresh process": lambda: self.fresh(
                [*CLI, "validate", example]),
            f"the same with --content-dir (library of {GENERATED_OBJECTIONS:,} more"
            " objections)": lambda: self.fresh(
                [*CLI, "validate", "--content-dir", str(content), example]),
        }
        with self.empty_cache() as cache:  # one call: the function exists and takes these
            probe = subprocess.run([PY, "-c", LOAD_WARM, example, str(REPO / "content"), "0"],
                                   cwd=self.demo, env=child_env(cache), capture_output=True,
                                   text=True)
        if probe.returncode == 0:
            def warm(library: Path, repeats: int) -> Callable[[], Sample]:
                def run() -> Sample:
                    with self.empty_cache() as cache:
                        return reported([PY, "-c", LOAD_WARM, example, str(library),
                                         str(repeats)], self.demo, cache)
                return run

            for name, library in (("bundled library", REPO / "content"),
                                  (f"{GENERATED_OBJECTIONS:,}-objection library", content)):
                cases[f"load_playbook, {name}, warm process: first call"] = warm(library, 0)
                cases[f"load_playbook, {name}, warm process: later calls (median of 5)"] = \
                    warm(library, 5)
        else:
            error = (probe.stderr.strip().splitlines() or ["?"])[-1]
            print(f"\nNote: the warm in-process cases are skipped: `{LOAD_IMPORT}` and a"
                  f" call load_playbook(Path(profile), Path(content_dir)) failed: {error}")
        self.compare("Fresh process, and in a warm process", cases)

    def section_engines(self) -> None:
        print("\n## 8. Engines: Zensical beside MkDocs, the demo")
        self.engine_builds()
        self.engine_serve()

    def engine_builds(self) -> None:
        plain = self.demo_export
        alone = self.work / "export-zensical"  # Zensical keeps its site and .cache beside
        shutil.copytree(plain.parent, alone)  # the configuration: a copy, not the floor's
        site, mkdocs_site = self.work / "zensical" / "site", self.work / "mkdocs" / "site"
        cache, mkdocs_cache = self.work / "xdg-zensical", self.work / "xdg-mkdocs"
        for folder in (site.parent, mkdocs_site.parent, cache, mkdocs_cache):
            folder.mkdir()
        zensical = [*CLI, "build", "--engine", "zensical", "--out", str(site)]
        mkdocs = [*CLI, "build", "--out", str(mkdocs_site)]
        zensical_alone = [PY, "-m", "zensical", "build", "-f", str(alone / "mkdocs.yml")]
        measure(zensical, self.demo, cache)  # fill the caches
        measure(mkdocs, self.demo, mkdocs_cache)
        self.fresh(zensical_alone)
        for kept in (site.with_name(f".{site.name}.zensical") / ".cache", alone / ".cache"):
            if not kept.is_dir():
                print(f"\nNote: the warm-up build left no {kept}: Zensical keeps no cache"
                      " there, and its rows are not cached.")
        floor = "plain (export)"
        cold = "playbook build --engine zensical, cold (new .site.zensical, empty cache)"
        cached = "playbook build --engine zensical, cached"
        reference = "reference: playbook build (MkDocs engine), warm cache"
        only = "reference: zensical build of the export alone, cached"
        medians = self.compare("8a. Build: CPU time (the whole process tree) and wall time", {
            floor: lambda: self.build(plain),
            cold: self.zensical_cold,
            cached: lambda: measure(zensical, self.demo, cache),
            reference: lambda: measure(mkdocs, self.demo, mkdocs_cache),
            only: lambda: self.fresh(zensical_alone),
        }, cpu=True)
        self.ratio_header(cpu=True)
        self.ratios(medians, cold, floor, "zensical, cold", None, memory=False, cpu=True)
        self.ratios(medians, cached, floor, "zensical, cached", None, memory=False, cpu=True,
                    cpu_target=ZENSICAL_CPU_TARGET)
        self.ratios(medians, reference, floor, "mkdocs engine, warm", None, memory=False,
                    cpu=True)
        self.ratios(medians, only, floor, "zensical alone", None, memory=False, cpu=True)
        print(f"\nOurs around Zensical (cached build less Zensical alone): "
              f"{ms(medians[cached][2] - medians[only][2])} CPU, "
              f"{ms(medians[cached][0] - medians[only][0])} wall.")

    def zensical_cold(self) -> Sample:
        """``playbook build --engine zensical`` into a new folder, so with no
        ``.<site>.zensical`` beside it yet, and an empty cache."""
        out = self.folder("zensical-cold") / "site"
        try:
            return self.fresh([*CLI, "build", "--engine", "zensical", "--out", str(out)])
        finally:
            shutil.rmtree(out.parent)

    def engine_serve(self) -> None:
        profile = self.demo / "profiles" / "example.yml"
        original = profile.read_text(encoding="utf-8")
        for needle in SERVE_EDITS.values():
            if original.count(needle) != 1:
                raise SystemExit(f"profiles/example.yml: '{needle}' is not there exactly"
                                 " once, to add a word to")

        def edited(added: dict[str, str]) -> str:
            text = original
            for kind, word in added.items():
                text = text.replace(SERVE_EDITS[kind], SERVE_EDITS[kind] + word)
            return text

        pages: dict[str, list[str]] = {}
        try:
            for n, kind in enumerate(SERVE_EDITS):
                profile.write_text(edited({kind: " Benchmark"}), encoding="utf-8")
                pages[kind] = changed_pages(self.demo_export.parent / "docs",
                                            self.export(f"edit-{n}", "mkdocs.yml").parent / "docs")
                if not pages[kind]:
                    raise SystemExit(f"the edit '{kind}' changes no page of the export")
            profile.write_text(original, encoding="utf-8")
            print(f"\n### 8b. Serve: from an edit of the profile to the page\n\nEach edit adds"
                  f" a word to profiles/example.yml; the times are from the write until the"
                  f" first page it changes shows it, and until every one does, asking each"
                  f" every 10 ms (medians of {self.runs} edit{'s' * (self.runs > 1)} of each"
                  f" kind, interleaved, after one untimed edit of each; {SERVE_PAUSE} s"
                  " between edits). The pages an edit changes are the .md files it changes"
                  " in the export.\n")
            print("| edit | the text | pages it changes |\n|---|---|---|")
            for kind, needle in SERVE_EDITS.items():
                listed = ", ".join(pages[kind][:3]) + ", ..." * (len(pages[kind]) > 3)
                print(f"| {kind} | `{needle}` | {len(pages[kind])}: {listed} |")
            print("\n| server | edit | first page | every page | range (every page) |")
            print("|---|---|---|---|---|")
            for engine, options in (("MkDocs", []), ("Zensical", ["--engine", "zensical"])):
                profile.write_text(original, encoding="utf-8")
                first_page = page_path(pages[next(iter(SERVE_EDITS))][0])
                with self.serving(options, first_page) as base:
                    added = {kind: "" for kind in SERVE_EDITS}
                    times: dict[str, list[tuple[float, float]]] = {k: [] for k in SERVE_EDITS}
                    for run in range(self.runs + 1):
                        for kind in SERVE_EDITS:
                            added[kind] = f" Bench{run:03d}"
                            seen = edit_to_pages(profile, edited(added), added[kind].strip(),
                                                 [base + page_path(p) for p in pages[kind]])
                            if run:  # the first round is the warm-up
                                times[kind].append(seen)
                            time.sleep(SERVE_PAUSE)
                for kind, samples in times.items():
                    first = statistics.median(s[0] for s in samples)
                    every = statistics.median(s[1] for s in samples)
                    print(f"| {engine} | {kind} | {ms(first)} | {ms(every)} |"
                          f" {spread([s[1] for s in samples])} |")
                    if engine == "Zensical":
                        self.checks.append(Check(f"serve, Zensical, {kind}: seconds to every"
                                                 " page", every, SERVE_TARGET, " s"))
                sys.stdout.flush()
        finally:
            profile.write_text(original, encoding="utf-8")

    @contextmanager
    def serving(self, options: list[str], page: str) -> Iterator[str]:
        """``playbook serve`` in the demo folder on a free port, in a process group of its
        own, once ``page`` answers; yields the address. Stops the whole group after."""
        address = f"127.0.0.1:{free_port()}"
        base = f"http://{address}/"
        command = [*CLI, "serve", *options, "-a", address]
        with self.empty_cache() as cache, tempfile.TemporaryFile() as output:
            server = subprocess.Popen(command, cwd=self.demo, env=child_env(cache),
                                      stdin=subprocess.DEVNULL, stdout=output,
                                      stderr=subprocess.STDOUT, start_new_session=True)
            try:
                deadline = time.perf_counter() + 300
                while page_text(base + page) is None:
                    if server.poll() is not None or time.perf_counter() > deadline:
                        output.seek(0)
                        said = output.read().decode(errors="replace")[-4000:]
                        raise SystemExit(f"no page from {shlex.join(command)}"
                                         f" (exit code {server.poll()}):\n{said}")
                    time.sleep(0.1)
                yield base
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(server.pid, signal.SIGTERM)
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        server.wait(10)
                    os.killpg(server.pid, signal.SIGKILL)  # and whatever it left running
                server.wait()


class NoAliasDumper(yaml.SafeDumper):
    """Writes every value out in full: profiles may not use anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def large_profile(example: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """The example with its lists grown to about 500 entries in all: copies of its own
    entries under new ids, referring to the copied audiences where they refer to any."""
    p = copy.deepcopy(example)

    def grow(entries: list[Any], total: int, copy_entry: Callable[[Any, int], Any]) -> list[Any]:
        return [*entries, *(copy_entry(entries[i % len(entries)], i)
                            for i in range(total - len(entries)))]

    def audience(i: int) -> str:
        return f"{example['audiences'][i % len(example['audiences'])]['id']}-{i}"

    p["audiences"] = grow(p["audiences"], 60, lambda a, i: {
        **a, "id": audience(i), "name": f"{a['name']} ({i})"})
    p["goals"] = grow(p["goals"], 60, lambda g, i: {
        **g, "id": f"{g['id']}-{i}", "statement": f"{g['statement']} ({i})",
        "audiences": [audience(i)]})
    p["listening"] = grow(p["listening"], 60, lambda entry, i: {**entry, "audience": audience(i)})
    participation = p["participation"]
    for side in ("do", "dont"):
        participation[side] = grow(participation[side], 40, lambda text, i: f"{text} ({i})")
    p["leading"] = grow(p["leading"], 40, lambda entry, i: {
        **entry, "initiative": f"{entry['initiative']} ({i})", "invites": [audience(i)]})
    added = p["objections"]["add"]
    p["objections"]["add"] = grow(added, 60, lambda o, i: {
        **{k: v for k, v in o.items() if k != "aliases"}, "id": f"{o['id']}-{i}",
        "objection": f"{o['objection']} ({i})"})
    reading = p["reading_list"]["add"]
    p["reading_list"]["add"] = grow(reading, 40, lambda r, i: {
        **{k: v for k, v in r.items() if k != "id"}, "title": f"{r['title']} ({i})",
        "url": f"{r['url']}?copy={i}"})
    p["roles"] = grow(p["roles"], 100, lambda r, i: {
        **{k: v for k, v in r.items() if k != "aliases"}, "id": f"{r['id']}-{i}",
        "name": f"{r['name']} ({i})"})
    counts = {"audiences": len(p["audiences"]), "goals": len(p["goals"]),
              "listening": len(p["listening"]),
              "participation": len(participation["do"]) + len(participation["dont"]),
              "initiatives": len(p["leading"]),
              "added objections": len(p["objections"]["add"]),
              "added reading": len(p["reading_list"]["add"]), "roles": len(p["roles"])}
    return p, counts


def many_profiles(work: Path, count: int) -> Path:
    """``count`` profiles, each the example under another name and slug."""
    folder = work / f"profiles-{count}"
    folder.mkdir()
    example = (REPO / "profiles" / "example.yml").read_text(encoding="utf-8")
    if "name: Riverside Food Bank" not in example or "slug: riverside" not in example:
        raise SystemExit("profiles/example.yml: no 'name: Riverside Food Bank' and"
                         " 'slug: riverside' to rename the copies by")
    shutil.copytree(REPO / "profiles" / "assets", folder / "assets")
    for i in range(count):
        (folder / f"org-{i:03d}.yml").write_text(
            example.replace("name: Riverside Food Bank", f"name: Organisation {i}")
            .replace("slug: riverside", f"slug: org-{i:03d}"), encoding="utf-8")
    return folder


def changed_pages(before: Path, after: Path) -> list[str]:
    """The .md files in ``after`` that ``before`` does not have as they are."""
    return sorted(path.relative_to(after).as_posix() for path in after.rglob("*.md")
                  if not (before / path.relative_to(after)).is_file()
                  or (before / path.relative_to(after)).read_bytes() != path.read_bytes())


def page_path(src: str) -> str:
    """The address of a generated page in the site (directory URLs):
    ``onboarding/trustee.md`` is at ``onboarding/trustee/``."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str | None:
    """The page at ``url``, or None while the server does not serve it."""
    try:
        with LOCAL.open(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        return None


def edit_to_pages(profile: Path, text: str, word: str, urls: list[str]) -> tuple[float, float]:
    """Write ``text`` to ``profile`` (in place, as an editor saves) and ask every page of
    ``urls`` every 10 ms until it shows ``word``: the seconds until the first did, and
    until every one did."""
    seen: dict[str, float] = {}
    started = time.perf_counter()
    profile.write_text(text, encoding="utf-8")
    while len(seen) < len(urls):
        for url in urls:
            if url not in seen and word in (page_text(url) or ""):
                seen[url] = time.perf_counter() - started
        if time.perf_counter() - started > SERVE_TIMEOUT:
            missing = ", ".join(url for url in urls if url not in seen)
            raise SystemExit(f"'{word}' not served in {SERVE_TIMEOUT:.0f} s on {missing}")
        time.sleep(0.01)
    return min(seen.values()), max(seen.values())


def load_average() -> str:
    """Other work on the machine shows here, and widens the ranges in the tables."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min)"


def describe_machine() -> str:
    def version(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "?"

    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO,
                          capture_output=True, text=True).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True,
                           text=True).stdout.strip()
    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {head}"
            f"{' with uncommitted changes' if dirty else ''}; {os.cpu_count()} CPUs,"
            f" Python {platform.python_version()}, MkDocs {version('mkdocs')},"
            f" Material {version('mkdocs-material')}, Jinja {version('jinja2')},"
            f" Zensical {version('zensical')};"
            f" {load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of every case")
    parser.add_argument("--profiles", default="10,100",
                        help="comma-separated numbers of profiles for 'many'")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run, of: {', '.join(SECTIONS)}")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    if unknown := only - set(SECTIONS):
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; "
                     f"choose from {', '.join(SECTIONS)}")
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        counts = [int(n) for n in args.profiles.split(",") if n.strip()]
    except ValueError:
        parser.error("--profiles takes comma-separated whole numbers, such as 10,100")
    if "memory" in only and not only & {"demo", "library", "profile"}:
        only |= {"demo", "library", "profile"}  # the memory figures come from their runs

    print(f"# Benchmark run\n\nCommand (in {Path.cwd()}):\n\n```sh\n"
          f"{shlex.join([PY, *sys.argv])}\n```\n\n{describe_machine()}.")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    bench = Bench(work, args.runs)
    try:
        for name in SECTIONS:
            if name == "many" and name in only:
                bench.section_many(counts)
            elif name in only:
                getattr(bench, f"section_{name}")()
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if bench.checks:
        print("\n## Targets\n\n| target | ratio |\n|---|---|")
        for check in bench.checks:
            print(f"| {check.what} | {check.text()} |")
    print(f"\nTotal benchmark time: {time.perf_counter() - started:,.0f} s; at the end,"
          f" {load_average()}.")


if __name__ == "__main__":
    main()
