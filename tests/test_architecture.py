"""The shape of the package, as README's "How it's built" describes it: data flows one way
through its folders, no module imports one from a folder later in the flow, nothing imports
in a circle, all SQL is in journal/, and every module stays small enough to read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "cbtcli"

# The folders in the order data flows through them; a module may import from its own folder
# and from any earlier one. The modules at the top serve every folder. The step types
# (definitions/steps/) sit with the model that names them, below every folder that asks,
# stores, shows or imports an answer, so each of those uses the type's one definition.
LAYERS = [
    {"errors", "clock", "paths", "yamlfile", "dates", "wording", "terminal", "__init__"},
    {"definitions"},
    {"safety", "config"},
    {"journal"},
    {"guide"},
    {"insights"},
    {"views"},
    {"export"},
    {"doctor", "reminders"},
    {"cli", "__main__"},
]
LONGEST = 400
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE FROM|CREATE|DROP|ALTER|PRAGMA)\b")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules `name` imports when it runs (at the top or inside a function), not those
    named only for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in checking:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                whole = f"{target}.{alias.name}"
                found.add(whole if whole in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def layer(name: str) -> int:
    first = name.split(".")[1] if "." in name else "__init__"
    return next((i for i, names in enumerate(LAYERS) if first in names), -1)


def top_folder(name: str) -> str:
    return name.split(".")[1] if "." in name else ""


GRAPH = {name: imports(name, path, modules()) for name, path in modules().items()}


def test_every_folder_and_top_module_has_its_place_in_the_flow() -> None:
    assert [name for name in GRAPH if layer(name) < 0] == []


def test_no_module_imports_from_a_folder_later_in_the_flow() -> None:
    upward = [
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        for target in targets
        if layer(target) > layer(name) and top_folder(target) != top_folder(name)
    ]
    assert upward == []


def test_nothing_imports_in_a_circle() -> None:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(name: str) -> None:  # Tarjan's strongly connected components
        index[name] = low[name] = len(index)
        stack.append(name)
        for target in GRAPH[name]:
            if target not in index:
                visit(target)
                low[name] = min(low[name], low[target])
            elif target in stack:
                low[name] = min(low[name], index[target])
        if low[name] == index[name]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == name:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in GRAPH:
        if name not in index:
            visit(name)
    assert circles == []


def test_all_sql_is_in_the_journal_package() -> None:
    outside = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for name, path in modules().items()
        if top_folder(name) != "journal"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value)
    ]
    assert outside == []


def test_every_module_stays_small_enough_to_read() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert long == {}, "split these by what their parts do"
