"""The `cbt` commands through Typer's CliRunner, with a real journal in a temp folder."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from cbtcli.journal import open_journal

from .helpers import PIPED_THOUGHT_RECORD, THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat


def journal_entries(cli) -> list[dict]:
    return cli.json("journal", "--json")


def test_do_from_an_answers_file_is_kept_with_every_answer(cli) -> None:
    path = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    result = cli.ok("do", "thought-record", "--answers", str(path))
    assert "Saved to your journal" in result.output
    [entry] = journal_entries(cli)
    assert entry["answers"] == THOUGHT_RECORD_ANSWERS
    assert entry["status"] == "complete"
    shown = cli.json("show", entry["id"][:6], "--json")
    assert shown["answers"] == THOUGHT_RECORD_ANSWERS
    shown = cli.ok("show", entry["id"]).output
    assert "│ Belief in the hot thought now  85 % → 30 %" in shown  # each label on one line
    text = flat(shown)
    for fragment in [
        "I'm going to be fired",
        "85 %",
        "anxious 80 → 40",
        "Fortune telling",
        "• My last review was good",
    ]:
        assert fragment in text


def test_answers_can_come_as_json_on_stdin(cli) -> None:
    cli.ok("do", "thought-record", "--answers", "-", input=json.dumps(THOUGHT_RECORD_ANSWERS))
    assert journal_entries(cli)[0]["answers"]["belief_after"] == 30


def test_ratings_are_kept_in_their_own_table(cli, home: Path) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    with open_journal() as journal:
        rows = journal.query("SELECT step_id, item, value FROM ratings ORDER BY step_id, item")
    assert {(r["step_id"], r["item"], r["value"]) for r in rows} == {
        ("belief_after", "", 30),
        ("belief_before", "", 85),
        ("emotions", "anxious", 80),
        ("emotions", "ashamed", 40),
        ("emotions_after", "anxious", 40),
        ("emotions_after", "ashamed", 20),
    }


def test_the_plain_prompter_over_a_pipe(cli) -> None:
    result = cli.ok("do", "thought-record", input=PIPED_THOUGHT_RECORD)
    assert "1/13" in result.output
    [entry] = journal_entries(cli)
    assert entry["answers"]["emotions"] == {"anxious": 70, "ashamed": 40}
    assert entry["answers"]["distortions"] == ["fortune-telling", "catastrophising"]
    assert entry["answers"]["emotions_after"] == {"anxious": 50, "ashamed": 30}


def test_end_of_input_part_way_leaves_a_draft_that_resumes(cli) -> None:
    first_half = "\n".join(PIPED_THOUGHT_RECORD.splitlines()[:7]) + "\n"
    result = cli("do", "thought-record", input=first_half)
    assert result.exit_code == 130
    assert "cbt do --resume" in flat(result.output)
    [draft] = cli.json("journal", "--drafts", "--json")
    assert draft["status"] == "draft"
    assert draft["answers"]["belief_before"] == 80
    home = flat(cli.ok().output)
    assert "Unfinished: Thought record" in home
    assert f"cbt do --resume {draft['id'][:8]}" in home
    rest = "\n".join(PIPED_THOUGHT_RECORD.splitlines()[7:]) + "\n"
    result = cli.ok("do", "--resume", input=rest)
    assert "Welcome back" in result.output
    [entry] = journal_entries(cli)
    assert entry["id"] == draft["id"] and entry["status"] == "complete"
    assert entry["answers"]["belief_after"] == 40
    assert "Unfinished" not in cli.ok().output


def test_stopping_before_any_answer_keeps_nothing(cli) -> None:
    result = cli("do", "thought-record", input="")
    assert result.exit_code == 130
    assert "nothing to save" in flat(result.output)
    assert journal_entries(cli) == []


def test_a_bad_answer_in_a_pipe_is_explained_and_asked_again(cli) -> None:
    lines = PIPED_THOUGHT_RECORD.splitlines()
    lines.insert(6, "150")  # belief before, out of range
    result = cli.ok("do", "thought-record", input="\n".join(lines) + "\n")
    assert "from 0 to 100; 150 is out of range" in flat(result.output)
    assert journal_entries(cli)[0]["answers"]["belief_before"] == 80


def test_help_and_back_in_the_plain_prompter(cli) -> None:
    lines = PIPED_THOUGHT_RECORD.splitlines()
    # at the hot thought: ask for help, then go back to the thoughts list and redo it
    lines[5:5] = ["?", "<", "A new thought", ""]
    result = cli.ok("do", "thought-record", input="\n".join(lines) + "\n")
    assert 'The "hot thought" is the one' in flat(result.output)
    assert journal_entries(cli)[0]["answers"]["automatic_thoughts"] == ["A new thought"]


def test_edit_a_step_and_its_ratings_follow(cli, home: Path) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    entry_id = journal_entries(cli)[0]["id"]
    result = cli.ok("edit", entry_id[:8], "belief_after", input="20\n")
    assert "Updated" in result.output
    assert cli.json("show", entry_id, "--json")["answers"]["belief_after"] == 20
    with open_journal() as journal:
        [row] = journal.query("SELECT value FROM ratings WHERE step_id = 'belief_after'")
    assert row["value"] == 20
    # Enter keeps the old answer
    cli.ok("edit", entry_id[:8], "hot_thought", input="\n")
    assert cli.json("show", entry_id, "--json")["answers"]["hot_thought"] == "I'm going to be fired"


def test_edit_asks_which_step_when_none_is_named(cli) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    entry_id = journal_entries(cli)[0]["id"]
    cli.ok("edit", entry_id, input="hot_thought\nI might get some feedback\n")
    assert (
        cli.json("show", entry_id, "--json")["answers"]["hot_thought"]
        == "I might get some feedback"
    )


def test_delete_needs_yes_without_a_terminal(cli) -> None:
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(THOUGHT_RECORD_ANSWERS)))
    entry_id = journal_entries(cli)[0]["id"]
    assert_one_clear_sentence(cli("delete", entry_id), "--yes")
    assert len(journal_entries(cli)) == 1
    cli.ok("delete", entry_id, "--yes")
    assert journal_entries(cli) == []


def test_mood_check_in_with_and_without_a_score(cli, home: Path) -> None:
    cli.ok("mood", "6", "--note", "Long day", "--emotion", "tired=70", "-e", "calm 30")
    cli.ok("mood", input="4\nanxious 50\n\nWorried about tomorrow\n")
    with open_journal() as journal:
        moods = journal.moods()
    assert [(m.score, m.note, m.emotions) for m in moods] == [
        (6, "Long day", {"tired": 70, "calm": 30}),
        (4, "Worried about tomorrow", {"anxious": 50}),
    ]


def test_journal_filters(cli) -> None:
    path = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    cli.ok("do", "thought-record", "--answers", str(path))
    other = dict(THOUGHT_RECORD_ANSWERS, situation="On the bus, someone laughed")
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(other, "b.yaml")))
    assert len(cli.json("journal", "--json", "--search", "bus")) == 1
    assert len(cli.json("journal", "--json", "--since", "today", "--until", "today")) == 2
    assert len(cli.json("journal", "--json", "--since", "7d")) == 2
    assert cli.json("journal", "--json", "--until", "2000-01-01") == []
    assert len(cli.json("journal", "--json", "-n", "1")) == 1
    table = cli.ok("journal").output
    assert "On the bus" in table and "Thought record" in table
    assert "These are the newest 1; -n 5 shows more" in flat(cli.ok("journal", "-n", "1").output)
    assert "newest" not in cli.ok("journal", "-n", "2").output  # all of them are shown


def test_search_finds_what_was_written_not_the_names_of_steps(cli) -> None:
    answers = dict(
        THOUGHT_RECORD_ANSWERS,
        situation='At 100% on the "big" day',
        emotions={"overwhelmed": 70},
        emotions_after={"overwhelmed": 40},
    )
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    found = lambda words: len(cli.json("journal", "--json", "--search", words))  # noqa: E731
    assert found("situation") == 0 and found("belief") == 0  # step ids, not words
    assert found("100%") == 1 and found("10_%") == 0  # % and _ are literal
    assert found('"big"') == 1 and found("ON THE") == 1
    assert found("overwhelmed") == 1  # a feeling, by name
    assert found("fortune") == 1  # a thinking trap picked from the list


@pytest.mark.parametrize("columns", [72, 80, 120])
def test_journal_list_keeps_ids_and_dates_whole_in_a_narrow_terminal(
    cli, monkeypatch, columns
) -> None:
    long = dict(THOUGHT_RECORD_ANSWERS, situation="Waiting at the station. " * 8)
    cli.ok("do", "thought-record", "--flag", "--answers", str(cli.write_answers(long)))
    [entry] = cli.json("journal", "--json")
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = cli.ok("journal").output.splitlines()
    row = next(line for line in lines if line.startswith(entry["id"][:8] + " "))
    assert max(len(line) for line in lines) <= columns
    finished = datetime.fromisoformat(entry["completed_at"])
    assert f"{finished:%a %d %b %Y, %H:%M}" in row and "done ⚑" in row
    assert "Waiting at" in row and row.rstrip().endswith("…")


def test_an_empty_journal_is_friendly(cli) -> None:
    assert "No entries yet" in cli.ok("journal").output


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (
            ["do", "thought-recrod"],
            ["no exercise called 'thought-recrod'", "mean 'thought-record'"],
        ),
        (["do"], ["Name the exercise to do"]),
        (["journal", "--since", "2026-02-30"], ["'2026-02-30' is not a --since date"]),
        (["journal", "--since", "today", "--until", "3d"], ["is after --until"]),
        (["journal", "--since", "2999-01-01"], ["--since (2999-01-01) is in the future"]),
        (["summary", "--since", "2999-01-01"], ["is in the future"]),
        (["export", "--since", "2999-01-01", "-o", "-"], ["is in the future"]),
        (["journal", "--exercise", "nope"], ["no exercise called 'nope'"]),
        (["show", "zzzz"], ["'zzzz' is not an entry id", "0-9", "a-f"]),
        (["show", "abcd"], ["No entry has an id starting with 'abcd'"]),
        (["mood", "11"], ["A mood score is from 0 (the lowest) to 10 (the best); 11 is"]),
        (["mood", "5", "--emotion", "tired"], ["NAME=INTENSITY"]),
        (["mood", "5", "-e", "tired=200"], ["A feeling's intensity is from 0 to 100"]),
        (["do", "--resume"], ["no unfinished draft"]),
        (["do", "thought-record", "--answers", "missing.yaml"], ["missing.yaml does not exist"]),
    ],
)
def test_bad_input_gets_one_clear_sentence(cli, args, fragments) -> None:
    result = cli(*args)
    assert_one_clear_sentence(result, *fragments)


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        ({"belief_before": 120}, ["belief_before", "out of range"]),
        (
            {"distortions": ["mind-reeding"]},
            ["distortions", "'mind-reeding' is not one of the choices"],
        ),
        ({"emotions": "anxious"}, ["emotions", "map each feeling"]),
        ({"situation": None}, ["situation", "needs an answer"]),
        ({"sitaution": "typo"}, ["sitaution", "no such step"]),
        ({"emotions_after": {"anxious": 30}}, ["emotions_after", "re-rate 'ashamed'"]),
    ],
)
def test_a_bad_answers_file_saves_nothing(cli, change, fragments) -> None:
    answers = {**THOUGHT_RECORD_ANSWERS, **change}
    result = cli("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    assert_one_clear_sentence(result, *fragments)
    assert journal_entries(cli) == []


def test_answers_file_that_is_not_a_mapping(cli, home: Path) -> None:
    path = home.parent / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    assert_one_clear_sentence(
        cli("do", "thought-record", "--answers", str(path)), "must be a mapping"
    )
    path.write_text("{unclosed: [", encoding="utf-8")
    assert_one_clear_sentence(
        cli("do", "thought-record", "--answers", str(path)), "not valid YAML or JSON"
    )


def test_help_and_version(cli) -> None:
    assert "not a substitute for professional care" in flat(cli.ok("--help").output)
    assert cli.ok("--version").output.startswith("cbt ")
    assert "988" in cli.ok("help-now").output


def test_home_screen_without_a_command(cli) -> None:
    output = cli.ok().output
    assert "thought-record" in output and "help-now" in output


def test_an_unexpected_fault_is_one_calm_sentence_not_a_traceback(cli, monkeypatch) -> None:
    import cbtcli.insights.summary

    def broken(*args, **kwargs):
        raise RuntimeError("simulated fault")

    monkeypatch.delenv("CBT_DEBUG")
    monkeypatch.setattr(cbtcli.insights.summary, "summarise", broken)
    result = cli("summary")
    assert result.exit_code == 70
    text = flat(result.output)
    assert "Something went wrong inside cbt (RuntimeError: simulated fault)" in text
    assert "Your journal is safe" in text and "Traceback" not in text


def test_markup_and_emoji_codes_in_your_own_words_print_as_typed(cli, home) -> None:
    """rich reads "[...]" as styling and ":smile:" as an emoji; a person's words stay words."""
    words = "[bold]At work[/] [/] [red] :smile:"
    answers = dict(THOUGHT_RECORD_ANSWERS, situation=words)
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    [entry] = cli.json("journal", "--json")
    assert words in flat(cli.ok("journal").output) and words in flat(
        cli.ok("show", entry["id"]).output
    )
    ladder = {"goal": "Ride [/]", "ladder": {"name": "[/]bus", "steps": [{"a [/] b": 20}]}}
    cli.ok("ladder", "new", "--answers", str(cli.write_answers(ladder, "ladder.yaml")))
    assert "[/]bus" in cli.ok("ladder", "list").output
    assert "a [/] b" in cli.ok("ladder", "show", "[/]bus").output
    cli.ok("config", "set", "name", "Sam [/]")
    assert "name = Sam [/]" in cli.ok("config", "list").output
    folder = home / "exercises"
    folder.mkdir()
    (folder / "odd.yaml").write_text("id: odd\ntitle: '[/]'\nsteps: [{id: a}]\n", "utf-8")
    assert "odd.yaml has 2 problems" in cli.ok("exercises").output
    assert_one_clear_sentence(cli("show", "[/]xyz"), "'[/]xyz' is not an entry id")


