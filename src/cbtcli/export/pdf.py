"""PDF: the same content as the HTML export, for printing or attaching to an email.

Made with fpdf2 and the DejaVu Sans font shipped with cbt, which covers accents and most
scripts; a character the font lacks (most emoji) is left out rather than breaking the file."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO

from ..terminal.console import CONTROLS
from ..views.charts import trend_sentence
from ..views.fields import Field, when_written
from ..wording import EXPORT_FOOTER
from .selection import Selection, status_word

# Where fpdf2 writes the number of pages once it knows it (with room for as many digits as
# the alias has characters): control characters, which never reach the page from anything a
# person wrote (its default, "{nb}", was replaced in any answer that held it, and held room for
# three digits only).
PAGE_COUNT = "\x1fpage-count\x1f"
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
            words = f"Page {self.page_no()} of {PAGE_COUNT}"  # fpdf2 puts the count there
            self.scripts.prepare(self, words)  # (which it can in unshaped text only)
            # Left, under the running head: the count's room (PAGE_COUNT) then falls after it.
            self.cell(0, 5, words, align="L")

    # fpdf2 warns once per missing glyph (an emoji, say); the glyph is simply left out.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    pdf = JournalPdf(format="A4", unit="mm")
    pdf.alias_nb_pages(PAGE_COUNT)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    # Arabic joined, Hebrew right to left: shaped where a text needs it (PdfFonts.prepare)
    pdf.scripts = PdfFonts(FONTS / "DejaVuSans.ttf", can_shape=shaping_available())
    pdf.set_title("CBT practice journal")
    pdf.set_creator("cbt")
    return pdf


def lines(pdf, height: float, words: str, plain: bool = False) -> None:
    """Words from here to the right margin, wrapped onto as many lines as they need. Plain
    words (see PdfFonts.prepare: most of them) are broken into lines here and each written
    where fpdf2's cell would put it, at a fraction of the cost of its text layout, which
    measures a line again for every character it adds; other words go through fpdf2."""
    room = pdf.w - pdf.r_margin - pdf.get_x() - 2 * pdf.c_margin
    if plain:
        plain_lines(pdf, height, wrapped(words, room, char_widths(pdf)))
    elif "\n" not in words and pdf.get_string_width(words) < room:
        pdf.cell(0, height, words, align="L", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, height, words, align="L", new_x="LMARGIN", new_y="NEXT")


def char_widths(pdf) -> Callable[[str], float]:
    """The width of a string in the current font and size, as fpdf2 measures it."""
    widths = pdf.current_font.cw
    scale = pdf.font_size_pt * 0.001 / pdf.k
    return lambda words: sum([widths[ord(c)] for c in words]) * scale


def wrapped(words: str, room: float, width: Callable[[str], float]) -> list[str]:
    """The words broken into lines no wider than `room`: between words where they can be,
    inside a word too long for a line of its own; each newline starts a line."""
    found = []
    space = width(" ")
    for paragraph in words.split("\n"):
        line: list[str] = []
        used = 0.0
        for word in paragraph.split(" "):
            size = width(word)
            if line and used + space + size > room:
                found.append(" ".join(line))
                line, used = [], 0.0
            while size > room and len(word) > 1:  # a word longer than a line: split it
                cut = fitting(word, room, width)
                found.append(word[:cut])
                word = word[cut:]
                size = width(word)
            used += (space if line else 0.0) + size
            line.append(word)
        found.append(" ".join(line))
    return found


def fitting(word: str, room: float, width: Callable[[str], float]) -> int:
    """How many of the word's characters fit in `room` (at least one)."""
    cut = 1
    while cut < len(word) and width(word[: cut + 1]) <= room:
        cut += 1
    return cut


def plain_lines(pdf, height: float, found: list[str]) -> None:
    """Each line as fpdf2's cell writes it (left aligned, the baseline 0.3 of the font size
    below the middle of the line), a new page when the next line would cross the bottom
    margin, every line under the first; then back to the left margin."""
    x = pdf.get_x()
    for line in found:
        if pdf.will_page_break(height):
            pdf.add_page()  # (which keeps the font and colours)
        if line:
            pdf.text(x + pdf.c_margin, pdf.get_y() + 0.5 * height + 0.3 * pdf.font_size, line)
        pdf.set_xy(x, pdf.get_y() + height)
    pdf.set_x(pdf.l_margin)


def text(
    pdf, words: str, size: float = 10.5, bold: bool = False, colour=INK, height: float = 5.4
) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*colour)
    words = CONTROLS.sub("", words)  # control characters have no place on paper
    lines(pdf, height, words, pdf.scripts.prepare(pdf, words))


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
    lines(pdf, height, words, pdf.scripts.prepare(pdf, words))


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
