"""Safety when someone may be at risk: the risk check on real wordings, every place a person
writes, alerts per sitting, crisis lines for where the person is, and the panel itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from cbtcli.safety.helplines import load_helplines, locate, stale_regions
from cbtcli.safety.risk import assess

from .helpers import THOUGHT_RECORD_ANSWERS, assert_one_clear_sentence, flat

DATA = Path(__file__).parent / "data" / "risk-statements.yaml"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "safety" / "risk-statements.yaml"


def wordings(path: Path = DATA) -> dict[str, list[str]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("text", wordings()["risk"])
def test_every_risk_wording_is_noticed(text) -> None:
    assert assess(text) is not None, text


def test_everyday_idioms_are_left_alone() -> None:
    flagged = [text for text in wordings()["not_risk"] if assess(text) is not None]
    assert len(flagged) <= 2, flagged


@pytest.mark.skipif(not SHARED.exists(), reason="no ../shared beside this checkout")
def test_the_projects_copy_holds_every_shared_case() -> None:
    shared, ours = wordings(SHARED), wordings()
    for label, cases in shared.items():
        missing = set(cases or []) - set(ours.get(label) or [])
        assert not missing, f"add to tests/data/risk-statements.yaml under {label}: {missing}"


def test_happening_now_is_urgent() -> None:
    urgent = assess("I took too many pills on purpose")
    assert urgent is not None and urgent.urgent
    calm = assess("I've been thinking I want to die")
    assert calm is not None and not calm.urgent


# -- every place a person writes ----------------------------------------------------------


def test_a_mood_note_and_a_feeling_name_are_checked(cli) -> None:
    result = cli.ok("mood", "1", "-n", "I want to kill myself")
    text = flat(result.output)
    assert "Some words you wrote can be about suicide or self-harm" in text
    assert "988" in text and "116 123" in text  # no region: the main lines, one each
    cli.ok("mood", "3", "-e", "suicidal=90")
    moods = cli.json("export", "-f", "json", "-o", "-")["moods"]
    assert [len(m["alerts"]) for m in moods] == [1, 1]
    calm = flat(cli.ok("mood", "6", "-n", "this deadline is killing me").output)
    assert "Support" not in calm


def test_a_low_mood_gets_a_gentle_line(cli) -> None:
    assert "Be gentle with yourself" in flat(cli.ok("mood", "2").output)
    assert "Be gentle with yourself" not in flat(cli.ok("mood", "5").output)


def test_an_answers_file_alerts_on_stderr_and_carries_on(cli) -> None:
    answers = {**THOUGHT_RECORD_ANSWERS, "situation": "I want to die"}
    result = cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    assert "Some words you wrote can be about suicide or self-harm" in flat(result.stderr)
    [entry] = cli.json("journal", "--json")
    assert entry["status"] == "complete" and len(entry["alerts"]) == 1
    assert entry["alerts"][0]["step"] == "situation" and entry["alerts"][0]["kind"] == "text"


def test_two_alerts_in_one_sitting_are_both_kept_and_the_panel_shows_once(cli) -> None:
    answers = {
        **THOUGHT_RECORD_ANSWERS,
        "situation": "I want to die",
        "emotions": {"hopeless": 90, "suicidal": 80},
        "emotions_after": {"hopeless": 80, "suicidal": 70},
    }
    result = cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    output = flat(result.output)
    assert output.count("Some words you wrote") == 1
    assert "Help is there whenever you need it" in output  # the second: one line
    [entry] = cli.json("journal", "--json")
    assert [a["step"] for a in entry["alerts"]] == ["situation", "emotions", "emotions_after"]


def test_feeling_names_and_ladder_steps_are_checked(cli) -> None:
    answers = {
        **THOUGHT_RECORD_ANSWERS,
        "emotions": {"suicidal": 90},
        "emotions_after": {"suicidal": 60},
    }
    result = cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    assert "Some words you wrote" in flat(result.output)
    ladder = {
        "name": "Going out",
        "steps": [
            {"text": "Jump off the bridge", "suds": 90},
            {"text": "Shop", "suds": 30},
        ],
    }
    given = {"goal": "Go out again", "ladder": ladder}
    result = cli.ok("ladder", "new", "--answers", str(cli.write_answers(given)))
    assert "Some words you wrote" in flat(result.output)


def test_the_review_phase_alerts_again_and_both_phases_are_recorded(cli) -> None:
    plan = {
        "prediction": "I want to die if they laugh",
        "belief_before": 80,
        "alternative": "They might not laugh",
        "alternative_belief_before": 20,
        "experiment": "Speak up",
        "how_will_i_know": "Someone laughs",
        "when_where": "Thursday",
    }
    first = cli.ok("do", "behavioural-experiment", "--answers", str(cli.write_answers(plan)))
    assert "Some words you wrote" in flat(first.output)
    entry_id = cli.json("journal", "--json")[0]["id"]
    review = {
        "what_happened": "afterwards I took all my tablets",
        "safety_dropped": "none-planned",
        "came_true": "no",
        "learned": "x",
        "belief_after": 40,
        "alternative_belief_after": 30,
    }
    second = cli.ok("review", entry_id, "--answers", str(cli.write_answers(review)))
    text = flat(second.output)
    assert "Some words you wrote" in text  # a new sitting shows the panel again
    assert "If you have taken something, or are about to act" in text  # it may be now
    [entry] = cli.json("journal", "--json")
    assert [a["step"] for a in entry["alerts"]] == ["prediction", "what_happened"]
    assert entry["alerts"][1]["urgent"] is True


def test_an_edit_is_checked(cli) -> None:
    path = cli.write_answers(THOUGHT_RECORD_ANSWERS)
    cli.ok("do", "thought-record", "--answers", str(path))
    entry_id = cli.json("journal", "--json")[0]["id"]
    result = cli.ok("edit", entry_id, "situation", input="I want to end it all\n")
    assert "Some words you wrote" in flat(result.output)
    [entry] = cli.json("journal", "--json")
    assert entry["answers"]["situation"] == "I want to end it all"
    assert [a["step"] for a in entry["alerts"]] == ["situation"]


def test_a_resumed_draft_is_a_new_sitting(home) -> None:
    from cbtcli.definitions.catalog import load_catalog
    from cbtcli.errors import Interrupted
    from cbtcli.guide import doing
    from cbtcli.guide.prompters.scripted import ScriptedPrompter
    from cbtcli.journal import open_journal

    class StopsAtFeelings(ScriptedPrompter):
        def ask(self, request):
            if request.step.id == "emotions":
                raise Interrupted("Ctrl-C")
            return super().ask(request)

    shown = []
    exercise = load_catalog().get("thought-record")
    with open_journal() as journal:
        with pytest.raises(doing.DraftSaved):
            doing.start(
                journal,
                exercise,
                StopsAtFeelings({"situation": "I want to die"}),
                alert=shown.append,
            )
        entry = journal.latest(("draft",))
        assert entry is not None and len(entry.alerts) == 1
        doing.resume_entry(
            journal,
            exercise,
            entry,
            ScriptedPrompter(
                {
                    **THOUGHT_RECORD_ANSWERS,
                    "emotions": {"hopeless": 90, "suicidal": 90},
                    "emotions_after": {"hopeless": 80, "suicidal": 80},
                }
            ),
            shown.append,
        )
    # each sitting shows the panel at its first alert, then a reminder
    assert [notice.first for notice in shown] == [True, True, False]


def test_nothing_quotes_the_flagged_words_back(cli) -> None:
    """Asked step by step, the steps that would work on the flagged words are left out,
    with one line saying why, and no question quotes an answer that was never given."""
    typed = [
        "Tuesday at my desk",  # situation
        "anxious 80",  # feelings
        "",
        "I'm going to be fired",  # automatic thoughts
        "I don't want to be here anymore",
        "",
        "",  # after the panel: carry on (not a terminal, so it goes on)
    ]
    result = cli("do", "thought-record", input="\n".join(typed) + "\n" * 10)
    text = flat(result.output)
    assert "so they are left out today" in text
    assert '"…"' not in text and "How much do you believe" not in text
    assert "Which thought hit hardest" not in text
    assert "How strong is each feeling now" in text  # the re-rating still comes
    [entry] = cli.json("journal", "--json", "--drafts")
    assert "hot_thought" not in entry["answers"] and "distortions" not in entry["answers"]


def test_an_answers_file_keeps_every_answer_and_records_the_alert(cli) -> None:
    """Nobody is asked anything from a file: the steps are kept as written (nothing a person
    writes is lost), and the alert is recorded."""
    answers = {
        **THOUGHT_RECORD_ANSWERS,
        "automatic_thoughts": ["I am useless", "I don't want to be here anymore"],
        "hot_thought": "I am useless",
    }
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    [entry] = cli.json("journal", "--json")
    assert entry["answers"]["hot_thought"] == "I am useless"
    assert entry["answers"]["belief_before"] == THOUGHT_RECORD_ANSWERS["belief_before"]
    assert entry["answers"]["distortions"] == THOUGHT_RECORD_ANSWERS["distortions"]
    assert [alert["step"] for alert in entry["alerts"]] == ["automatic_thoughts"]


def test_imported_entries_note_their_alerts_without_a_panel_each(cli, tmp_path) -> None:
    answers = {**THOUGHT_RECORD_ANSWERS, "situation": "I have been cutting again"}
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    exported = cli.json("export", "-f", "json", "-o", "-")
    exported["entries"][0]["alerts"] = []  # as another cbt, or an older one, might write it
    path = tmp_path / "in.json"
    path.write_text(__import__("json").dumps(exported), encoding="utf-8")
    result = cli.ok("--db", str(tmp_path / "new.db"), "import", str(path))
    text = flat(result.output)
    assert "1 record has words that can be about suicide or self-harm" in text
    assert "Support" not in result.output
    [entry] = cli.json("--db", str(tmp_path / "new.db"), "journal", "--json")
    assert entry["alerts"][0]["step"] == "situation"


# -- the safety plan and help-now ----------------------------------------------------------

PLAN = {
    "warning_signs": ["Thinking about suicide", "Not sleeping"],
    "coping_strategies": ["Walk round the block"],
    "distractions": ["The library"],
    "people_to_ask": ["Mum 0400 000 000"],
    "professionals": ["Dr Lee 9999 1234"],
    "safe_environment": ["Ask Sam to keep my medicines"],
    "reasons_for_living": ["My dog"],
    "likelihood": 8,
}


def test_the_safety_plan_expects_warning_signs_and_help_now_shows_it_plainly(cli, tmp_path) -> None:
    result = cli.ok("do", "safety-plan", "--answers", str(cli.write_answers(PLAN)))
    text = flat(result.output)
    assert "Noted: naming warning signs makes a plan stronger" in text
    assert "Some words you wrote" not in text  # no full panel in the plan itself
    assert "share it with the people in it" in text
    [entry] = cli.json("journal", "--json")
    assert len(entry["alerts"]) == 1  # recorded all the same
    shown = flat(cli.ok("help-now").output)
    assert "Your safety plan" in shown and "My dog" in shown
    assert "Safety note" not in shown


def test_the_safety_plan_asks_about_surroundings(cli) -> None:
    plan = {k: v for k, v in PLAN.items() if k != "safe_environment"}
    result = cli("do", "safety-plan", "--answers", str(cli.write_answers(plan)))
    assert_one_clear_sentence(result, "safe_environment")


@pytest.mark.parametrize("suffix", ["md", "html", "pdf"])
def test_help_now_exports_the_plan_as_one_page(cli, tmp_path, suffix) -> None:
    cli.ok("config", "set", "region", "NZ")
    cli.ok("do", "safety-plan", "--answers", str(cli.write_answers(PLAN)))
    target = tmp_path / f"plan.{suffix}"
    cli.ok("help-now", "--export", str(target))
    if suffix == "pdf":
        from pypdf import PdfReader

        reader = PdfReader(target)
        assert len(reader.pages) == 1
        text = flat(reader.pages[0].extract_text())
    else:
        text = flat(target.read_text(encoding="utf-8"))
    assert "My dog" in text and "1737" in text and "Ask Sam to keep my medicines" in text
    assert oct(target.stat().st_mode & 0o777) == "0o600"


# -- where the person is -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "environ", "code", "how"),
    [
        ("gb", {"LANG": "de_DE.UTF-8"}, "GB", "your region setting"),
        (None, {"LANG": "en_GB.UTF-8"}, "GB", "your language setting (en_GB.UTF-8)"),
        (None, {"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "FR", "your language setting"),
        (None, {"LANG": "C.UTF-8", "TZ": "Europe/Dublin"}, "IE", "your time zone (Europe/Dublin)"),
        (None, {"TZ": ":Asia/Kolkata"}, "IN", "your time zone (Asia/Kolkata)"),
        (None, {"LANG": "C"}, None, ""),
    ],
)
def test_the_region_comes_from_the_setting_then_the_locale_then_the_time_zone(
    setting, environ, code, how, tmp_path
) -> None:
    found = locate(setting, environ, localtime=tmp_path / "no-localtime")
    assert found.code == code and found.how.startswith(how)


def test_the_region_from_etc_localtime(tmp_path) -> None:
    zone = tmp_path / "usr" / "share" / "zoneinfo" / "Europe" / "London"
    zone.parent.mkdir(parents=True)
    zone.write_bytes(b"TZif")
    link = tmp_path / "localtime"
    link.symlink_to(zone)
    assert locate(None, {}, localtime=link).code == "GB"


def test_the_panel_says_where_the_lines_come_from(cli, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "en_AU.UTF-8")
    answers = {**THOUGHT_RECORD_ANSWERS, "situation": "I want to die"}
    output = flat(
        cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers))).output
    )
    assert "Australia (from your language setting (en_AU.UTF-8))" in output
    assert "13 11 14" in output and "000" in output


@pytest.mark.parametrize(
    ("code", "numbers"),
    [
        ("DE", ["0800 111 0 111", "0800 111 0 222", "116 123", "112"]),
        ("FR", ["3114", "112"]),
        ("ES", ["024", "112"]),
        ("NL", ["113", "0800-0113", "112"]),
        ("IN", ["14416", "1-800-891-4416", "112"]),
        ("SG", ["1767", "995"]),
        ("GB", ["0808 808 8000", "111", "116 123"]),
        ("IE", ["1800 247 247", "116 123"]),
        ("US", ["988, then press 1"]),
        ("CA", ["1-800-668-6868"]),
        ("AU", ["1300 659 467"]),
        ("NZ", ["0800 543 354", "1737"]),
    ],
)
def test_each_region_shows_its_lines_first(cli, code, numbers) -> None:
    cli.ok("config", "set", "region", code)
    output = flat(cli.ok("help-now").output)
    mine = output[: output.index("Other countries")]
    for number in numbers:
        assert number in mine, (code, number)


def test_any_country_code_is_accepted_and_said_plainly(cli) -> None:
    text = flat(cli.ok("config", "set", "region", "br").output)
    assert "Saved: region = BR" in text and "cbt has no crisis lines for BR yet" in text
    shown = flat(cli.ok("help-now").output)
    assert "cbt has none for BR yet" in shown and "findahelpline.com" in shown


def test_no_helpline_went_unchecked_for_a_year() -> None:
    """Numbers change: this reads today's date on purpose, so a check over a year old fails
    and the lines are looked at again (update `verified` and `source` in helplines.yaml)."""
    assert stale_regions(load_helplines(), date.today()) == []


def test_stale_regions_are_found(tmp_path) -> None:
    helplines = load_helplines()
    assert stale_regions(helplines, date(2027, 11, 24)) != []
    assert stale_regions(helplines, date(2026, 11, 24)) == []


# -- measures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("totals", "says"),
    [([16], True), ([9], False), ([14], False), ([8, 11], True), ([12, 13], False)],
)
def test_high_scores_and_crossing_the_threshold_are_signposted(totals, says) -> None:
    from cbtcli.insights.measures import signpost

    assert bool(signpost(totals, 10)) is says


# -- the panel in a terminal -------------------------------------------------------------


@pytest.mark.parametrize("region", [None, "GB", "US", "DE"])
@pytest.mark.parametrize("urgent", [False, True])
def test_the_panel_fits_an_80_by_24_terminal_with_room_for_the_choice(region, urgent) -> None:
    from io import StringIO

    from rich.console import Console

    from cbtcli.safety.helplines import Location
    from cbtcli.safety.watch import Notice
    from cbtcli.views.safety import alert_view

    out = StringIO()
    console = Console(file=out, width=80, height=24, color_system=None)
    notice = Notice("text", "reason", urgent, True, False)
    console.print(alert_view(notice, load_helplines(), Location(region, "your region setting")))
    lines = out.getvalue().splitlines()
    assert len(lines) <= 24 - 6, len(lines)  # the choice below it takes five lines and a gap
    numbers = next(i for i, line in enumerate(lines) if "In danger now" in line or "988" in line)
    assert numbers <= 4  # the numbers come first


def test_in_a_terminal_the_exercise_waits_for_the_persons_choice(cbt_script, home) -> None:
    import os

    import pexpect

    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env["LANG"] = "en_GB.UTF-8"
    child = pexpect.spawn(
        cbt_script, ["do", "thought-record"], env=env, encoding="utf-8", dimensions=(24, 80)
    )
    child.expect_exact("What was happening?", timeout=15)
    child.send("I want to die\r")
    child.expect_exact("116 123", timeout=15)  # the numbers, before anything else is asked
    child.expect_exact("What would you like to do now?", timeout=15)
    with pytest.raises(pexpect.TIMEOUT):  # it waits: the next question does not come
        child.expect_exact("What did you feel", timeout=1)
    child.send("\r")  # the default: save and stop here
    # wrapped between words to the terminal's width, wherever the line ends
    child.expect(r"Take\s+care\s+of\s+yourself\s+first", timeout=15)
    child.expect(pexpect.EOF, timeout=15)
    child.close()
    assert child.exitstatus == 0
    import sqlite3

    conn = sqlite3.connect(home / "journal.db")
    status, answers, alerts = conn.execute("SELECT status, answers, alerts FROM entries").fetchone()
    assert status == "draft" and "I want to die" in answers and '"situation"' in alerts


def test_carrying_on_after_the_panel_goes_on_to_the_next_question(cbt_script, home) -> None:
    import os

    import pexpect

    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        cbt_script, ["do", "thought-record"], env=env, encoding="utf-8", dimensions=(24, 80)
    )
    child.expect_exact("What was happening?", timeout=15)
    child.send("I want to die\r")
    child.expect_exact("What would you like to do now?", timeout=15)
    child.send("\x1b[B\x1b[B\r")  # down twice: carry on
    child.expect_exact("What did you feel", timeout=15)
    child.sendintr()
    child.expect(pexpect.EOF, timeout=15)


def test_a_ladder_step_added_by_hand_is_checked(cli) -> None:
    ladder = {"name": "Going out", "steps": [{"text": "Shop", "suds": 30}]}
    cli.ok("ladder", "new", "--answers", str(cli.write_answers({"goal": "Out", "ladder": ladder})))
    calm = cli.ok("ladder", "edit", "Going out", "--add", "Bus to town=40")
    assert "Some words" not in flat(calm.output)
    result = cli.ok("ladder", "edit", "Going out", "--add", "Stand on the bridge and jump off=95")
    assert "Some words you wrote can be about suicide or self-harm" in flat(result.output)


def test_a_check_in_from_the_home_menu_shows_the_lines_it_records(cbt_script, home) -> None:
    """The home menu's check-in and `cbt mood` are one path: the panel with the numbers is
    shown whenever the entry says crisis resources were shown."""
    import os

    import pexpect

    env = {**os.environ, "CBT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env["LANG"] = "en_GB.UTF-8"
    child = pexpect.spawn(cbt_script, [], env=env, encoding="utf-8", dimensions=(40, 100))
    child.expect_exact("What would you like to do?", timeout=15)
    child.send("\x1b[B\r")  # down once: the mood check-in
    child.expect_exact("0-10", timeout=15)
    child.send("3\r")
    child.expect_exact("feel", timeout=15)
    child.send("\r")  # no feelings
    child.expect_exact("note", timeout=15)
    child.send("I want to kill myself\r")
    child.expect_exact("116 123", timeout=15)
    child.expect(pexpect.EOF, timeout=15)
    child.close()
    import sqlite3

    conn = sqlite3.connect(home / "journal.db")
    (alerts,) = conn.execute("SELECT alerts FROM moods").fetchone()
    assert '"note"' in alerts


def test_words_that_do_not_fit_the_step_are_still_read_for_risk(cli) -> None:
    """Risky words typed where a feeling and its strength were expected are not an answer,
    but they are read: the lines are shown, and the error says what is missing."""
    typed = ["Tuesday at my desk", "I don't want to be here anymore", ""]
    result = cli("do", "thought-record", input="\n".join(typed) + "\n")
    text = flat(result.output)
    assert "116 123" in text or "988" in text
    assert "needs a strength from 0 to 100, like 'anxious 70'" in text
    assert "not '?'" not in text


def test_help_now_on_a_new_computer_creates_nothing(cli, home) -> None:
    result = cli.ok("help-now")
    assert "Started a new journal" not in result.output
    assert not (home / "journal.db").exists()


@pytest.mark.parametrize("width", ["40", "30", "24"])
def test_a_phone_number_is_never_split_across_lines(cli, monkeypatch, width) -> None:
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    text = cli.ok("help-now").output
    for number in ("116 123", "0808 808 8000"):
        assert number in text  # on one line, not "116" at the end of one and "123" below


def test_each_risk_pattern_finds_what_it_would_with_its_word_boundary_lookbehind() -> None:
    """The risk patterns are searched without their leading `(?<!\\w)` (much faster), and a
    match after a word character is passed over by hand: for any text, the same match."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from cbtcli.paths import data_file
    from cbtcli.safety.risk import first_match, rules

    raw = yaml.safe_load(data_file("risk_phrases.yaml").read_text(encoding="utf-8"))
    plain = [re.compile(rf"(?<!\w)(?:{r['pattern']})(?!\w)") for r in raw["risk"]]
    pieces = [w for r in raw["risk"] for w in re.findall(r"[a-z]{3,}", r["pattern"])]
    text = st.lists(
        st.sampled_from(pieces) | st.sampled_from([" ", "_", "x", "é", "7", "-", "my", "self"]),
        max_size=12,
    ).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(text)
    def same(sample: str) -> None:
        for (_, fast), slow in zip(rules().risks, plain, strict=True):
            found, expected = first_match(fast, sample), slow.search(sample)
            assert (found and found.span()) == (expected and expected.span()), sample

    same()