def test_command_parameters_are_real_annotations_not_strings() -> None:
    """Typer compiles and evaluates every string annotation of every command on each run
    (about 40 ms for cbt's 36 commands); the command modules avoid deferred annotations."""
    import inspect

    from cbtcli.cli.app import app

    callbacks = [info.callback for info in app.registered_commands]
    for group in app.registered_groups:
        callbacks += [info.callback for info in group.typer_instance.registered_commands]
    assert len(callbacks) > 30
    deferred = [
        f"{callback.__module__}.{callback.__name__}"
        for callback in callbacks
        if any(isinstance(a, str) for a in inspect.get_annotations(callback).values())
    ]
    assert deferred == []


def test_the_tests_run_the_command_people_run(cli) -> None:
    """The CLI tests drive the command object `cbt` itself runs, with cbt's own parameter
    conversion; if that stopped being used, their error messages would be Typer's, unseen."""
    from cbtcli.cli.fastparams import PlainCoercer

    from .conftest import COMMAND

    journal = COMMAND.commands["journal"]  # type: ignore[attr-defined]
    limit = next(p for p in journal.params if p.name == "limit")
    assert isinstance(limit._runtime_param, PlainCoercer)
    result = cli("journal", "-n", "lots")
    assert result.exit_code == 2
    assert "'lots' is not a whole number." in result.output


