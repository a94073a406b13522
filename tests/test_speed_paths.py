"""Issue 17: the fast paths measure text and add slides with the same results as the slow ones,
without the slow work (counted, never timed: docs/ytelse.md has the timings)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.opc.package import _Relationships

from deckgen.brand import load_brand
from deckgen.inputfiles import office_package
from deckgen.textfit import Fonts, Line, _width, height_pt, wrapped_lines
from deckgen.writers import pptx_xml

REPO = Path(__file__).resolve().parent.parent
WORDS = sorted({w for f in (REPO / "content").rglob("*.md") for w in f.read_text("utf-8").split()})


def brand_fonts(name: str) -> Fonts:
    """The measuring fonts of a shipped brand."""
    brand = load_brand(REPO / "brand", name)
    return Fonts(brand.file(brand.skrift.fil_vanlig), brand.file(brand.skrift.fil_fet))


def measured_lines(fonts: Fonts, text: str, size: float, bold: bool, width_pt: float) -> int:
    """The line count of the old way: every candidate line measured whole by Pillow."""
    path = fonts.bold if bold else fonts.regular
    font = ImageFont.FreeTypeFont(str(path), round(size * 10) / 10)
    count, current = 1, ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        width = font.getlength(candidate)
        if current and width > width_pt:
            count, candidate, width = count + 1, word, font.getlength(word)
        current = candidate
        if width > width_pt:
            count += math.ceil(width / width_pt) - 1
            current = ""
    return count


@pytest.mark.parametrize("brand", ["drammen", "lysvik"])
@pytest.mark.parametrize("bold", [False, True])
def test_line_widths_added_up_from_words_equal_whole_lines_measured(brand: str, bold: bool) -> None:
    """Every line of the shipped content, wrapped at several widths and sizes, breaks where
    measuring each candidate line whole breaks it."""
    fonts = brand_fonts(brand)
    text = " ".join(WORDS)
    for size in (12.0, 24.5):
        for width_pt in (150.0, 611.0):
            emu = round(width_pt * 12700)
            expected = measured_lines(fonts, text, size, bold, emu / 12700)
            assert wrapped_lines(fonts, Line(text, size, bold), emu) == expected


def test_each_word_is_measured_once_not_each_growing_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph of 300 new words costs Pillow about one measurement per word (plus a few
    per letter seen next to a space), not one per candidate line as before."""
    fonts = brand_fonts("drammen")
    words = [f"ord{n}x" for n in range(300)]
    calls = []
    original = ImageFont.FreeTypeFont.getlength

    def counted(self: Any, text: str, *args: Any, **kwargs: Any) -> float:
        calls.append(text)
        return original(self, text, *args, **kwargs)

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", counted)
    _width.cache_clear()
    height_pt(fonts, [Line(" ".join(words), 17.3)], 4_000_000)
    assert not [c for c in calls if " " in c.strip()]  # no line of several words measured
    assert len(calls) <= len(words) + 3 * 40


def slide_parts(prs: Any) -> list[tuple[str, str, str]]:
    """Each slide's part name, relationship id and slide id, in order."""
    id_list = prs.slides._sldIdLst
    return [(str(prs.slides.get(int(s.id)).part.partname), s.rId, str(s.id)) for s in id_list]


def test_slides_added_without_searching_the_presentation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slides added by the helper get the part names, relationship ids and slide ids
    python-pptx would give them, without python-pptx's search of every relationship (which
    made 1.000 slides take quadratic time)."""
    brand = load_brand(REPO / "brand", "drammen")
    template = brand.file(brand.pptx_mal)
    expected_prs = Presentation(office_package(template))
    pptx_xml.remove_slides(expected_prs)
    layouts = list(expected_prs.slide_layouts)
    for n in range(30):
        expected_prs.slides.add_slide(layouts[n % len(layouts)])
    expected = slide_parts(expected_prs)

    prs = Presentation(office_package(template))
    pptx_xml.remove_slides(prs)
    layouts = list(prs.slide_layouts)
    searched = []
    original = _Relationships._get_matching

    def watched(self: Any, *args: Any, **kwargs: Any) -> Any:
        searched.append(len(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(_Relationships, "_get_matching", watched)
    for n in range(30):
        pptx_xml.add_slide(prs, layouts[n % len(layouts)])
    assert slide_parts(prs) == expected
    assert max(searched) < 5  # only the new slide's own few relationships, never the deck's
