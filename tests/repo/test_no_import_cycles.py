"""No import circles in core/ and console/: the modules' imports, read with ``ast``, form a graph
with no strongly connected component of more than one module.

What counts as an import of module A by module B (the arrow B -> A):

- every ``import`` and ``from ... import`` anywhere in B: at the top, inside functions and
  methods, and under ``if TYPE_CHECKING:``. A function-level import only postpones the circle
  to the first call, and a type-only import still means the two modules know each other, so
  neither hides a circle. (Imports by string, ``importlib.import_module("...")``, are not read.)
- ``from P import n`` imports module ``P.n`` when that is a module of the project, else ``P``
  (``n`` is then a name defined in P's ``__init__``).
- importing ``a.b.c`` runs the ``__init__`` of packages ``a`` and ``a.b`` first, so it is also an
  arrow to them, except from a module inside that package: for ``a.b.x`` the package ``a.b`` is
  already being imported, and a package ``__init__`` that re-exports its modules
  (``from a.b.c import C``) would otherwise make a false circle with every one of them. A
  package whose ``__init__`` imports nothing of the project cannot be on a circle, so its
  arrows are harmless.
"""

from __future__ import annotations

import ast
import shutil
from collections import deque
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROOTS = ("core", "console")

def project_modules(root: Path) -> dict[str, Path]:
    """Module name -> file, for every module of core/ and console/ under ``root``."""
    modules: dict[str, Path] = {}
    for top in ROOTS:
        for path in sorted((root / top).rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
              modules: dict[str, Path]) -> set[str]:
    """The project modules one import statement names (before the parent packages)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base_parts = module.split(".") if is_package else module.split(".")[:-1]
            base_parts = base_parts[:len(base_parts) - (node.level - 1)]
            base = ".".join(base_parts + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                 for alias in node.names]
    found = set()
    for name in names:
        while name and name not in modules:  # ``import a.b.c`` of a name, or outside the project
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def import_graph(root: Path = REPO) -> dict[str, set[str]]:
    """Module -> the project modules it imports (see the module's docstring for the rules)."""
    modules = project_modules(root)
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for target in _imported(node, module, is_package, modules):
                targets.add(target)
                parent = target.rpartition(".")[0]
                while parent:
                    inside = module == parent or module.startswith(parent + ".")
                    if parent in modules and not inside:
                        targets.add(parent)
                    parent = parent.rpartition(".")[0]
        targets.discard(module)
        graph[module] = targets
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module, each sorted, the list sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def shortest_circle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """A shortest circle through the component's first module: [a, b, ..., a]."""
    start, members = component[0], set(component)
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(graph[node] & members):
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if successor not in came_from:
                came_from[successor] = node
                queue.append(successor)
    raise AssertionError(f"{start} is on no circle of {component}")


def import_circles(root: Path = REPO) -> list[str]:
    """Each circle as ``a -> b -> ... -> a``, with the other modules of its component."""
    graph = import_graph(root)
    report = []
    for component in strongly_connected(graph):
        circle = shortest_circle(graph, component)
        line = " -> ".join(circle)
        others = sorted(set(component) - set(circle))
        if others:
            line += f"  (same component: {', '.join(others)})"
        report.append(line)
    return report


def test_core_and_console_import_no_module_that_imports_them_back():
    circles = import_circles()

    assert not circles, "Import circles (module -> module -> ... -> module):\n" + "\n".join(
        f"  {circle}" for circle in circles)


def test_the_circle_check_reports_a_planted_back_import(tmp_path):
    for name in ROOTS:
        shutil.copytree(REPO / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    assert "core.domain.enums" in import_graph(tmp_path)["core.domain.lifecycle"]
    enums = tmp_path / "core/domain/enums.py"
    enums.write_text(enums.read_text() + "\n\ndef later():\n    from core.domain import lifecycle\n"
                     "    return lifecycle\n")

    circles = import_circles(tmp_path)

    assert any(circle.startswith("core.domain.enums -> core.domain.lifecycle -> core.domain.enums")
               for circle in circles), circles


def test_a_package_reexporting_its_modules_is_no_circle(tmp_path):
    package = tmp_path / "core" / "wing"
    package.mkdir(parents=True)
    (tmp_path / "console").mkdir()
    (tmp_path / "core" / "__init__.py").write_text("")
    (package / "__init__.py").write_text("from core.wing.a import A\nfrom .b import B\n")
    (package / "a.py").write_text("from core.wing.b import B\nA = B\n")
    (package / "b.py").write_text("from . import a as _a\nB = 1\n")

    graph = import_graph(tmp_path)

    assert graph["core.wing"] == {"core.wing.a", "core.wing.b"}
    assert graph["core.wing.a"] == {"core.wing.b"}
    assert import_circles(tmp_path) == ["core.wing.a -> core.wing.b -> core.wing.a"]
