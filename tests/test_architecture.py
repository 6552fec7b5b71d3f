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


FLAG = re.compile(r"(?<![\w-])--[a-z]")
# Strings outside cli/ that hold something like a flag, and why each is not cbt wording a
# message in its own options (those are OptionNames, worded as flags by the CLI).
NOT_CBT_FLAGS = {
    ("export/html.py", "--ink"): "CSS custom properties in the export's style sheet",
    ("export/sources/jrnl.py", "jrnl --export json"): "jrnl's own command, which made the file",
    ("export/sources/__init__.py", "jrnl --export json"): "jrnl's own command, as above",
    ("reminders.py", "--app-name=cbt"): "notify-send's option, to show a reminder",
    ("reminders.py", "--user"): "systemctl's option, to set up the reminder timer",
    ("reminders.py", "--now"): "systemctl's option, as above",
    ("reminders.py", "--db"): "the command line the reminder timer runs, not a message",
}


def docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def hints(tree: ast.AST) -> set[int]:
    """Strings inside `command(...)`: a whole cbt command line suggested to the person, written
    the way they started cbt."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("command", "cbt_command")
        for inner in ast.walk(node)
    }


def test_no_module_outside_the_cli_words_a_message_in_flags() -> None:
    """The package says which option a problem is about (an OptionName); only cli/ knows the
    flag a person types for it, so renaming a flag never leaves a message behind."""
    found = []
    for name, path in modules().items():
        if top_folder(name) == "cli":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = docstrings(tree) | hints(tree)
        where = str(path.relative_to(PACKAGE))
        for node in ast.walk(tree):
            if id(node) in skip or not isinstance(node, ast.Constant):
                continue
            if not isinstance(node.value, str) or not FLAG.search(node.value):
                continue
            if not any(where == module and text in node.value for module, text in NOT_CBT_FLAGS):
                found.append(f"{where}:{node.lineno}: {node.value.strip()[:60]}")
    assert found == [], "name the option with errors.OptionName; the CLI words it as a flag"


def test_every_option_a_message_names_is_one_flag_of_the_cli() -> None:
    """Each OptionName the package uses is the parameter of some command, with one flag
    wherever it appears, so the CLI can always say it as the person types it."""
    from typer.main import get_command

    from cbtcli.cli import app

    named = {
        node.args[0].value
        for path in modules().values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "OptionName"
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    flags: dict[str, set[str]] = {}
    commands = [get_command(app)]
    while commands:
        command = commands.pop()
        for param in command.params:
            flags.setdefault(str(param.name), set()).update(
                opt for opt in param.opts if opt.startswith("--")
            )
        commands.extend(getattr(command, "commands", {}).values())
    assert named >= {"force", "since", "until", "resume", "continue_id", "mood_map"}
    assert {name: flags.get(name, set()) for name in named if len(flags.get(name, ())) != 1} == {}


def test_guide_opens_no_file_a_person_names() -> None:
    """Files named on the command line (answers, assignments) are read where the command is
    read; the guide is given what they hold, as answers or a prompter."""
    reading = {"open", "read_given_file", "read_text", "read_bytes"}
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for name, path in modules().items()
        if top_folder(name) == "guide"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id in reading)
            or (isinstance(node.func, ast.Attribute) and node.func.attr in reading)
        )
    ]
    assert found == []
