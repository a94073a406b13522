"""PowerPoint writer, issue 9: nothing on a slide is silently dropped or drawn over."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn

from deckgen import pipeline
from deckgen.brand import load_brand
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.model import (
    Column,
    Columns,
    Deck,
    KeyFigure,
    KeyFigures,
    Paragraph,
    Run,
    Slide,
    SlideKind,
    Text,
)
from deckgen.pipeline import BuildResult
from deckgen.project import Project
from deckgen.textfit import Fonts
from deckgen.writers.pptx import write_pptx

from .conftest import REPO
from .pptx_inspect import ShapeBox, boxes, hyperlinks, paragraphs_xml, view

EMU_PT = 12700
CELL_MARGINS = 2 * int(0.08 * 914400)


def build(tmp_path: Path, markdown: str) -> BuildResult:
    """Build a one-file deck from Markdown in a fresh project."""
    root = tmp_path / "prosjekt"
    (root / "decks").mkdir(parents=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "t.md").write_text(markdown, encoding="utf-8")
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    return pipeline.build(Project(root), "t", tmp_path / "ut", fmt="pptx")


def shape(shapes: list[ShapeBox], kind: str, starts: str = "") -> ShapeBox:
    """The one shape of a kind whose text starts with `starts`."""
    found = [s for s in shapes if s.kind == kind and s.text.startswith(starts)]
    assert len(found) == 1, [(s.kind, s.text) for s in shapes]
    return found[0]


def fonts() -> Fonts:
    brand = load_brand(Path(__file__).resolve().parent.parent / "brand", "drammen")
    return Fonts(brand.file(brand.skrift.fil_vanlig), brand.file(brand.skrift.fil_fet))


LEAD_AND_TABLE = """## Økonomi

Driften gikk med overskudd.

- Skole brukte mindre
- Helse brukte mer

| Tjenesteområde | Budsjett | Regnskap |
|:--|--:|--:|
| P01 Skole | 1.218.837 | 1.216.746 |
| **Sum** | **1.718.837** | **1.714.746** |

