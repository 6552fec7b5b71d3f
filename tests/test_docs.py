"""The documentation that is generated from the code stays current."""

from __future__ import annotations

from pathlib import Path

from cbtcli.cli.reference import reference

ROOT = Path(__file__).resolve().parents[1]


def test_the_cli_reference_is_current() -> None:
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == reference(), (
        "docs/cli.md is out of date: run `python -m cbtcli.cli.reference > docs/cli.md`"
    )


def test_the_readme_links_to_the_reference() -> None:
    assert "(docs/cli.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_man_page_is_current() -> None:
    from cbtcli.cli.manpage import manpage

    written = (ROOT / "docs" / "cbt.1").read_text(encoding="utf-8")
    assert written == manpage(), (
        "docs/cbt.1 is out of date: run `python -m cbtcli.cli.manpage > docs/cbt.1`"
    )
    assert ".SH EXIT STATUS" in written and "cbt help\\-now" in written
    for command in ("cbt journal", "cbt ladder show", "cbt completion"):
        assert f".B {command}".replace("-", "\\-") in written
