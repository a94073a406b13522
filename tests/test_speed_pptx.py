"""Issue 17: the .pptx writer's fast paths give python-pptx's own results without its slow
work, and `deckgen --help` loads no Markdown parser (counted, never timed)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.xmlchemy import BaseOxmlElement
from pptx.util import Emu

from deckgen import pipeline
from deckgen.brand import load_brand
from deckgen.inputfiles import office_package
from deckgen.project import Project
from deckgen.writers import pptx_xml
from deckgen.writers.pptx_text import _format_run, add_run

REPO = Path(__file__).resolve().parent.parent
PH_XPATH = "./*[1]/p:nvPr/p:ph"
P_NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


def template(brand_name: str) -> Any:
    """A shipped brand's PowerPoint template, opened without its example slides."""
    brand = load_brand(REPO / "brand", brand_name)
    prs = Presentation(office_package(brand.file(brand.pptx_mal)))
    pptx_xml.remove_slides(prs)
    return prs


def generated_project(folder: Path, slides: int) -> Path:
    """A project with one deck of bullet slides and, every third, a small table."""
    (folder / "decks").mkdir(parents=True)
    (folder / "content").mkdir()
    (folder / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    parts = []
    for n in range(1, slides):
        if n % 3 == 0:
            parts.append(
                f"## Tabell {n}\n\n| Område | Budsjett |\n|---|--:|\n| Skole | {n} |\n"
                f"| **Sum** | {n * 2} |\n\n"
            )
        else:
            parts.append(f"## Lysbilde {n}\n\n- Punkt *{n}* om **budsjett**\n  - Et underpunkt\n\n")
    (folder / "content" / "lysbilder.md").write_text("".join(parts), encoding="utf-8")
    (folder / "decks" / "stor.yaml").write_text(
        "tittel: Stor\ndato: 2024-01-01\ninnhold: [lysbilder.md]\n", encoding="utf-8"
    )
    return folder


def shape_elements(prs: Any) -> list[Any]:
    """Every shape element of every master, layout and slide."""
    owners = [*prs.slide_masters, *prs.slide_layouts, *prs.slides]
    return [el for owner in owners for el in owner.shapes._spTree.iter() if hasattr(el, "ph")]


@pytest.mark.parametrize("brand", ["drammen", "lysvik"])
def test_placeholder_lookup_finds_what_python_pptx_xpath_finds(brand: str) -> None:
    """The lookup without XPath gives the same p:ph element for every shape of the template
    and of a deck built on it, and for shapes whose first child is a comment or has none."""
    prs = template(brand)
    for layout in prs.slide_layouts:
        pptx_xml.add_slide(prs, layout)
    elements = shape_elements(prs)
    assert len(elements) > 20
    odd = etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        "<!-- a comment --><p:nvSpPr><p:cNvPr/><p:nvPr><p:ph idx='3'/></p:nvPr></p:nvSpPr>"
        "</p:sp>"
    )
    for element in [*elements, odd, odd[1], etree.Element("empty")]:
        found = etree._Element.xpath(element, PH_XPATH, namespaces=P_NS)
        assert pptx_xml.placeholder_element(element) is (found[0] if found else None)


def test_slides_get_the_placeholders_python_pptx_gives_them() -> None:
    """Slides added twice on every layout (the second time copied from the first) hold the
    same shapes, byte for byte, as python-pptx's own add_slide makes."""
    expected_prs, prs = template("drammen"), template("drammen")
    for layouts, add in (
        (list(expected_prs.slide_layouts), expected_prs.slides.add_slide),
        (list(prs.slide_layouts), lambda layout: pptx_xml.add_slide(prs, layout)),
    ):
        for layout in layouts * 2:
            add(layout)
    expected = [etree.tostring(s.shapes._spTree) for s in expected_prs.slides]
    assert [etree.tostring(s.shapes._spTree) for s in prs.slides] == expected


def test_placeholder_boxes_are_python_pptx_inherited_ones() -> None:
    """A slide placeholder's box is its layout's, or its own where it sets part of it."""
    prs = template("drammen")
    slides = [pptx_xml.add_slide(prs, layout) for layout in prs.slide_layouts]
    moved = slides[1].placeholders[0]
    moved.left = Emu(12345)  # only the offset set: the size still comes from the layout
    checked = 0
    for slide in slides:
        for shape in slide.placeholders:
            assert pptx_xml.shape_box(shape) == (shape.left, shape.top, shape.width, shape.height)
            checked += 1
    assert checked > 10
    assert pptx_xml.shape_box(moved)[0] == 12345


def test_empty_placeholders_removed_as_python_pptx_text_tells() -> None:
    """A placeholder stays when python-pptx's text frame text is not empty (text, a line
    break, a field, two empty paragraphs) and goes when it is; nothing else is touched."""
    prs = template("drammen")
    layout = max(prs.slide_layouts, key=lambda layout: len(layout.placeholders))
    fills = [
        lambda frame: frame.paragraphs[0].add_run().__setattr__("text", "tekst"),
        lambda frame: frame.paragraphs[0].add_line_break(),
        lambda frame: frame.add_paragraph(),
        lambda frame: frame.paragraphs[0].add_run(),  # a run without text
        lambda frame: None,
    ]
    for fill in fills:
        slide = pptx_xml.add_slide(prs, layout)
        for shape in slide.placeholders:
            if shape.has_text_frame:
                fill(shape.text_frame)
        expected = [
            shape.shape_id
            for shape in slide.shapes
            if not shape.is_placeholder or (shape.has_text_frame and shape.text_frame.text)
        ]
        pptx_xml.remove_empty_placeholders(slide)
        assert [shape.shape_id for shape in slide.shapes] == expected


