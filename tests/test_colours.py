"""Contrast-safe text colours: the maths in deckgen/colours.py, and a light brand colour kept
for fills while the text in it is drawn in a darker variant that reads (WCAG AA)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from deckgen.colours import (
    contrast,
    least_contrast,
    mix,
    readable,
    readable_tint,
    text_colour,
    text_on,
    tint,
)

from .conftest import REPO, ROOTS, run_deckgen

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
LIGHT_BLUE = "6FA8C9"
"""A brand colour white text reads on at only 2.5:1."""


def test_contrast_of_black_and_white_and_of_drammens_accent() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert round(contrast("D9711E", "FFFFFF"), 2) == 3.32  # below 4.5:1 for normal text


def test_large_text_is_18_pt_or_14_pt_bold() -> None:
    assert least_contrast(18, False) == 3.0
    assert least_contrast(14, True) == 3.0
    assert least_contrast(14, False) == 4.5
    assert least_contrast(12, True) == 4.5


def test_a_colour_that_reads_is_kept() -> None:
    assert readable("005B8F") == "005B8F"  # 7.3:1 on white


def test_a_colour_that_does_not_read_gets_the_nearest_darker_variant() -> None:
    variant = readable("D9711E")
    shades = {mix("D9711E", "000000", percent / 100): percent for percent in range(100)}
    percent = shades[variant]  # a shade of the accent, nothing else
    assert contrast(variant, "FFFFFF") >= 4.5
    lighter = mix("D9711E", "000000", (percent + 1) / 100)
    assert contrast(lighter, "FFFFFF") < 4.5  # the lightest shade that reads
    assert text_colour("D9711E", "FFFFFF", 20, bold=True) == readable("D9711E", "FFFFFF", 3.0)


def test_on_a_dark_background_the_variant_is_lighter() -> None:
    variant = readable("0B2D4F", "1F2A33")
    assert contrast(variant, "1F2A33") >= 4.5
    assert int(variant[:2], 16) > 0x0B


def test_text_on_a_fill_and_readable_tints() -> None:
    assert text_on("005B8F", "1F2A33") == "FFFFFF"
    assert text_on("EEF3F7", "1F2A33") == "1F2A33"
    assert tint("005B8F", 0.5) == "80ADC7"
    fill = readable_tint("005B8F", "1F2A33", 0.7)
    assert contrast(fill, text_on(fill, "1F2A33")) >= 4.5


def _light_brand_project(tmp_path: Path) -> Path:
    """The alle-typer project built with a copy of Drammen's brand whose primary colour is
    light blue: key figures, a table and a schedule in it."""
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    shutil.copytree(REPO / "brand/drammen", root / "brand/lys")
    config = root / "brand/lys/brand.yaml"
    text = config.read_text(encoding="utf-8").replace('"005B8F"', f'"{LIGHT_BLUE}"')
    config.write_text(text, encoding="utf-8")
    (root / "deckgen.yaml").write_text("merkevare: lys\n", encoding="utf-8")
    (root / "content/demo/alle.md").write_text(
        "## Fondet {.nøkkeltall}\n\n273.699\n: Generell reserve\n\n"
        "## Tabell\n\n| Område | Beløp |\n|---|---:|\n| Skole | 12 |\n\n"
        "## Plan {.tidsplan}\n\n- 24. april: Hovedutvalget\n",
        encoding="utf-8",
    )
    return root


def _slide(pptx: Path, number: int) -> etree._Element:
    with zipfile.ZipFile(pptx) as archive:
        return etree.fromstring(archive.read(f"ppt/slides/slide{number}.xml"))


def _run_colour(slide: etree._Element, text: str) -> str:
    """The colour of the run holding text."""
    for run in slide.iter(f"{A}r"):
        if run.findtext(f"{A}t") == text:
            return str(run.find(f"{A}rPr/{A}solidFill/{A}srgbClr").get("val"))
    raise AssertionError(f"no run «{text}»")


def test_a_light_brand_colour_fills_shapes_but_its_text_is_darker(tmp_path: Path) -> None:
    root = _light_brand_project(tmp_path)
    ran = run_deckgen("build", "demo", "--format", "pptx", cwd=root)
    assert ran.returncode == 0, ran.stderr
    pptx = root / "build/demo.pptx"
    figures, table, schedule = _slide(pptx, 2), _slide(pptx, 3), _slide(pptx, 4)
    value = _run_colour(figures, "273.699")  # large bold, on the light card
    assert value == readable(LIGHT_BLUE, "EEF3F7", 3.0) != LIGHT_BLUE
    header_fill = table.find(f".//{A}tc/{A}tcPr/{A}solidFill/{A}srgbClr").get("val")
    assert header_fill == LIGHT_BLUE  # the brand colour stays on the fill
    header_text = _run_colour(table, "Område")
    assert header_text != "FFFFFF"  # white reads at 2.5:1 only
    assert contrast(header_text, LIGHT_BLUE) >= 3.0
    date = _run_colour(schedule, "24. april\t")
    assert date == readable(LIGHT_BLUE, "FFFFFF", 3.0) != LIGHT_BLUE