def test_every_parameter_converts_through_cbts_own_coercer() -> None:
    """All of cbt's parameters are plain (text, whole numbers, yes/no, paths), so every one,
    in every command, the --help option included, must convert through cli/fastparams.py.
    If a Typer release changes what it relies on, or a new parameter needs Typer's own
    conversion (and pydantic with it, 80 ms on every run), this names them."""
    import typer

    from cbtcli.cli import app
    from cbtcli.cli.fastparams import PlainCoercer, speed_up

    command = typer.main.get_command(app)
    speed_up(command)
    slow, seen, commands = [], 0, [("cbt", command)]
    while commands:
        path, each = commands.pop()
        context = each.make_context(path, [], resilient_parsing=True)
        params = [*each.params, each.get_help_option(context)]
        for param in params:
            seen += 1
            if not isinstance(getattr(param, "_runtime_param", None), PlainCoercer):
                slow.append(f"{path} {param.name}")
        commands += [(f"{path} {name}", sub) for name, sub in getattr(each, "commands", {}).items()]
    assert seen > 100  # the whole tree was walked
    assert slow == []


def test_an_unknown_exercise_is_a_bad_argument_and_makes_no_journal(cli, home) -> None:
    result = cli("do", "nosuch")
    assert result.exit_code == 2
    assert "`cbt exercises` lists them" in flat(result.output)
    assert not (home / "journal.db").exists()


@pytest.mark.parametrize(
    ("check_in", "gentle"),
    [
        (["mood", "1"], True),
        (["mood", "6", "-n", "I don't want to be here anymore"], True),
        (["mood", "6", "-n", "a walk helped"], False),
    ],
)
def test_home_does_not_cheer_after_a_hard_check_in(cli, check_in, gentle) -> None:
    cli.ok(*check_in)
    home = flat(cli.ok().output)
    assert ("Well done" not in home) is gentle
    assert ("If today is hard, `cbt help-now` shows who to talk to" in home) is gentle
