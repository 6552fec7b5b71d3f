"""The prep page in each of its forms: the terminal, Markdown, a self-contained HTML page, and
a PDF. Every form gets the same sections and lines (prep.PrepPage), escaped for its format."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import IO, Any

from ..views.prep import PrepPage

TITLE = "For my next therapy session"


def period_words(page: PrepPage) -> str:
    return f"From {page.since.isoformat()} to {page.until.isoformat()}"


def terminal_lines(page: PrepPage) -> list[Any]:
    from rich.text import Text

    from ..views.narrow import hanging

    lines: list[Any] = [Text(TITLE, style="bold"), Text(period_words(page), style="dim")]
    if not page.sections:
        lines.append(Text("\nNothing in the journal for this period yet."))
    for section in page.sections:
        lines.append(Text("\n" + section.title, style="bold cyan"))
        lines += [hanging(line) for line in section.lines]
    return lines


def markdown_escape(text: str) -> str:
    """The person's words print as typed: Markdown's marks are escaped, not obeyed."""
    return "".join("\\" + c if c in "\\`*_{}[]<>#|!" else c for c in text)


def write_markdown(page: PrepPage, out: IO[str]) -> None:
    out.write(f"# {TITLE}\n\n_{period_words(page)}_\n")
    for section in page.sections:
        out.write(f"\n## {section.title}\n\n")
        for line in section.lines:
            indent = len(line) - len(line.lstrip(" "))
            body = line.strip()
            if body.startswith("- "):
                out.write(" " * indent + "- " + markdown_escape(body[2:]) + "\n")
            else:
                out.write(" " * indent + markdown_escape(body) + "\n")


def write_html(page: PrepPage, out: IO[str]) -> None:
    out.write(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{TITLE}</title><style>body{{font-family:sans-serif;max-width:46em;"
        "margin:2em auto;line-height:1.45;padding:0 1em}h2{margin-top:1.6em}</style>"
        f"</head><body>\n<h1>{TITLE}</h1>\n<p><em>{period_words(page)}</em></p>\n"
    )
    for section in page.sections:
        out.write(f"<h2>{html.escape(section.title)}</h2>\n")
        for line in section.lines:
            depth = (len(line) - len(line.lstrip(" "))) // 2
            margin = f' style="margin-left:{depth * 1.5}em"' if depth else ""
            out.write(f"<p{margin}>{html.escape(line.strip())}</p>\n")
    out.write("</body></html>\n")


def write_pdf(page: PrepPage, out: IO[bytes]) -> None:
    from .pdf import MUTED, bullet, document, text

    pdf = document()
    pdf.set_title(TITLE)
    pdf.add_page()
    text(pdf, TITLE, size=16, bold=True, height=8)
    text(pdf, period_words(page), colour=MUTED)
    for section in page.sections:
        pdf.ln(3)
        text(pdf, section.title, size=12.5, bold=True, height=7)
        for line in section.lines:
            body = line.strip()
            if body.startswith("- "):
                bullet(pdf, body[2:])
            else:
                text(pdf, body)
    out.write(bytes(pdf.output()))


# The prep page's file formats, registered as export's are: name -> (writer, binary).
FORMATS: dict[str, tuple[Callable[[PrepPage, Any], None], bool]] = {
    "md": (write_markdown, False),
    "html": (write_html, False),
    "pdf": (write_pdf, True),
}