Alle tall i 1000 kr
"""


def test_text_above_a_table_is_shown_above_it(tmp_path: Path) -> None:
    out = build(tmp_path, LEAD_AND_TABLE).outputs[0]
    slides = view(out)
    assert slides[1].tables == [
        [
            ["Tjenesteområde", "Budsjett", "Regnskap"],
            ["P01 Skole", "1.218.837", "1.216.746"],
            ["Sum", "1.718.837", "1.714.746"],
        ]
    ]
    shapes = boxes(out, 2)
    lead = shape(shapes, "text", "Driften")
    assert lead.text == "Driften gikk med overskudd.\nSkole brukte mindre\nHelse brukte mer"
    table = shape(shapes, "table")
    caption = shape(shapes, "text", "Alle tall")
    assert lead.bottom <= table.top
    assert caption.top >= table.bottom
    bullets = [(t, k) for t, k, _ in paragraphs_xml(out, 2) if t.startswith(("Skole", "Helse"))]
    assert bullets == [("Skole brukte mindre", ""), ("Helse brukte mer", "")]


def test_long_table_with_text_continues_and_the_count_is_right(tmp_path: Path) -> None:
    rows = "".join(f"| Rad {n} | {n} |\n" for n in range(1, 18))
    result = build(
        tmp_path, f"## Lang\n\nTekst over.\n\n| Post | Beløp |\n|:--|--:|\n{rows}\nEnhet\n"
    )
    slides = view(result.outputs[0])
    assert [s.title for s in slides[1:]] == ["Lang", "Lang (forts.)"]
    assert result.slide_count == len(slides) == 3
    assert slides[1].texts[0] == "Tekst over." and "Tekst over." not in slides[2].texts
    body = [r[0] for s in slides[1:] for r in s.tables[0][1:]]
    assert body == [f"Rad {n}" for n in range(1, 18)]
    assert len(slides[1].tables[0]) < len(slides[2].tables[0])  # the text above takes room
    for number in (2, 3):
        shapes = boxes(result.outputs[0], number)
        table = shape(shapes, "table")
        assert shape(shapes, "text", "Enhet").top >= table.bottom
        assert table.bottom <= int(6.3 * 914400)  # above the footer line


def test_text_after_the_table_caption_is_refused_with_its_line(tmp_path: Path) -> None:
    text = "## T\n\n| A | B |\n|:--|--:|\n| x | 1 |\n\nEnhet\n\nMer tekst her.\n"
    with pytest.raises(DeckgenError) as caught:
        build(tmp_path, text)
    (problem,) = caught.value.problems
    assert problem.location is not None and problem.location.line == 9
    assert problem.message.startswith(
        "tekst under tabellteksten kan ikke stå på et tabell-lysbilde; skriv den over tabellen"
    )


@pytest.mark.parametrize(
    ("columns", "layout"),
    [
        ("::: kolonne\n- Venstre\n:::\n\n::: kolonne\n- Høyre\n:::\n", "To innholdsdeler"),
        (
            "::: kolonne\n### A\n- Venstre\n:::\n\n::: kolonne\n### B\n- Høyre\n:::\n",
            "Sammenligning",
        ),
        (
            "::: kolonne\nVenstre\n:::\n\n::: kolonne\nMidten\n:::\n\n::: kolonne\nHøyre\n:::\n",
            "Tre innholdsdeler",
        ),
    ],
)
def test_text_above_columns(tmp_path: Path, columns: str, layout: str) -> None:
    out = build(tmp_path, f"## Kolonner\n\nEn setning over kolonnene.\n\n{columns}").outputs[0]
    assert view(out)[1].layout == layout
    shapes = boxes(out, 2)
    lead = shape(shapes, "text", "En setning")
    assert lead.text == "En setning over kolonnene."
    others = [s for s in shapes if s is not lead and s.name != "Title 1"]
    assert {s.text for s in others} >= {"Venstre", "Høyre"}
    assert all(s.top >= lead.bottom for s in others)
    assert all(s.bottom <= 1371600 + 4663440 for s in others)  # the layout's content area


def test_numbered_lists_use_autonumbering(tmp_path: Path) -> None:
    text = (
        "## Liste\n\n1. En\n2. To\n   1. Under en\n   - punkt\n3. Tre\n\nAvsnitt.\n\n"
        "1. Ny en\n2. Ny to\n\n- Punkt\n"
    )
    out = build(tmp_path, text).outputs[0]
    assert paragraphs_xml(out, 2)[1:-1] == [
        ("En", "arabicPeriod", None),
        ("To", "arabicPeriod", None),
        ("Under en", "arabicPeriod", None),
        ("punkt", "", None),
        ("Tre", "arabicPeriod", None),
        ("Avsnitt.", "none", None),
        ("Ny en", "arabicPeriod", None),
        ("Ny to", "arabicPeriod", None),
        ("Punkt", "", None),
    ]


def test_links_are_hyperlinks_everywhere(tmp_path: Path) -> None:
    text = (
        "## Tekst\n\nSe [rapporten](https://example.org/r).\n\n"
        "## Tabell\n\nOver [tabellen](https://example.org/over).\n\n"
        "| Navn | Tall |\n|:--|--:|\n| [Skole](https://example.org/skole) | 1 |\n\n"
        "## Kolonner\n\n::: kolonne\n- [Venstre](mailto:a@example.org)\n:::\n\n"
        "::: kolonne\nHøyre\n:::\n\n"
        "## Plan {.tidsplan}\n\n- 7. mai: [Kommunestyret](https://example.org/ks)\n"
    )
    out = build(tmp_path, text).outputs[0]
    assert view(out)[1].texts == ["Se rapporten."]
    assert hyperlinks(out, 2) == [("rapporten", "https://example.org/r")]
    assert hyperlinks(out, 3) == [
        ("tabellen", "https://example.org/over"),
        ("Skole", "https://example.org/skole"),
    ]
    assert view(out)[2].tables[0][1] == ["Skole", "1"]
    assert hyperlinks(out, 4) == [("Venstre", "mailto:a@example.org")]
    assert hyperlinks(out, 5) == [("Kommunestyret", "https://example.org/ks")]


WIDE = "130.000.000,00"


def cell_fits(out: Path, number: int, size: float) -> None:
    """Every body cell's text fits its column on one line at the table's font size."""
    from pptx import Presentation

    frame = next(s for s in Presentation(str(out)).slides[number - 1].shapes if s.has_table)
    widths = [int(c.width) for c in frame.table.columns]
    measure = fonts()
    for row in list(frame.table.rows)[1:]:
        for column, cell in enumerate(row.cells):
            text = cell.text_frame.text
            if set(text) <= set("0123456789.,-% "):
                needed = measure.width_pt(text, size, False) * EMU_PT + CELL_MARGINS
                assert needed <= widths[column], (text, needed, widths[column])


def test_numbers_never_break_and_headers_wrap(tmp_path: Path) -> None:
    name = "Et veldig langt navn på et tjenesteområde som tar mye plass"
    numbers = " | ".join([WIDE] * 5)
    text = (
        "## Tall\n\n| Område | A | B | C | D | E |\n|:--|--:|--:|--:|--:|--:|\n"
        f"| {name} | {numbers} |\n| Sum | 1 | 2 | 3 | 4 | 5 |\n\nAlle tall i kroner\n"
    )
    result = build(tmp_path, text)
    out = result.outputs[0]
    assert result.warnings == []
    cell_fits(out, 2, 14.0)
    shapes = boxes(out, 2)
    assert shape(shapes, "text", "Alle tall").top >= shape(shapes, "table").bottom
    assert view(out)[1].tables[0][1] == [name, *[WIDE] * 5]


def test_long_headers_wrap_to_a_taller_row(tmp_path: Path) -> None:
    from pptx import Presentation

    heads = " | ".join(f"Revidert budsjett for året {y} etter endringer" for y in range(2019, 2024))
    text = (
        f"## Lange\n\n| Tjenesteområde | {heads} |\n|:--|--:|--:|--:|--:|--:|\n"
        "| P05 Mennesker med nedsatt funksjonsevne | 442.644 | 458.460 | -15.817 | -3,6 % "
        "| 430.000 |\n\nAlle tall i 1000 kr\n"
    )
    out = build(tmp_path, text).outputs[0]
    cell_fits(out, 2, 14.0)
    frame = next(s for s in Presentation(str(out)).slides[1].shapes if s.has_table)
    header, body = (int(r.height) for r in frame.table.rows)
    assert header > body >= int(0.42 * 914400)
    shapes = boxes(out, 2)
    assert shape(shapes, "text", "Alle tall").top >= shape(shapes, "table").bottom


def test_wide_table_shrinks_its_font_then_warns(tmp_path: Path) -> None:
    from pptx import Presentation

    def table(columns: int) -> str:
        head = " | ".join(f"K{n}" for n in range(columns))
        return f"## Bred\n\n| {head} |\n|{'--:|' * columns}\n| {' | '.join([WIDE] * columns)} |\n"

    result = build(tmp_path / "a", table(8))
    assert result.warnings == []
    prs = Presentation(str(result.outputs[0]))
    sizes = {
        r.font.size.pt
        for r in prs.slides[1].shapes[-1].table.cell(1, 0).text_frame.paragraphs[0].runs
    }
    assert sizes and max(sizes) < 14.0
    cell_fits(result.outputs[0], 2, max(sizes))
    result = build(tmp_path / "b", table(12))
    (warning,) = result.warnings
    assert warning.location is not None and warning.location.line == 3
    assert "tabellen er for bred for lysbildet" in warning.message


def test_a_very_long_title_warns_with_its_line(tmp_path: Path) -> None:
    result = build(tmp_path, "## Start\n\nTekst.\n\n## " + "Tittel " * 700 + "\n\nTekst.\n")
    (warning,) = result.warnings
    assert warning.location is not None and warning.location.line == 5
    assert "får ikke plass" in warning.message and "overskriften" in warning.message


def test_picture_and_table_in_a_column_are_shown(tmp_path: Path) -> None:
    from PIL import Image

    text = (
        "## Kolonner\n\n::: kolonne\n### Bilde\n![Et blått hus](hus.png)\n\nTekst under.\n:::\n\n"
        "::: kolonne\nTekst over.\n\n| A | B |\n|:--|--:|\n| x | 1 |\n\nEnhet\n:::\n"
    )
    root = tmp_path / "prosjekt" / "content"
    root.mkdir(parents=True)
    Image.new("RGB", (40, 20), "blue").save(root / "hus.png")
    out = build(tmp_path, text).outputs[0]
    slide = view(out)[1]
    assert slide.pictures == ["Et blått hus"]
    assert slide.tables == [[["A", "B"], ["x", "1"]]]
    shapes = boxes(out, 2)
    picture, table = shape(shapes, "picture"), shape(shapes, "table")
    assert shape(shapes, "text", "Bilde").bottom <= picture.top
    assert picture.bottom <= shape(shapes, "text", "Tekst under").top
    assert shape(shapes, "text", "Tekst over").bottom <= table.top
    assert shape(shapes, "text", "Enhet").top >= table.bottom


def test_a_table_row_taller_than_the_slide_warns(tmp_path: Path) -> None:
    words = " ".join(["ord"] * 900)
    result = build(tmp_path, f"## T\n\n| Post | Beløp |\n|:--|--:|\n| {words} | 1 |\n| B | 2 |\n")
    slides = view(result.outputs[0])
    assert [r[0] for s in slides[1:] for r in s.tables[0][1:]] == [words, "B"]
    (warning,) = result.warnings
    assert warning.location is not None and warning.location.line == 3
    assert warning.message.startswith("tabellen får ikke plass på lysbildet")


def test_a_long_title_on_a_continued_table_warns_once(tmp_path: Path) -> None:
    rows = "".join(f"| Rad {n} | {n} |\n" for n in range(1, 30))
    result = build(tmp_path, "## " + "Tittel " * 300 + f"\n\n| Post | Beløp |\n|:--|--:|\n{rows}")
    assert result.slide_count > 3
    assert [w.location.line for w in result.warnings if w.location] == [1]


def deck_of(slide: Slide) -> Deck:
    """A deck holding one slide, as the reader would make it."""
    where = SourceLocation(Path("t.yaml"), 1)
    return Deck("t", "T", "", "", dt.date(2024, 1, 1), "drammen", [slide], where)


def test_what_a_slide_cannot_show_stops_with_its_line() -> None:
    brand = load_brand(Path(__file__).resolve().parent.parent / "brand", "drammen")
    here = SourceLocation(Path("t.md"), 7)
    figures = KeyFigures([KeyFigure("12", "skoler")], here)
    columns = Columns([Column("", [figures]), Column("", [Text([Paragraph([Run("x")])])])])
    slide = Slide(SlideKind.COLUMNS, "K", SourceLocation(Path("t.md"), 5), blocks=[columns])
    with pytest.raises(DeckgenError) as caught:
        write_pptx(deck_of(slide), brand)
    assert [p.display() for p in caught.value.problems] == [
        "t.md:7: nøkkeltall kan ikke stå i en kolonne; gi det et eget lysbilde"
    ]
    note = Paragraph([Run("Tekst"), Run("", footnote="1")], 1, location=here)
    slide = Slide(SlideKind.BULLETS, "P", here, blocks=[Text([note])])
    with pytest.raises(DeckgenError) as caught:
        write_pptx(deck_of(slide), brand)
    (problem,) = caught.value.problems
    assert problem.display().startswith("t.md:7: fotnoten [^1] kan ikke stå på et lysbilde")


def test_the_schedule_date_column_fits_its_longest_date(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        "## Plan {.tidsplan}\n\n- 1. mars 2025: Høring\n- 11. februar 2025: Politisk behandling\n",
    )
    fonts = Fonts(
        REPO / "brand" / "drammen" / "fonts" / "OpenSans-Regular.ttf",
        REPO / "brand" / "drammen" / "fonts" / "OpenSans-Bold.ttf",
    )
    widest = fonts.width_pt("11. februar 2025", 20.0, True) * EMU_PT
    slide = Presentation(str(result.outputs[0])).slides[1]
    tabs = {int(t.get("pos")) for t in slide._element.iter(qn("a:tab"))}
    assert len(tabs) == 1 and tabs.pop() > widest


def test_key_figure_values_line_up_whatever_their_explanations(tmp_path: Path) -> None:
    result = build(
        tmp_path,
        "## Tall {.nøkkeltall}\n\n612\n: plasser i sykehjem og omsorgsboliger med heldøgns "
        "bemanning i hele kommunen\n\n88\n: brukere\n",
    )
    slide = Presentation(str(result.outputs[0])).slides[1]
    cards = [s for s in slide.shapes if s.name.startswith("Nøkkeltall")]
    tops = {(s.top, s.text_frame.margin_top, s.text_frame.vertical_anchor) for s in cards}
    assert len(cards) == 2 and len(tops) == 1
    assert next(iter(tops))[2] == MSO_ANCHOR.TOP


def test_notes_under_a_continued_table_stay_on_the_slide_it_starts_on(tmp_path: Path) -> None:
    rows = "".join(f"| Rad {n} | {n} |\n" for n in range(1, 31))
    text = f"## Lang\n\n| A | B |\n|:--|--:|\n{rows}\n::: notater\nSi dette først.\n:::\n"
    slides = view(build(tmp_path, text).outputs[0])
    assert slides[1].title == "Lang" and len(slides) > 2
    # every continued slide has a title of its own: «(forts.)», «(forts. 2)», …
    assert [s.title for s in slides[2:]] == ["Lang (forts.)"] + [
        f"Lang (forts. {n})" for n in range(2, len(slides) - 1)
    ]
    assert [s.notes for s in slides[1:]] == ["Si dette først."] + [""] * (len(slides) - 2)
