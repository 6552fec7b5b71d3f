"""`cbt help-now --export FILE`: the safety plan and crisis lines as one printable page, to
keep on paper or a phone and share with the people in it (Markdown, HTML or PDF, by the
file's extension)."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from ..errors import UsageError
from ..safety.helplines import Region
from .markdown import escape as md_escape
from .output import private_file

FORMATS = {".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}
KEEP = "Keep this somewhere you can find it quickly, and share it with the people in it."


def write_plan(path: Path, name: str, plan: Any, region: Region | None, force: bool) -> None:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(f"{path} should end in .md, .html or .pdf, the formats cbt can write.")
    sections = [(f.label, list(f.items) or [f.text]) for f in plan or []]
    lines = [(region.name, [f"In danger now: call {region.emergency}"])] if region else []
    if region:
        lines[0][1].extend(f"{line.name}: {line.how}" for line in region.lines)
    with private_file(path, force, binary=fmt == "pdf") as out:
        if fmt == "pdf":
            pdf(out, name, sections, lines)
        elif fmt == "html":
            html(out, name, sections, lines)
        else:
            markdown(out, name, sections, lines)


def markdown(out: IO[str], name: str, sections: list, lines: list) -> None:
    text = [f"# My safety plan{': ' + md_escape(name) if name else ''}", ""]
    for label, items in [*sections, *lines]:
        text += [f"## {md_escape(label)}", "", *(f"- {md_escape(i)}" for i in items), ""]
    out.write("\n".join([*text, f"*{KEEP}*", ""]))


def html(out: IO[str], name: str, sections: list, lines: list) -> None:
    from .html import STYLE
    from .html import escape as html_escape

    title = f"My safety plan{': ' + name if name else ''}"
    body = "".join(
        f"<h2>{html_escape(label)}</h2><ul>{''.join(f'<li>{html_escape(i)}</li>' for i in items)}</ul>"
        for label, items in [*sections, *lines]
    )
    out.write(
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{html_escape(title)}'
        f"</title><style>{STYLE}</style></head><body><h1>{html_escape(title)}</h1>{body}"
        f'<p class="meta">{html_escape(KEEP)}</p></body></html>\n'
    )


def pdf(out: IO[bytes], name: str, sections: list, lines: list) -> None:
    from .pdf import MUTED, bullet, document, text

    page = document()
    page.set_title("My safety plan")
    page.add_page()
    text(page, f"My safety plan{': ' + name if name else ''}", size=16, bold=True, height=8)
    for label, items in [*sections, *lines]:
        page.ln(1.5)
        text(page, label.upper(), size=7.5, bold=True, colour=MUTED, height=4.2)
        for item in items:
            bullet(page, item, height=5)
    page.ln(3)
    text(page, KEEP, size=8.5, colour=MUTED)
    out.write(bytes(page.output()))
