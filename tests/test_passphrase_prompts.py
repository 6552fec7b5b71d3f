"""Asking for a passphrase in a terminal, as a person meets it (pexpect in a pseudo-terminal):
a slip is asked again, a new passphrase comes with a plain word on keeping it safe, turning
encryption off is confirmed, and someone locked out still sees where help is."""

from __future__ import annotations

import io
import re

import pexpect
import pytest

from .conftest import PASSPHRASE
from .helpers import HEADER, assert_one_clear_sentence, assert_unreadable, flat, spawn

NEW = "a different, longer passphrase"
WRONG = "That passphrase does not open this journal."
# After the last try: one sentence, with a word for someone sure of their passphrase.
LAST = (
    "That passphrase does not open this journal (if you are sure of it, `cbt doctor` says what "
    "else it could be)."
)


def in_terminal(cbt_script: str, home, *args: str, columns: int = 100, **env: str):
    """`cbt ARGS` in a terminal `columns` wide, with no passphrase in its environment unless
    given."""
    given = {"CBT_PASSPHRASE": "", "NO_COLOR": "1", "COLUMNS": str(columns), **env}
    child = spawn(cbt_script, home, *args, **given)
    child.setwinsize(40, columns)
    return child


def finished(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, " ".join(re.sub(r"\x1b\[[0-9;]*m", "", child.before).split())


def test_a_mistyped_passphrase_is_asked_again(encrypted, home, cbt_script) -> None:
    child = in_terminal(cbt_script, home, "journal", "--json")
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendline("correct horse battery stapel")
    child.expect_exact(f"{WRONG} Try again (2 tries left).")
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendline(PASSPHRASE)
    status, shown = finished(child)
    assert status == 0
    assert "going to be fired" in shown


def test_three_wrong_passphrases_end_in_one_sentence_and_leave_the_file(
    encrypted, home, cbt_script
) -> None:
    before = encrypted.read_bytes()
    child = in_terminal(cbt_script, home, "journal")
    for left in ("2 tries", "1 try"):
        child.expect_exact("Passphrase to open journal.db: ")
        child.sendline("not it at all")
        child.expect_exact(f"{WRONG} Try again ({left} left).")
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendline("not it at all")
    status, shown = finished(child)
    assert status == 1
    assert shown.endswith(f"cbt: {LAST}")
    assert encrypted.read_bytes() == before


def test_a_wrong_passphrase_from_the_environment_is_not_retried(
    encrypted, home, cbt_script
) -> None:
    child = in_terminal(cbt_script, home, "journal", CBT_PASSPHRASE="not it at all")
    status, shown = finished(child)
    assert status == 1
    assert shown == f"cbt: {LAST}"  # no prompt, no second try


def test_a_new_passphrase_is_explained_checked_and_asked_again(
    cli, home, cbt_script, monkeypatch
) -> None:
    cli.ok("mood", "5", "--note", "walked to the lighthouse")
    child = in_terminal(cbt_script, home, "encrypt")
    child.expect_exact("cannot be opened or recovered")
    child.expect_exact("password manager")
    child.expect_exact("New passphrase: ")
    child.sendline("ab")
    child.expect_exact("A passphrase needs at least 8 characters")
    child.expect_exact("Try again (2 tries left).")
    child.expect_exact("New passphrase: ")
    child.sendline(NEW)
    child.expect_exact("The same passphrase again: ")
    child.sendline(NEW + "!")
    child.expect_exact("The two passphrases differ. Try again (1 try left).")
    child.expect_exact("New passphrase: ")
    child.sendline(NEW)
    child.expect_exact("The same passphrase again: ")
    child.sendline(NEW)
    status, shown = finished(child)
    assert status == 0, shown
    assert "now encrypted" in shown
    assert_unreadable(home / "journal.db")
    monkeypatch.setenv("CBT_PASSPHRASE", NEW)
    assert "lighthouse" in cli.ok("journal", "--json").output


def test_changing_the_passphrase_says_to_keep_the_new_one_safe(encrypted, home, cbt_script) -> None:
    child = in_terminal(cbt_script, home, "passphrase")
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendline(PASSPHRASE)
    child.expect_exact("cannot be opened or recovered")
    child.expect_exact("New passphrase: ")
    child.sendcontrol("c")
    status, _ = finished(child)
    assert status == 130


def test_the_help_of_encrypt_says_the_passphrase_cannot_be_recovered(cli) -> None:
    shown = flat(cli.ok("encrypt", "--help").output)
    assert "nobody, cbt included, can open or recover the journal" in shown
    assert "password manager" in shown


def test_decrypting_is_confirmed_and_no_is_the_default(encrypted, home, cbt_script) -> None:
    before = encrypted.read_bytes()
    child = in_terminal(cbt_script, home, "decrypt")
    child.expect_exact("unencrypted")
    child.expect_exact("[y/N]")
    child.sendline("")
    status, shown = finished(child)
    assert status == 0
    assert "Kept it encrypted; nothing was changed." in shown
    assert encrypted.read_bytes() == before
    child = in_terminal(cbt_script, home, "decrypt")
    child.expect_exact("[y/N]")
    child.sendline("y")
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendline(PASSPHRASE)
    status, shown = finished(child)
    assert status == 0, shown
    assert encrypted.read_bytes().startswith(HEADER)


def test_locked_out_the_home_screen_and_do_still_say_where_help_is(
    cli, encrypted, monkeypatch
) -> None:
    monkeypatch.delenv("CBT_PASSPHRASE")
    for args in ([], ["do", "thought-record"], ["do", "--resume"]):
        assert_one_clear_sentence(cli(*args), "no passphrase was given", "`cbt help-now`")
    monkeypatch.setenv("CBT_PASSPHRASE", "not it at all")
    for args in ([], ["do", "thought-record"]):
        assert_one_clear_sentence(cli(*args), WRONG.removesuffix("."), "`cbt help-now`")


def test_locked_out_at_the_prompt_the_home_screen_says_where_help_is(
    encrypted, home, cbt_script
) -> None:
    child = in_terminal(cbt_script, home)
    for _ in range(3):
        child.expect_exact("Passphrase to open journal.db: ")
        child.sendline("not it at all")
    status, shown = finished(child)
    assert status == 1
    assert "`cbt help-now` shows where it is without the passphrase" in shown


PLAN = {
    "warning_signs": ["Not sleeping"],
    "coping_strategies": ["Walk round the block"],
    "distractions": ["The library"],
    "people_to_ask": ["Mum 0400 000 000"],
    "professionals": ["Dr Lee 9999 1234"],
    "safe_environment": ["Keep the evenings busy"],
    "reasons_for_living": ["My dog Biscuit"],
    "likelihood": 8,
}


def test_stopping_at_the_passphrase_prompt_still_says_where_help_is(
    encrypted, home, cbt_script
) -> None:
    child = in_terminal(cbt_script, home)
    child.expect_exact("Passphrase to open journal.db: ")
    child.sendintr()
    status, shown = finished(child)
    assert status == 130
    assert "Stopped, and nothing was changed" in shown
    assert "`cbt help-now` shows where it is without the passphrase" in shown


def test_help_now_shows_the_lines_before_it_asks_for_anything(encrypted, home, cbt_script) -> None:
    """The crisis lines need no passphrase and come first; only then, in a terminal, may the
    passphrase be typed to see the safety plan too (Enter skips)."""
    child = in_terminal(cbt_script, home, "help-now")
    child.expect_exact("If you are in danger right now")
    child.expect_exact("safety plan is in your encrypted journal")
    child.expect_exact("or press Enter to skip.")
    child.expect_exact("Passphrase: ")
    child.sendline("")
    status, shown = finished(child)
    assert status == 0 and "Your safety plan" not in shown
    child = in_terminal(cbt_script, home, "help-now")
    child.expect_exact("Passphrase: ")
    child.sendline(PASSPHRASE)
    status, shown = finished(child)
    assert status == 0 and "no safety plan in your journal yet" in shown


def test_help_now_shows_the_safety_plan_once_the_passphrase_is_typed(
    cli, encrypted, home, cbt_script
) -> None:
    cli.ok("do", "safety-plan", "--answers", str(cli.write_answers(PLAN, "plan.yaml")))
    child = in_terminal(cbt_script, home, "help-now")
    child.expect_exact("or press Enter to skip.")
    child.expect_exact("Passphrase: ")
    child.sendline("not it at all")
    status, shown = finished(child)
    assert status == 0 and "does not open your journal" in shown and "My dog" not in shown
    child = in_terminal(cbt_script, home, "help-now")
    child.expect_exact("or press Enter to skip.")
    child.expect_exact("Passphrase: ")
    child.sendline(PASSPHRASE)
    status, shown = finished(child)
    assert status == 0
    assert "Your safety plan" in shown and "My dog Biscuit" in shown and "Walk round" in shown


def test_help_now_without_a_terminal_asks_nothing(cli, encrypted, monkeypatch) -> None:
    monkeypatch.delenv("CBT_PASSPHRASE")
    shown = flat(cli.ok("help-now").output)
    assert "If you are in danger right now" in shown and "Enter to skip" not in shown


@pytest.mark.parametrize(
    "args, opening, shows",
    [
        (["help-now"], "", ["If you are in danger right now", "safety plan is in your encrypted"]),
        (["today", "--quiet"], "Whenever you're ready:", []),  # at every shell's start-up
    ],
)
def test_a_passphrase_command_is_not_run_where_it_could_hold_things_up(
    cli, encrypted, tmp_path, monkeypatch, args, opening, shows
) -> None:
    """A password manager's command may itself ask (an unlock prompt): crisis lines and a
    shell's start-up line never wait for it."""
    ran = tmp_path / "asked"
    monkeypatch.delenv("CBT_PASSPHRASE")
    monkeypatch.setenv("CBT_PASSPHRASE_COMMAND", f"touch {ran}")
    output = cli.ok(*args).output
    assert output.startswith(opening) and all(words in flat(output) for words in shows), output
    assert not ran.exists()


def test_at_40_columns_a_retry_and_the_word_on_keeping_it_safe_wrap_between_words(
    cli, home, cbt_script
) -> None:
    cli.ok("mood", "5")
    child = in_terminal(cbt_script, home, "encrypt", columns=40)
    child.logfile_read = io.StringIO()  # everything shown, prompts and all
    child.expect_exact("New passphrase: ")
    child.sendline("ab")
    child.expect_exact("New passphrase: ")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    shown_lines = child.logfile_read.getvalue().splitlines()
    lines = [line for line in shown_lines if "passphrase: " not in line]
    assert all(len(line) <= 40 for line in lines), lines
    shown = " ".join(" ".join(lines).split())
    assert "Choose a passphrase you will remember: without it the journal cannot" in shown
    assert "Try again (2 tries left)." in shown


def test_at_40_columns_the_no_keyring_sentence_wraps_between_words(
    encrypted, home, cbt_script
) -> None:
    child = in_terminal(
        cbt_script, home, "passphrase", "--remember", columns=40, CBT_PASSPHRASE=PASSPHRASE
    )
    child.expect(pexpect.EOF)
    child.close()
    lines = re.sub(r"\x1b\[[0-9;]*m", "", child.before).splitlines()
    assert child.exitstatus == 1
    assert all(len(line) <= 40 for line in lines), lines  # nothing left to the terminal
    shown = " ".join(" ".join(lines).split())
    assert "This computer has no keyring cbt can use (such as GNOME Keyring, KWallet" in shown