def test_pptx_helpers_hold_no_finished_presentation() -> None:
    """What the helpers remember per layout and slide goes with the presentation."""
    import gc

    pipeline.render(Project(REPO), "hoau", "pptx")
    gc.collect()
    assert not pptx_xml._LAYOUTS and not pptx_xml._CLONED and not pptx_xml._BASE_BOXES


def test_run_properties_copied_equal_those_python_pptx_makes() -> None:
    """Runs of each formatting, added again and again, carry the rPr python-pptx makes."""
    prs = template("drammen")
    frame = prs.slides.add_slide(prs.slide_layouts[0]).shapes.add_textbox(0, 0, 10, 10)
    formats = [(18.0, True, False, "C00000", ""), (None, False, True, None, "Arial")]
    for round_ in range(3):
        for size, bold, italic, colour, font in formats:
            paragraph = frame.text_frame.add_paragraph()
            add_run(paragraph, f"tekst {round_}", size, bold, italic, colour, font_name=font)
            made = frame.text_frame.add_paragraph().add_run()
            made.text = f"tekst {round_}"
            _format_run(made, size, bold, italic, colour, font)
            assert etree.tostring(paragraph.runs[0]._r) == etree.tostring(made._r)


def test_a_long_deck_needs_no_xpath_per_shape_and_one_fill_per_cell_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """90 slides (30 tables): python-pptx's per-shape XPath lookup never runs, and the
    table cells' properties are made through python-pptx once per kind of cell, not per cell;
    the deck is the same as one made through python-pptx each time."""
    project = generated_project(tmp_path / "p", 90)
    looked_up: list[str] = []
    filled: list[int] = []
    xpath = BaseOxmlElement.xpath

    def counted_xpath(self: Any, path: str) -> Any:
        looked_up.append(path)
        return xpath(self, path)

    from pptx.dml.fill import FillFormat

    solid = FillFormat.solid

    def counted_solid(self: Any) -> None:
        filled.append(1)
        solid(self)

    monkeypatch.setattr(BaseOxmlElement, "xpath", counted_xpath)
    monkeypatch.setattr(FillFormat, "solid", counted_solid)
    fast = pipeline.render(Project(project), "stor", "pptx").written[0].files["stor.pptx"]
    assert PH_XPATH not in looked_up
    assert len(looked_up) < 2 * 90  # python-pptx's other lookups, ~1.5 a slide; was 10.000+
    assert len(filled) <= 6  # header, stripes, total row …; was one per cell (180)

    monkeypatch.setattr(pptx_xml, "_COPIED", _Forgetful())
    slow = pipeline.render(Project(project), "stor", "pptx").written[0].files["stor.pptx"]
    assert fast == slow


def test_adding_slides_never_counts_the_slide_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lxml counts an element's children one by one: counting the slide list for every new
    slide (python-pptx's `len(slides)`) made 2.000 slides take 2,3 times 1.000."""
    from pptx.oxml.presentation import CT_SlideIdList

    counted: list[int] = []

    def counting_len(self: Any) -> int:
        counted.append(1)
        return sum(1 for _ in self.iterchildren())

    monkeypatch.setattr(CT_SlideIdList, "__len__", counting_len, raising=False)
    project = generated_project(tmp_path / "p", 60)
    rendered = pipeline.render(Project(project), "stor", "pptx").written[0]
    assert len(counted) <= 3  # a few times in all (the template, the first slide), not per slide
    assert len(Presentation(io.BytesIO(rendered.files["stor.pptx"])).slides) == 60


class _Forgetful(dict[Any, Any]):
    """A cache that never holds anything: every run and cell made through python-pptx."""

    def get(self, key: Any, default: Any = None) -> Any:
        """Nothing remembered."""
        return default


def test_help_loads_no_markdown_parser_or_highlighter() -> None:
    """`deckgen --help` draws its help without markdown-it or pygments (a third of its time)."""
    code = (
        "import sys\nfrom deckgen import cli\nsys.argv = ['deckgen', '--help']\ntry:\n"
        "    cli.main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('markdown_it', 'pygments', 'rich.markdown') if m in sys.modules))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert "Kommandoer" in ran.stdout
    assert ran.stdout.splitlines()[-1] == "[]"


def test_the_stand_ins_give_the_real_rich_classes() -> None:
    """Markdown help or a pretty traceback, should typer draw one, gets rich's real class."""
    from rich.console import Console

    from deckgen.clirich import rich_utils

    loaded = rich_utils()
    console = Console(file=io.StringIO(), width=40)
    console.print(loaded.Markdown("**fet** tekst"))
    assert "fet tekst" in console.file.getvalue()
    try:
        raise ValueError("feil")
    except ValueError as error:
        traceback = loaded.Traceback.from_exception(type(error), error, error.__traceback__)
    assert type(traceback).__module__ == "rich.traceback"
