"""One size per role on a slide, titles wrapped before shrunk, text continued at the brand's
floor instead of shrunk, and subheadings drawn in the brand's heading style (issue 16)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pptx import Presentation

from deckgen.model import Subheading
from deckgen.readers.chapters import ChapterAssembler

from .conftest import Shipped, run_deckgen
from .test_pptx_issue9 import build

PRIMARY = "005B8F"  # farger.primær in brand/drammen/brand.yaml


def slide_titled(path: Path, title: str) -> object:
    """The slide of a built deck with this title."""
    return next(
        s
        for s in Presentation(str(path)).slides
        if s.shapes.title is not None and s.shapes.title.text == title
    )


def runs(shape: object) -> list[object]:
    """Every run of a shape's text."""
    frame = shape.text_frame  # type: ignore[attr-defined]
    return [run for p in frame.paragraphs for run in p.runs]


def test_column_headings_share_one_size_and_style(shipped: Callable[[str], Shipped]) -> None:
    path = next(p for p in shipped("hoau").outputs if p.suffix == ".pptx")
    two = slide_titled(path, "Handlingsdelen – Alle skal med")
    heads = [s for s in two.placeholders if s.placeholder_format.idx in (1, 3)]
    assert [(r.font.size.pt, r.font.bold) for h in heads for r in runs(h)] == [(19.0, True)] * 2
    bodies = [s for s in two.placeholders if s.placeholder_format.idx in (2, 4)]
    assert {r.font.size for b in bodies for r in runs(b)} == {None}  # the template's 20/18 pt
    three = slide_titled(path, "Folkehelse og livsmestring")
    drawn = [s for s in three.shapes if s.name == "Kolonnetittel"]
    assert [s.text_frame.text for s in drawn] == [
        "Familieteamene:",
        "Rask psykisk helsehjelp:",
        "Barn med autisme:",
    ]
    styles = {(r.font.bold, str(r.font.color.rgb), r.font.name) for s in drawn for r in runs(s)}
    assert styles == {(True, PRIMARY, "Open Sans")}
    texts = [s.text_frame.text for s in three.shapes if s.has_text_frame]
    assert texts.index("Familieteamene:") < texts.index(
        next(t for t in texts if t.startswith("Antall barn"))
    )  # a screen reader reads the heading before its text


def test_text_continues_at_the_floor_instead_of_shrinking(
    shipped: Callable[[str], Shipped],
) -> None:
    path = next(p for p in shipped("hoau").outputs if p.suffix == ".pptx")
    more = slide_titled(path, "Handlingsdelen – Alle skal med (forts.)")
    shown = [s.text_frame.text for s in more.placeholders if s.placeholder_format.idx in (3, 4)]
    assert shown == [
        "Trygt og godt skolemiljø",
        "Uteteamet har hatt fokus på samarbeid med ungdomsskoler ved å drive oppsøkende "
        "arbeid jevnlig",
    ]


LONG = "## Mange punkter\n\n" + "".join(
    f"- Punkt {n}: kommunen har arbeidet med tiltak for barn og unge gjennom hele året\n"
    for n in range(24)
)


def test_a_long_list_continues_on_forts_slides_at_full_size(tmp_path: Path) -> None:
    result = build(tmp_path, LONG)
    assert (result.warnings, result.notes) == (
        [],
        [
            "merk: content/t.md:1: «Mange punkter» får ikke plass på ett lysbilde og fortsetter "
            "på ett lysbilde til («Mange punkter (forts.)»); del innholdet selv om du vil "
            "bestemme hvor det deles"
        ],
    )
    slides = list(Presentation(str(result.outputs[0])).slides)[1:]
    titles = [s.shapes.title.text for s in slides]
    assert titles == ["Mange punkter", "Mange punkter (forts.)"]
    items = [p.text for s in slides for p in s.placeholders[1].text_frame.paragraphs]
    assert items == [
        f"Punkt {n}: kommunen har arbeidet med tiltak for barn og unge gjennom hele året"
        for n in range(24)
    ]
    assert {r.font.size for s in slides for r in runs(s.placeholders[1])} == {None}


def test_a_long_title_wraps_at_the_brand_size_before_shrinking(tmp_path: Path) -> None:
    title = "Et langt lysbilde om tjenester og prioriteringer i kommunen (1 av 3)"
    result = build(tmp_path, f"## {title}\n\n- tekst\n")
    shape = list(Presentation(str(result.outputs[0])).slides)[1].shapes.title
    assert shape.text_frame.text == title
    assert {r.font.size.pt for r in runs(shape)} == {26.5}  # two lines; one line needed 23


def test_subheadings_in_a_slide_and_a_column(tmp_path: Path) -> None:
    markdown = (
        "## Mål\n\n**Prioriteringer:**\n\n- en\n\n### Videre\n\n- to\n\n"
        "## Kolonner\n\n::: kolonne\n### A\n- a\n\n**Lead:**\n\n- b\n:::\n\n"
        "::: kolonne\n### B\n- c\n:::\n"
    )
    result = build(tmp_path, markdown)
    assert (result.warnings, result.notes) == ([], [])
    slides = list(Presentation(str(result.outputs[0])).slides)
    body = slides[1].placeholders[1].text_frame.paragraphs
    assert [p.text for p in body] == ["Prioriteringer:", "en", "Videre", "to"]
    leads = [
        body[0].runs[0],
        body[2].runs[0],
        slides[2].placeholders[2].text_frame.paragraphs[1].runs[0],
    ]
    assert [(r.font.size.pt, r.font.bold, str(r.font.color.rgb), r.font.name) for r in leads] == [
        (24.0, True, PRIMARY, "Open Sans")
    ] * 3
    assert body[1].runs[0].font.size is None  # the body keeps the template's size


def test_a_bold_lead_line_in_a_chapter_is_a_subheading(tmp_path: Path) -> None:
    path = tmp_path / "k.md"
    path.write_text(
        "# Mål\n\n**Hovedmål**\n\nTekst med **fet** start.\n\n## Nummerert\n",
        encoding="utf-8",
    )
    blocks, _ = ChapterAssembler(path).read_document()
    assert [type(b).__name__ for b in blocks] == ["Heading", "Subheading", "Text", "Heading"]
    assert blocks[1] == Subheading("Hovedmål", blocks[1].location)
    assert blocks[1].location is not None and blocks[1].location.line == 3


CONTINUED_IN_HOAU = (
    "merk: content/hoau/handlingsdelen.md:42: «Handlingsdelen – Alle skal med» får ikke plass på "
    "ett lysbilde og fortsetter på ett lysbilde til («Handlingsdelen – Alle skal med (forts.)»); "
    "del innholdet selv om du vil bestemme hvor det deles"
)
"""The one slide of the seed with more text than Drammen's size holds: it continues, and says so."""


def test_hoau_and_haai_build_strict_without_notes(tmp_path: Path) -> None:
    for name in ("hoau", "haai"):
        ran = run_deckgen("build", name, "--strict", "--format", "pptx", "--out", str(tmp_path))
        assert ran.returncode == 0, ran.stdout + ran.stderr
        lines = [line for line in (ran.stdout + ran.stderr).splitlines() if line.strip()]
        lines = [line for line in lines if line != CONTINUED_IN_HOAU]
        assert all(line.startswith("skrev ") for line in lines), lines
