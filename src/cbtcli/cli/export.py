"""`cbt export` and `cbt import`: share entries with a therapist, and move a journal."""

from pathlib import Path
from typing import Annotated

import typer

from .app import app
from .options import Exercises, Since, Until
from .state import state


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="md, html, pdf, csv, json or fhir.")
    ] = "md",
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="The file to write ('-' for the screen; for csv, a folder also gets moods and ratings).",
        ),
    ] = None,
    since: Since = None,
    until: Until = None,
    exercise: Exercises = None,
    flagged: Annotated[
        bool, typer.Option("--flagged", help="Only entries flagged to discuss.")
    ] = False,
    include_private: Annotated[
        bool, typer.Option("--include-private", help="Include entries and answers marked private.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    drafts: Annotated[
        bool, typer.Option("--drafts", help="Include unfinished drafts (left out by default).")
    ] = False,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Whose journal, at the top (default: `cbt config set name`, or no name).",
        ),
    ] = None,
    page_per_entry: Annotated[
        bool,
        typer.Option("--page-per-entry", help="PDF: start each entry on a new page."),
    ] = False,
    password: Annotated[
        bool,
        typer.Option(
            "--password",
            help="PDF: encrypt it (AES-256) with a password, typed twice or taken from "
            "CBT_EXPORT_PASSWORD; any PDF reader opens it with the password.",
        ),
    ] = False,
    encrypt_to: Annotated[
        list[str] | None,
        typer.Option(
            "--encrypt-to",
            metavar="RECIPIENT",
            help="Encrypt the file with age to this public key (age1... or ssh-ed25519 ...; "
            "repeatable): only the holder of the secret key can open it.",
        ),
    ] = None,
) -> None:
    """Export entries to read or share (Markdown, HTML, PDF), for spreadsheets (CSV), or to move (JSON)."""
    from ..export.run import ExportRequest, run_export

    s = state(ctx)
    secret = None
    if password:
        if fmt.lower() != "pdf":
            from ..errors import UsageError

            raise UsageError("--password protects a PDF (-f pdf); other formats stay plain.")
        from ..terminal.hidden import export_password

        secret = export_password()
    request = ExportRequest(
        fmt.lower(),
        output,
        since,
        until,
        tuple(exercise or ()),
        flagged,
        include_private,
        force,
        name,
        drafts,
        page_per_entry,
        secret,
        tuple(encrypt_to or ()),
    )
    result = run_export(s.journal(), s.catalog(), request)
    for note in result.notes:
        s.err_console.print(note, soft_wrap=True)  # one line, however narrow the terminal
    if result.where == "standard output":
        return
    err = s.err_console
    err.print(
        f"Exported {result.entries} entr{'y' if result.entries == 1 else 'ies'} to {result.where} (readable by you alone)."
    )
    if result.withheld:
        err.print(f"{result.withheld} Add --include-private to include them.")
    if secret:
        err.print("It opens only with its password: give that to your therapist another way.")
    if encrypt_to:
        err.print("It is encrypted with age: only the holder of the secret key can open it.")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A file made by `cbt export --format json`, or by another app."
        ),
    ],
    replace: Annotated[
        bool, typer.Option("--replace", help="Where an entry differs, take the file's version.")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="APP",
            help="The app FILE comes from: daylio, jrnl, freecbt (or Quirk) or om.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be imported; change nothing.")
    ] = False,
    mood_map: Annotated[
        str | None,
        typer.Option(
            "--mood-map",
            metavar="NAME=SCORE,...",
            help="Daylio's moods as 0-10 scores (default rad=9,good=7,meh=5,bad=3,awful=1).",
        ),
    ] = None,
    identity: Annotated[
        Path | None,
        typer.Option(
            "--identity",
            "-i",
            metavar="KEYFILE",
            help="For an age-encrypted FILE: the file with your secret key (AGE-SECRET-KEY-1...); "
            "asked for in a terminal when not given.",
        ),
    ] = None,
) -> None:
    """Bring back a JSON export, or your history from another app; importing the same file
    twice adds nothing."""
    from ..export.importer import import_export
    from ..terminal.console import styled
    from ..wording import counted

    s = state(ctx)
    if source is not None:
        from .bring_in import report_bring_in

        report_bring_in(s, source, file, dry_run, {"mood_map": mood_map})
        return
    if dry_run or mood_map:
        from ..errors import UsageError

        raise UsageError("--dry-run and --mood-map go with --from (importing from another app).")
    if identity is None and s.interactive:
        identity = asked_identity(file)
    report = import_export(s.journal, s.catalog(), file, replace, identity)
    added = ", ".join(counted(n, what) for what, n in report.added.items() if n) or "nothing new"
    s.console.print(f"Imported {added}; {report.unchanged} already here.")
    if report.alerted:
        from ..wording import risk_noted

        s.console.print(risk_noted(report.alerted))
    if report.replaced:
        s.console.print(f"Replaced {counted(report.replaced, 'entries')} with the file's version.")
    if report.differing:
        listed = ", ".join(report.differing[:10])
        one = len(report.differing) == 1
        s.console.print(
            styled(
                "[yellow]{} in the file {} from yours; yours {} kept[/] ({}); "
                "add --replace to take the file's version.",
                counted(len(report.differing), "entries"),
                "differs" if one else "differ",
                "is" if one else "are",
                listed,
            )
        )


def asked_identity(file: Path) -> Path | None:
    """In a terminal, the file with the secret key an age-encrypted FILE needs, asked for
    (with completion of paths) rather than only named as an option."""
    from ..export.sealed import needs_identity

    if not needs_identity(file):
        return None
    import questionary

    answer = questionary.path("Where is your age secret key file?", qmark="›").unsafe_ask()
    return Path(answer.strip()).expanduser() if answer and answer.strip() else None
