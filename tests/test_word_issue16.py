"""Issue 16, Word: chapters on a new page by length, cell padding and widths, repeated labels
instead of vertical merges, a cover with a colour field, and Subheading lead lines."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document

from deckgen.brand import load_brand
from deckgen.colours import contrast
from deckgen.errors import SourceLocation
from deckgen.model import (
    Cell,
    Heading,
    Paragraph,
    Report,
    Run,
    Subheading,
    Table,
    TableRow,
    Text,
)
from deckgen.writers.docx import heading_texts, write_docx
from deckgen.writers.docx_pages import Page, chapter_starts
from deckgen.writers.docx_table import share_width

from .conftest import REPO

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE = Page(453.0, 700.0, 10.5)
LONG = Text([Paragraph([Run("ord " * 800)], 0)])
"""About 38 lines of text: more than half a page."""
SHORT = Text([Paragraph([Run("Ett kort avsnitt.")], 0)])


def report(blocks: list[object], cover: bool = True) -> Report:
    """A report built by hand with the Drammen brand's name."""
    return Report(
        "r", "Plan for oppvekst", "Undertittel her", "", dt.date(2023, 6, 1), "drammen",
        blocks, {}, SourceLocation(Path("r.yaml")), cover,  # type: ignore[arg-type]
    )  # fmt: skip


def written(blocks: list[object], cover: bool = True) -> Document:
    """The .docx the writer makes of the blocks with the Drammen brand."""
    brand = load_brand(REPO / "brand", "drammen")
    return Document(io.BytesIO(write_docx(report(blocks, cover), brand)))


# -- 1. chapters start on a new page only when long (or as the brand says) -------------------


def test_only_long_chapters_start_on_a_new_page_by_default() -> None:
    one, two, three = Heading(1, "En"), Heading(1, "To"), Heading(1, "Tre")
    blocks = [one, SHORT, two, LONG, three, SHORT]
    assert chapter_starts(blocks, "lange", PAGE, one) == {id(two)}
    assert chapter_starts(blocks, True, PAGE, one) == {id(two), id(three)}
    assert chapter_starts(blocks, False, PAGE, one) == set()


def test_a_short_chapter_overrides_the_templates_page_break() -> None:
    # the Drammen template's Heading 1 says «page break before»; a short chapter says no
    doc = written([Heading(1, "En"), LONG, Heading(1, "To"), SHORT, Heading(1, "Tre"), LONG])
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    breaks = [p._p.find(f"{W}pPr/{W}pageBreakBefore") for p in headings]
    assert [b.get(f"{W}val") if b is not None else None for b in breaks] == ["0", "0", None]
    assert [p.paragraph_format.page_break_before for p in headings] == [False, False, True]


# -- 2. tables: padding, widths by content, labels repeated instead of merged -----------------


def strategy_table() -> Table:
    """A table whose first column is one word per group, two groups of rows merged with ^."""
    text = "Tiltak som er skrevet ut i en hel setning med mange ord i seg"
    rows = [
        TableRow([Cell("Organisering"), Cell(text), Cell(text)]),
        TableRow([Cell("^", merge_up=True), Cell(text), Cell(text)]),
        TableRow([Cell("^", merge_up=True), Cell(text), Cell(text)]),
        TableRow([Cell("Ledelse"), Cell(text), Cell(text)]),
    ]
    return Table([Cell("Strategi"), Cell("Tiltak"), Cell("Beskrivelse")], rows, ["left"] * 3)


def test_cells_have_padding_and_no_vertical_merges() -> None:
    grid = written([Heading(1, "En"), strategy_table()], cover=False).tables[0]
    margins = grid._tbl.tblPr.find(f"{W}tblCellMar")
    assert [(m.tag.removeprefix(W), m.get(f"{W}w")) for m in margins] == [
        ("top", "57"),
        ("left", "113"),
        ("bottom", "57"),
        ("right", "113"),
    ]
    assert grid._tbl.find(f".//{W}vMerge") is None
    assert [row.cells[0].text for row in grid.rows] == [
        "Strategi",
        "Organisering",
        "Organisering",
        "Organisering",
        "Ledelse",
    ]


