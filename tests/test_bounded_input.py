"""Absurd input ends in one sentence, quickly: no hang, no traceback, nothing written."""

from __future__ import annotations

import pytest

from .helpers import assert_one_clear_sentence

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(20)
)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("summary", "--since", "10000y"), None),
        (("summary", "--since", "99999999d"), "is not a --since date"),
        (("summary", "--until", "9999-12-31"), "outside the dates cbt works with"),
        (("journal", "--since", "1850-01-01"), "outside the dates cbt works with"),
        (("summary", "--since", "2026-02-30"), "is not a --since date"),
    ],
)
def test_dates_are_bounded(cli, args, fragment) -> None:
    result = cli(*args)
    if fragment is None:
        assert result.exit_code == 0
    else:
        assert_one_clear_sentence(result, fragment)
        assert result.exit_code == 2


def test_an_alias_bomb_in_an_exercise_file_is_refused_quickly(cli, home) -> None:
    folder = home / "exercises"
    folder.mkdir(parents=True)
    (folder / "bomb.yaml").write_text(BOMB, encoding="utf-8")
    result = cli("exercises", "validate", str(folder / "bomb.yaml"))
    assert_one_clear_sentence(result, "aliases (*name) are not allowed")
    assert len(result.output) < 2000


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (BOMB, "aliases (*name) are not allowed"),
        ("situation: 2026-02-30\n", "a value cannot be read"),
        ("situation: !!int x\n", "not valid YAML or JSON"),
        ("[" * 5000, "nested too deeply"),
    ],
)
def test_a_hostile_answers_file_is_one_sentence(cli, tmp_path, content, fragment) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    result = cli("do", "thought-record", "--answers", str(path))
    assert_one_clear_sentence(result, fragment)
    assert cli.json("journal", "--json") == []


def test_json_answers_join_surrogate_pairs(cli, tmp_path) -> None:
    import json

    from .helpers import THOUGHT_RECORD_ANSWERS

    answers = {**THOUGHT_RECORD_ANSWERS, "situation": "a good day 🙂"}
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")  # writes "\ud83d\ude42"
    cli.ok("do", "thought-record", "--answers", str(path))
    assert cli.json("journal", "--json")[0]["answers"]["situation"] == "a good day 🙂"


def test_an_endless_device_is_not_read_forever(cli) -> None:
    result = cli("do", "thought-record", "--answers", "/dev/null")
    assert_one_clear_sentence(result, "must be a mapping")
