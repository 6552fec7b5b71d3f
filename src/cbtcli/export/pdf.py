"""PDF: the same content as the HTML export, for printing or attaching to an email.

Made with fpdf2 and the DejaVu Sans font shipped with cbt, which covers accents and most
scripts; a character the font lacks (most emoji) is left out rather than breaking the file."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import IO

from ..terminal.console import CONTROLS
from ..views.charts import trend_sentence
from ..views.fields import Field, when_written
from ..wording import EXPORT_FOOTER
from .selection import Selection, status_word

FONTS = Path(__file__).resolve().parent.parent / "data" / "fonts"
INK, MUTED, LINE, ACCENT, FLAG = (
    (31, 41, 51),
    (95, 107, 122),
    (217, 222, 229),
    (47, 111, 143),
    (183, 121, 31),
)


def document(running_head: str = ""):
    from fpdf import FPDF

    from .pdf_fonts import PdfFonts, shaping_available

    class JournalPdf(FPDF):
        """A4 with a running header (name and period) and a page number on every page."""

        scripts: PdfFonts

        def header(self) -> None:
            if self.page_no() > 1 and running_head:
                self.set_font("DejaVu", "", 8)
                self.set_text_color(*MUTED)
                self.scripts.prepare(self, running_head)
                self.cell(0, 5, running_head, align="L", new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(*MUTED)
            words = f"Page {self.page_no()} of {{nb}}"  # fpdf2 puts the page count for {nb}
            self.scripts.prepare(self, words)  # (which it can in unshaped text only)
            self.cell(0, 5, words, align="C")

    # fpdf2 warns once per missing glyph (an emoji, say); the glyph is simply left out.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    pdf = JournalPdf(format="A4", unit="mm")
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    # Arabic joined, Hebrew right to left: shaped where a text needs it (PdfFonts.prepare)
    pdf.scripts = PdfFonts(FONTS / "DejaVuSans.ttf", can_shape=shaping_available())
    pdf.set_title("CBT practice journal")
    pdf.set_creator("cbt")
    return pdf


def lines(pdf, height: float, words: str) -> None:
    """Words from here to the right margin, wrapped onto as many lines as they need. Most
    fit on one: those are written as one cell, without fpdf2's line breaking, which measures
    a line again for every character it adds (most of the time a long PDF took)."""
    room = pdf.w - pdf.r_margin - pdf.get_x() - 2 * pdf.c_margin
    if "\n" not in words and pdf.get_string_width(words) < room:
        pdf.cell(0, height, words, align="L", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, height, words, align="L", new_x="LMARGIN", new_y="NEXT")


def text(
    pdf, words: str, size: float = 10.5, bold: bool = False, colour=INK, height: float = 5.4
) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*colour)
    words = CONTROLS.sub("", words)  # control characters have no place on paper
    pdf.scripts.prepare(pdf, words)
    lines(pdf, height, words)


def chart(pdf, points: list[tuple[date, float]], since: date, until: date) -> None:
    """The mood trend, 0 to 10, drawn with lines like the HTML chart."""
    left, width, height = pdf.l_margin + 8, pdf.epw - 8, 40
    top = pdf.get_y() + 3
    span = max(1, (until - since).days)
    pdf.set_font("DejaVu", "", 7)
    pdf.set_text_color(*MUTED)
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    for level in (0, 5, 10):
        y = top + (1 - level / 10) * height
        pdf.line(left, y, left + width, y)
        pdf.text(left - 5, y + 1, str(level))
    coords = [
        (left + (d - since).days / span * width, top + (1 - v / 10) * height) for d, v in points
    ]
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.6)
    if len(coords) > 1:
        pdf.polyline(coords)
    pdf.set_fill_color(*ACCENT)
    for x, y in coords:
        pdf.circle(x, y, 0.9, style="F")
    pdf.text(left, top + height + 5, f"{since:%d %b %Y}")
    pdf.text(left + width - 20, top + height + 5, f"{until:%d %b %Y}")
    pdf.set_y(top + height + 9)


def overview(pdf, selection: Selection) -> None:
    """The figures as label and text side by side, then the mood chart, as in the HTML."""
    rows, points = selection.overview()
    for label, words in rows:
        labelled_row(pdf, label, words)
    if points:
        chart(pdf, points, selection.period.since, selection.period.until)
        text(pdf, trend_sentence("Mood", points), size=9, colour=MUTED)


def labelled_row(pdf, label: str, words: str, height: float = 5.4) -> None:
    label_width = 26
    pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", "B", 10.5)
    pdf.scripts.prepare(pdf, label)
    label_lines = len(pdf.multi_cell(label_width, height, label, dry_run=True, output="LINES"))
    top = pdf.get_y()
    pdf.multi_cell(label_width, height, label, align="L", new_x="RIGHT", new_y="TOP")
    pdf.set_font("DejaVu", "", 10.5)
    pdf.scripts.prepare(pdf, words)
    pdf.multi_cell(0, height, words, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + label_lines * height) + 1)


def bullet(pdf, words: str, height: float = 5.4) -> None:
    """A list item whose wrapped lines stay under its first word."""
    pdf.set_font("DejaVu", "", 10.5)
    pdf.set_text_color(*INK)
    pdf.cell(5, height, "•", new_x="RIGHT", new_y="TOP")
    words = CONTROLS.sub("", words)
    pdf.scripts.prepare(pdf, words)
    lines(pdf, height, words)


def field(pdf, item: Field) -> None:
    text(pdf, item.label.upper(), size=7.5, bold=True, colour=MUTED, height=4.2)
    if item.text:
        text(pdf, item.text)
    for line in item.items:
        bullet(pdf, line)
    pdf.ln(2)


def patterns(pdf, selection: Selection) -> None:
    from ..views.patterns import BULLET, NOT_A_DIAGNOSIS

    sections = selection.patterns()
    if not sections:
        return
    pdf.ln(2)
    text(pdf, "Patterns", size=13, bold=True, height=7)
    for title, sentences in sections:
        text(pdf, title.upper(), size=7.5, bold=True, colour=MUTED, height=4.2)
        for sentence in sentences:
            if sentence.startswith(BULLET):
                bullet(pdf, sentence.removeprefix(BULLET))
            else:
                text(pdf, sentence)
        pdf.ln(2)
    text(pdf, NOT_A_DIAGNOSIS, size=8, colour=MUTED)


def check_ins(pdf, selection: Selection) -> None:
    found = selection.check_ins()
    if not found:
        return
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    else:
        pdf.ln(3)
        pdf.set_draw_color(*LINE)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(4)
    text(pdf, "Mood check-ins", size=13, bold=True, height=7)
    for when, words in found:
        bullet(pdf, f"{when:%a %d %b %Y, %H:%M}: {words}")


def protect(pdf, password: str) -> None:
    """AES-256, text and metadata alike, opened only with `password`. The owner password,
    which PDF requires and which would lift every restriction, is random and thrown away."""
    import secrets

    from fpdf.enums import EncryptionMethod

    pdf.set_encryption(
        owner_password=secrets.token_urlsafe(32),
        user_password=password,
        encryption_method=EncryptionMethod.AES_256,
        encrypt_metadata=True,
    )


def write(
    selection: Selection, out: IO[bytes], page_per_entry: bool = False, password: str | None = None
) -> int:
    period = selection.period
    span = f"{period.since:%d %b %Y} to {period.until:%d %b %Y}"
    pdf = document(f"{selection.name} · {span}" if selection.name else span)
    if password:
        protect(pdf, password)
    pdf.add_page()
    text(pdf, selection.title, size=17, bold=True, height=8)
    text(
        pdf,
        f"{period.since:%d %B %Y} to {period.until:%d %B %Y} · exported {selection.today:%d %B %Y}",
        size=9,
        colour=MUTED,
    )
    pdf.ln(3)
    overview(pdf, selection)
    patterns(pdf, selection)
    count = 0
    for entry in selection.entries():
        if page_per_entry or pdf.get_y() > pdf.h - 60:
            pdf.add_page()  # a new page when asked, or rather than a heading alone at the foot
        else:
            pdf.ln(3)
            pdf.set_draw_color(*LINE)
            pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
            pdf.ln(4)
        when = when_written(entry)
        text(pdf, f"{entry.exercise_title}{status_word(entry)}", size=13, bold=True, height=7)
        text(pdf, f"{when}", size=9, colour=MUTED)
        if entry.flagged:
            text(pdf, "⚑ to discuss", size=9, bold=True, colour=FLAG)
        pdf.ln(2)
        for item in selection.fields(entry):
            field(pdf, item)
        count += 1
    check_ins(pdf, selection)
    pdf.ln(4)
    text(
        pdf,
        EXPORT_FOOTER,
        size=8,
        colour=MUTED,
    )
    out.write(bytes(pdf.output()))
    warning = pdf.scripts.warning()
    if warning:
        selection.notes.append(warning)
    return count