def test_a_repeated_label_is_lighter_but_readable_and_the_group_has_no_lines_inside() -> None:
    grid = written([Heading(1, "En"), strategy_table()], cover=False).tables[0]
    first, repeated, last = (grid.rows[r].cells[0] for r in (1, 2, 3))
    assert first.paragraphs[0].runs[0].font.color.rgb is None  # the label itself: body text
    shown = str(repeated.paragraphs[0].runs[0].font.color.rgb)
    assert contrast(shown, "FFFFFF") >= 4.5  # readable on white
    assert contrast(shown, "FFFFFF") < contrast("1F2A33", "FFFFFF")  # lighter than the text
    edges = [
        {e.tag.removeprefix(W): e.get(f"{W}val") for e in c._tc.findall(f"{W}tcPr/{W}tcBorders/*")}
        for c in (first, repeated, last)
    ]
    assert edges == [{"bottom": "nil"}, {"top": "nil", "bottom": "nil"}, {"top": "nil"}]


def test_a_one_word_column_gets_its_word_and_the_text_columns_the_rest() -> None:
    grid = written([Heading(1, "En"), strategy_table()], cover=False).tables[0]
    widths = [int(c.get(f"{W}w")) for c in grid._tbl.tblGrid.findall(f"{W}gridCol")]
    assert widths[0] < 0.2 * sum(widths)  # was a third of the width for «Organisering»
    assert min(widths[1], widths[2]) > 0.38 * sum(widths)


def test_share_width_follows_what_each_column_needs_and_wants() -> None:
    assert share_width(100, [10, 10], [20, 30]) == [40, 60]  # all fits: widened alike
    assert share_width(100, [20, 20], [20, 200]) == [20, 80]  # only the wrapping one grows
    assert share_width(100, [100, 100], [100, 100]) == [50, 50]  # too wide: shrunk alike


# -- 3. the cover: wordmark, and a colour field with title, subtitle, municipality and date ----


def test_the_cover_has_the_wordmark_and_a_readable_colour_field() -> None:
    doc = written([Heading(1, "En"), SHORT])
    cover = doc.paragraphs[:4]
    assert [p.text for p in cover] == [
        "DRAMMEN KOMMUNE – et godt sted å leve",
        "Plan for oppvekst",
        "Undertittel her",
        "Drammen kommune · 1. juni 2023",
    ]
    fills = [p._p.find(f"{W}pPr/{W}shd") for p in cover]
    assert fills[0] is None
    assert [f.get(f"{W}fill") for f in fills[1:]] == ["005B8F"] * 3
    assert {str(p.runs[0].font.color.rgb) for p in cover[1:]} == {"FFFFFF"}  # 7.3:1
    assert [p.style.name for p in cover[1:]] == ["Title", "Subtitle", "Normal"]
    contents = doc.paragraphs[4]
    assert contents.text == "Innhold" and contents.paragraph_format.page_break_before


# -- 4. Subheading: an unnumbered lead line in the heading font, not in the contents ----------


def test_a_subheading_is_a_lead_line_in_the_brands_heading_style() -> None:
    doc = written([Heading(1, "En"), Subheading("Prioriteringer"), SHORT])
    lead = next(p for p in doc.paragraphs if p.text == "Prioriteringer")
    style = lead.style
    assert style.name == "Mellomtittel"
    assert style.font.name == "Open Sans" and style.font.bold
    assert str(style.font.color.rgb) == "005B8F"
    assert style.element.find(f"{W}pPr/{W}numPr") is None
    assert style.element.find(f"{W}pPr/{W}outlineLvl") is None
    assert style.paragraph_format.keep_with_next
    assert heading_texts(report([Heading(1, "En"), Subheading("Prioriteringer")])) == ["En"]
    toc = [p.text for p in doc.paragraphs if p.style.name.startswith("toc")]
    assert toc == ["1\tEn"]
