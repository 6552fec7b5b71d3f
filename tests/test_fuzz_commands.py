"""Fuzzing through the real commands: mutated exercise files, answers files and export files
given to `cbt` end in exit 0 (a mutation that is still valid), or 1 or 2 with one sentence:
never exit 70, never a traceback, and a refused file leaves the journal byte for byte as it
was. Bounded by example count, so the suite stays fast."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import demo
from .conftest import Cli
from .helpers import THOUGHT_RECORD_ANSWERS

FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ROOT = Path(__file__).resolve().parents[1]
EXERCISE = (ROOT / "exercises" / "behavioural-experiment.yaml").read_text(encoding="utf-8")
ANSWERS_YAML = yaml.safe_dump(THOUGHT_RECORD_ANSWERS, allow_unicode=True)
ANSWERS_JSON = json.dumps(THOUGHT_RECORD_ANSWERS, indent=1)

# Pieces that make the parsers and checkers work: YAML and JSON syntax, tags, anchors,
# escapes, control characters, odd numbers and dates.
TOKENS = st.sampled_from(
    [
        ": ",
        "- ",
        "\n",
        "  ",
        "{",
        "}",
        "[",
        "]",
        '"',
        "'",
        ",",
        "&a ",
        "*a",
        "<<: *a",
        "!!python/object:os.system",
        "!!int x",
        "!!binary x",
        "2026-02-30",
        "99999999999999999999999",
        "-1",
        "1e999",
        "null",
        "true",
        "\\ud83d",
        "\\u0000",
        "\x1b]0;title\x07",
        "\x9b2J",
        "\t",
        "%YAML 9.9\n",
        "---\n",
    ]
) | st.text(max_size=6)


@st.composite
def mutated(draw: Any, text: str) -> str:
    """`text` with a few spans replaced by tokens."""
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + draw(TOKENS) + text[end:]
    return text


def write_text(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8", "surrogatepass"))


def journal_bytes(path: Path) -> bytes:
    return b"".join(
        p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists()
    )


def assert_calm(result: Any) -> None:
    """Exit 0, or 1 or 2 with one sentence on one line; never a bug's exit or a traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    if result.exit_code:
        assert len(result.output.strip().splitlines()) == 1, result.output


@pytest.fixture
def journal(cli: Cli, tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    cli.ok("--db", str(path), "mood", "5", "-n", "steady")
    return path


@FUZZ
@given(text=mutated(ANSWERS_YAML) | mutated(ANSWERS_JSON))
def test_mutated_answers_files(cli: Cli, tmp_path: Path, journal: Path, text: str) -> None:
    suffix = ".json" if text.lstrip().startswith("{") else ".yaml"
    answers = tmp_path / f"answers{suffix}"
    write_text(answers, text)
    before = journal_bytes(journal)
    result = cli("--db", str(journal), "do", "thought-record", "--answers", str(answers))
    assert_calm(result)
    if result.exit_code:
        assert journal_bytes(journal) == before


@FUZZ
@given(text=mutated(EXERCISE))
def test_mutated_exercise_files(cli: Cli, tmp_path: Path, journal: Path, text: str) -> None:
    exercise = tmp_path / "mutant.yaml"
    write_text(exercise, text)
    before = journal_bytes(journal)
    result = cli("--db", str(journal), "exercises", "validate", str(exercise))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
    assert journal_bytes(journal) == before


@pytest.fixture(scope="module")
def export_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("demo")
    demo.build(folder)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CBT_HOME", str(folder))
        Cli(folder).ok("export", "-f", "json", "-o", str(folder / "all.json"))
    return (folder / "all.json").read_text(encoding="utf-8")


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
GONE = object()


def places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        found += places(child, (*path, key))
    return found


def changed(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    if not path:
        return value
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if value is GONE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def check_import(cli: Cli, tmp_path: Path, text: str) -> None:
    source = tmp_path / "mutant.json"
    write_text(source, text)
    target = tmp_path / "target.db"  # kept from example to example while imports are refused
    if not target.exists():
        cli.ok("--db", str(target), "mood", "3")
    before = journal_bytes(target)
    result = cli("--db", str(target), "import", str(source))
    assert_calm(result)
    if result.exit_code:
        assert journal_bytes(target) == before
        return
    # what was accepted can be read back and exported
    for args in (["journal", "-n", "1000"], ["export", "-f", "md", "-o", "-"]):
        assert cli("--db", str(target), *args).exit_code == 0
    for path in tmp_path.glob("target.db*"):
        path.unlink()


@FUZZ
@given(data=st.data())
def test_imports_with_a_field_changed(
    cli: Cli, tmp_path: Path, export_text: str, data: Any
) -> None:
    document = json.loads(export_text)
    where = data.draw(st.sampled_from(places(document)[1:]))
    value = data.draw(st.just(GONE) | JSON_VALUES)
    check_import(cli, tmp_path, json.dumps(changed(document, where, value)))


@FUZZ
@given(data=st.data())
def test_imports_with_bytes_changed(cli: Cli, tmp_path: Path, export_text: str, data: Any) -> None:
    check_import(cli, tmp_path, data.draw(mutated(export_text)))
