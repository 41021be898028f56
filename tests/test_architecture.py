"""The stages import one way only, and no module imports itself round a cycle.

ARCHITECTURE.md's order, lowest first: inputs <- playbook <- health <- site <- pipeline
<- commands <- the adapters (cli, plugin). A module may import its own stage and those
below it, never one above; the package's root modules (its version, its resources) are
below everything. Every import counts, those inside functions and for type checking too:
each is a dependency that a reader, and the next change, must follow.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "playbook_builder"

STAGES = {"playbook_builder": 0, "playbook_builder.resources": 0,
          "playbook_builder.inputs": 1, "playbook_builder.playbook": 2,
          "playbook_builder.health": 3, "playbook_builder.site": 4,
          "playbook_builder.pipeline": 5, "playbook_builder.commands": 6,
          "playbook_builder.cli": 7, "playbook_builder.plugin": 7}


def modules() -> dict[str, Path]:
    """Every module of the package by its dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: Mapping[str, Path]) -> Iterator[str]:
    """The package's modules that module ``name`` imports, wherever the import is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found = submodule if submodule in known else base
                if found in known:
                    yield found


def stage(name: str) -> int:
    """The stage of module ``name``: that of its longest listed prefix."""
    prefixes = [p for p in STAGES if name == p or name.startswith(p + ".")]
    return STAGES[max(prefixes, key=len)]


def upward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    return sorted(f"{a} imports {b}" for a, targets in graph.items() for b in targets
                  if stage(b) > stage(a))


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other round a cycle (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    known = modules()
    return {name: set(imports(name, path, known)) - {name} for name, path in known.items()}


def test_no_stage_imports_a_higher_one() -> None:
    assert upward_imports(import_graph()) == []


def test_no_module_imports_itself_round_a_cycle() -> None:
    assert cycles(import_graph()) == []


def test_every_module_has_a_stage() -> None:
    assert all(any(n == p or n.startswith(p + ".") for p in STAGES) for n in modules())


def test_the_checks_see_what_they_look_for() -> None:
    """Both checks fail on a graph with a climb and a cycle, so they can fail."""
    graph = {"playbook_builder.inputs.loading": {"playbook_builder.site.sitemap"},
             "playbook_builder.site.sitemap": {"playbook_builder.inputs.loading"}}
    assert upward_imports(graph) == [
        "playbook_builder.inputs.loading imports playbook_builder.site.sitemap"]
    assert cycles(graph) == [["playbook_builder.inputs.loading",
                              "playbook_builder.site.sitemap"]]


def test_imports_are_found_wherever_they_are(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from ..site import sitemap\n    from .. import cli\n",
                      encoding="utf-8")
    known = modules()
    assert set(imports("playbook_builder.commands.x", module, known)) == {
        "playbook_builder.site.sitemap", "playbook_builder.cli"}


def test_the_command_starts_without_the_heavy_libraries() -> None:
    """``playbook --version``, ``new`` and ``schema`` answer at once: MkDocs' configuration
    (150 ms to import), pydantic, Jinja and the lock library are imported by the commands
    that need them, not by the command line itself."""
    import subprocess
    import sys

    code = ("import sys, playbook_builder.cli; print(sorted(m for m in ('pydantic', 'jinja2',"
            " 'mkdocs.config', 'filelock', 'playbook_builder.pipeline') if m in sys.modules))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout
    assert found.strip() == "[]"
