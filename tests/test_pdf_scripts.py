"""The PDF prints every script: Arabic and Hebrew shaped and in reading order, Chinese,
Japanese and Korean with a system font, and one sentence naming what to install when there is
none. Page numbers and a running header; entries flow on unless --page-per-entry."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from cbtcli.export import pdf_fonts

from .helpers import THOUGHT_RECORD_ANSWERS

ARABIC = "أشعر بالقلق من العمل"
HEBREW = "אני מרגיש חרדה"
JAPANESE = "明日の会議が心配です"


def export_pdf(cli, tmp_path: Path, situation: str, *extra: str) -> tuple[str, list[str], str]:
    answers = dict(THOUGHT_RECORD_ANSWERS, situation=situation)
    for _ in range(3):
        cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    out = tmp_path / "journal.pdf"
    result = cli.ok("export", "-f", "pdf", "-o", str(out), "--name", "Sam", *extra)
    pages = [page.extract_text() for page in PdfReader(out).pages]
    return "\n".join(pages), pages, result.stderr


def normal(text: str) -> str:
    """Extracted Arabic comes back in presentation forms; compare letters, not glyph forms."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("words", [ARABIC, HEBREW])
def test_right_to_left_words_come_back_out_of_the_pdf(cli, tmp_path, words) -> None:
    pytest.importorskip("uharfbuzz")
    text, _, stderr = export_pdf(cli, tmp_path, words)
    flat_text = normal(text)
    assert normal(words) in flat_text or normal(words)[::-1] in flat_text
    assert "left out" not in stderr


def test_cjk_prints_with_a_system_font_when_there_is_one(cli, tmp_path) -> None:
    if not any(
        ord("明") in pdf_fonts.characters_in(str(path)) for path in pdf_fonts.candidate_paths()
    ):
        pytest.skip("no Chinese/Japanese/Korean font installed (fonts-noto-cjk)")
    text, _, stderr = export_pdf(cli, tmp_path, JAPANESE)
    assert JAPANESE in normal(text)
    assert "left out" not in stderr


def test_with_no_font_for_a_script_one_line_says_what_to_install(
    cli, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(pdf_fonts, "candidate_paths", lambda: [])
    _, _, stderr = export_pdf(cli, tmp_path, JAPANESE)
    [warning] = [line for line in stderr.splitlines() if "left out" in line]
    assert "Chinese, Japanese or Korean" in warning and "fonts-noto-cjk" in warning


def test_no_warning_for_text_the_shipped_font_covers(cli, tmp_path) -> None:
    _, _, stderr = export_pdf(cli, tmp_path, "Café meeting, naïve worries — ça va")
    assert "left out" not in stderr


def test_page_numbers_a_running_header_and_entries_that_flow_on(cli, tmp_path) -> None:
    _, pages, _ = export_pdf(cli, tmp_path, "Tuesday at my desk")
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    for page in pages[1:]:
        assert "Sam" in page.splitlines()[0]
    flowing = len(pages)
    out = tmp_path / "each.pdf"
    cli.ok("export", "-f", "pdf", "-o", str(out), "--page-per-entry")
    assert len(PdfReader(out).pages) == 4 > flowing  # the overview, then one page per entry


@pytest.mark.parametrize(
    ("words", "shaped"),
    [
        ("Tuesday at my desk", False),
        ("Café, naïve, Zoë: déjà vu", False),  # precomposed accents need no shaping
        ("Привет, Ελληνικά", False),
        (ARABIC, True),
        (HEBREW, True),
        ("नमस्ते", True),
        ("ภาษาไทย", True),
        ("e\u0301 with a combining accent", True),
    ],
)
def test_only_scripts_that_join_or_reorder_are_shaped(words, shaped) -> None:
    """Shaping every line made a long PDF several times slower; Latin, Greek and Cyrillic
    print the same without it."""
    assert pdf_fonts.needs_shaping(words) is shaped


def test_a_pdf_mixing_scripts_keeps_each_readable(cli, tmp_path) -> None:
    pytest.importorskip("uharfbuzz")
    answers = dict(THOUGHT_RECORD_ANSWERS, situation=ARABIC, hot_thought="I will fail the test")
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    out = tmp_path / "mixed.pdf"
    cli.ok("export", "-f", "pdf", "-o", str(out))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "I will fail the test" in text
    assert normal(ARABIC) in normal(text) or normal(ARABIC)[::-1] in normal(text)


def test_long_words_and_lines_all_reach_the_page(cli, tmp_path) -> None:
    link = "https://example.org/" + "a-very-long-path-" * 12  # wider than the page
    situation = "At my desk " * 40 + "\nA second paragraph, after a newline.\n\nAnd a third."
    answers = dict(THOUGHT_RECORD_ANSWERS, situation=situation, hot_thought=link)
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    out = tmp_path / "long.pdf"
    cli.ok("export", "-f", "pdf", "-o", str(out))
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    flat_text = "".join(text.split())
    assert "".join(situation.split()) in flat_text
    assert link in flat_text


def test_words_a_person_wrote_are_never_taken_for_the_page_count(cli, tmp_path) -> None:
    typed = "Notes {nb} as typed"
    shaped = "Ze\u0301 {nb} too"  # through fpdf2's own text layout
    answers = dict(THOUGHT_RECORD_ANSWERS, situation=typed, hot_thought=shaped)
    cli.ok("do", "thought-record", "--answers", str(cli.write_answers(answers)))
    out = tmp_path / "typed.pdf"
    cli.ok("export", "-f", "pdf", "-o", str(out))
    pages = [page.extract_text() for page in PdfReader(out).pages]
    text = normal("".join(pages))
    assert normal(typed) in text and normal(shaped) in text
    assert f"Page 1 of {len(pages)}" in pages[0]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from("aiMW.- 1"), min_size=0, max_size=30), max_size=12
    ).map("\n".join),
    st.floats(min_value=5, max_value=200),
)
def test_plain_lines_fit_and_keep_every_character(words, room) -> None:
    from cbtcli.export.pdf import wrapped

    def width(part: str) -> float:  # a font of three widths, in millimetres
        return sum({"M": 3.0, "W": 3.2, "i": 0.9}.get(c, 1.8) for c in part)

    found = wrapped(words, room, width)
    assert all(width(line) <= room or len(line.strip()) <= 1 for line in found)
    assert "".join("".join(found).split()) == "".join(words.split())
    assert len(found) >= words.count("\n") + 1
