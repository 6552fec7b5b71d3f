"""Fonts for every script in a PDF: DejaVu Sans (shipped with cbt) first, then a font already
on this computer for what DejaVu lacks (Chinese, Japanese, Korean, and other scripts), and one
sentence naming what to install when there is none, rather than leaving words out silently.

Right-to-left and joined scripts (Arabic, Hebrew) are shaped with HarfBuzz (uharfbuzz) through
fpdf2's text shaping, so they print in order and joined."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

# Fonts that cover what DejaVu Sans does not, where Linux distributions and macOS put them.
# CBT_PDF_FONTS (paths separated by the path separator) names others first.
CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/AppleSDGothicNeo.ttc",
)
CJK_RANGES = ((0x2E80, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF))
# Scripts whose letters join, reorder or stack: Hebrew to NKo and Arabic Extended, the Indic
# scripts, Thai, Lao and Tibetan, Myanmar, Khmer and Mongolian, and the presentation forms.
SHAPED_RANGES = (
    (0x0590, 0x08FF),
    (0x0900, 0x0DFF),
    (0x0E00, 0x0FFF),
    (0x1000, 0x109F),
    (0x1780, 0x18AF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
)


def candidate_paths() -> list[Path]:
    named = [Path(p) for p in os.environ.get("CBT_PDF_FONTS", "").split(os.pathsep) if p]
    return [path for path in [*named, *map(Path, CANDIDATES)] if path.is_file()]


@cache
def characters_in(path: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(path, fontNumber=0, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


def needs_a_font(char: str) -> bool:
    """A letter worth warning about: not a space, control or symbol such as an emoji."""
    return unicodedata.category(char)[0] in "LMN"


def needs_shaping(words: str) -> bool:
    """Text in a script that must be shaped (joined, reordered or with marks placed) to read
    right. Other text is laid out glyph by glyph, many times faster in a long export."""
    if words.isascii():
        return False
    for char in words:
        code = ord(char)
        if code >= 0x0300 and (
            unicodedata.combining(char) or any(low <= code <= high for low, high in SHAPED_RANGES)
        ):
            return True
    return False


def script_of(char: str) -> str:
    code = ord(char)
    if any(low <= code <= high for low, high in CJK_RANGES):
        return "cjk"
    return "other"


@dataclass
class PdfFonts:
    """Registers fallback fonts on the first word that needs one, and notes what no font has."""

    base: Path
    can_shape: bool = False  # uharfbuzz is installed
    shaping: bool = False  # fpdf2's text shaping is on for the text being written
    fallbacks: list[str] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # by DejaVu Sans or a fallback font
    own: frozenset[int] = frozenset()  # by DejaVu Sans itself
    missing: set[str] = field(default_factory=set)
    ready: bool = False

    def __post_init__(self) -> None:
        self.own = frozenset(characters_in(str(self.base)))
        self.covered = set(self.own)

    def prepare(self, pdf: Any, words: str) -> bool:
        """Ready `pdf` to write `words`: shaping on only where the script needs it, and
        fallback fonts for characters DejaVu Sans lacks. True when the words are plain: left
        to right, unshaped, every character in DejaVu Sans (most words), so they can be
        written without fpdf2's text layout."""
        shaped = needs_shaping(words)
        if self.can_shape and shaped != self.shaping:
            self.shaping = not self.shaping
            pdf.set_text_shaping(self.shaping)
        if words.isascii() or all(ord(c) in self.own for c in words):
            return not shaped
        outside = {c for c in words if ord(c) not in self.covered and needs_a_font(c)}
        if not outside:
            return False
        if not self.ready:
            self.ready = True
            for number, path in enumerate(candidate_paths()):
                family = f"Fallback{number}"
                try:
                    pdf.add_font(family, "", str(path))
                    pdf.add_font(family, "B", str(path))
                except Exception:  # a font fpdf2 cannot read is simply not used
                    continue
                self.fallbacks.append(family)
                self.covered |= characters_in(str(path))
            if self.fallbacks:
                pdf.set_fallback_fonts(self.fallbacks, exact_match=False)
        self.missing |= {script_of(c) for c in outside if ord(c) not in self.covered}
        return False

    def warning(self) -> str | None:
        """One sentence when some words could not be printed, naming what to install."""
        if not self.missing:
            return None
        if self.missing == {"cjk"}:
            what, package = "Chinese, Japanese or Korean", "fonts-noto-cjk"
        elif "cjk" in self.missing:
            what, package = (
                "Chinese, Japanese, Korean and other scripts",
                "fonts-noto-cjk fonts-noto-core",
            )
        else:
            what, package = "a script cbt's font lacks", "fonts-noto-core"
        return (
            f"Some words in {what} are left out of the PDF: no font for them is installed "
            f"(install one, for example `sudo apt install {package}` or Noto Sans from "
            "fonts.google.com, then export again; the HTML export shows them)."
        )


def shaping_available() -> bool:
    try:
        import uharfbuzz  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        return False
    return True
