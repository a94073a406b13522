"""Issue 16 item 4: slide tables grow to the brand's size when there is room, stand where the
brand says, and have the brand's cell padding; long tables still continue at the usual size."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import pipeline
from deckgen.brand import TableSettings, load_brand
from deckgen.errors import SourceLocation
from deckgen.model import Cell, Slide, SlideKind, Table, TableRow
from deckgen.project import Project
from deckgen.textfit import Fonts
from deckgen.writers.pptx import PptxWriter
from deckgen.writers.pptx_plan import CAPTION_EMU, plan_table_slide
from deckgen.writers.pptx_tablesize import TableSizes

REPO = Path(__file__).resolve().parent.parent
BRAND = load_brand(REPO / "brand", "drammen")
FONTS = Fonts(BRAND.file(BRAND.skrift.fil_vanlig), BRAND.file(BRAND.skrift.fil_fet))
CONTENT = PptxWriter(BRAND)._content_box()
HERE = SourceLocation(Path("t.md"), 1)


def table_slide(rows: int, caption: str = "") -> Slide:
    """A table slide of `rows` body rows: a label and two amounts per row."""
    table = Table(
        header=[Cell("Område"), Cell("Budsjett"), Cell("Regnskap")],
        rows=[
            TableRow([Cell(f"Område {n}"), Cell(f"{n}.218.837"), Cell(f"{n}.216.746")])
            for n in range(1, rows + 1)
        ],
        align=["left", "right", "right"],
        caption=caption,
        location=HERE,
    )
    return Slide(SlideKind.TABLE, "Tabell", HERE, blocks=[table])


def test_without_the_key_a_brand_keeps_the_earlier_table_sizes() -> None:
    sizes = TableSizes.of(TableSettings())
    assert sizes == TableSizes(14.0, 14.0, 10.0, 73152, 27432, False)
    assert (sizes.pad_x, sizes.pad_y) == (int(0.08 * 914400), int(0.03 * 914400))


def test_the_drammen_brand_grows_tables_to_18_pt_in_the_middle_with_padding() -> None:
    assert TableSizes.of(BRAND.lysbilder.tabell) == TableSizes(14.0, 18.0, 10.0, 88900, 50800, True)


def test_a_short_table_grows_to_the_largest_size_and_still_fits() -> None:
    sizes = TableSizes(14.0, 18.0, 10.0, 88900, 50800, True)
    plan = plan_table_slide(FONTS, table_slide(4), CONTENT, sizes)
    assert plan.layout.size == 18.0
    assert plan.chunks == [(0, 4)]
    assert sum(plan.layout.heights) <= CONTENT[3]
    usual = plan_table_slide(FONTS, table_slide(4), CONTENT, TableSizes())
    assert usual.layout.size == 14.0
    assert sum(plan.layout.heights) > sum(usual.layout.heights)


def test_a_table_grows_only_as_far_as_the_slide_has_room() -> None:
    sizes = TableSizes(14.0, 18.0, 10.0, 88900, 50800, True)
    plan = plan_table_slide(FONTS, table_slide(9), CONTENT, sizes)
    assert 14.0 < plan.layout.size < 18.0
    assert plan.chunks == [(0, 9)]
    assert sum(plan.layout.heights) <= CONTENT[3]
    bigger = plan_table_slide(
        FONTS, table_slide(9), CONTENT, TableSizes(14.0, plan.layout.size + 0.5)
    )
    assert bigger.layout.size == plan.layout.size  # half a point more would not fit


def test_a_long_table_continues_at_the_usual_size_and_loses_no_row() -> None:
    sizes = TableSizes(14.0, 18.0, 10.0, 88900, 50800, True)
    plan = plan_table_slide(FONTS, table_slide(30), CONTENT, sizes)
    assert plan.layout.size == 14.0
    assert len(plan.chunks) > 1
    assert plan.chunks[0][0] == 0 and plan.chunks[-1][1] == 30
    assert all(a[1] == b[0] for a, b in zip(plan.chunks, plan.chunks[1:], strict=False))
    assert plan.page_warnings == []


def test_the_table_stands_in_the_middle_of_its_room_when_the_brand_says_so() -> None:
    middle = plan_table_slide(
        FONTS, table_slide(3, "Alle tall i 1000 kr"), CONTENT, TableSizes(middle=True)
    )
    x, y, w, h = CONTENT
    used = sum(middle.layout.heights) + CAPTION_EMU
    assert middle.box(0, CONTENT) == (x, y + (h - used) // 2, w, h - (h - used) // 2)
    top = plan_table_slide(FONTS, table_slide(3), CONTENT, TableSizes())
    assert top.box(0, CONTENT) == CONTENT


def test_a_row_is_one_line_of_text_and_the_padding_over_and_under_it() -> None:
    thick = plan_table_slide(FONTS, table_slide(3), CONTENT, TableSizes(pad_y=254000))
    line = FONTS.line_height_pt(14.0, True) * 12700
    assert thick.layout.heights[1] == int(line + 2 * 254000)
    thin = plan_table_slide(FONTS, table_slide(3), CONTENT, TableSizes(pad_y=0))
    assert thin.layout.heights[1] == int(0.42 * 914400)  # the standard row is the least


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A deck with one short table slide, built with the Drammen brand."""
    root = tmp_path_factory.mktemp("tabell") / "prosjekt"
    (root / "decks").mkdir(parents=True)
    (root / "content" / "tabeller").mkdir(parents=True)
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    (root / "content" / "t.md").write_text(
        "## Tall\n\n| Område | Beløp |\n|---|--:|\n"
        "| Skole | 1.218.837 |\n| Barnehage | 918.157 |\n",
        encoding="utf-8",
    )
    pipeline.build(Project(root), "t", root / "build", fmt="pptx")
    return root / "build" / "t.pptx"


def test_the_built_table_has_the_brand_size_padding_and_place(built: Path) -> None:
    slide = Presentation(str(built)).slides[1]
    frame = next(shape for shape in slide.shapes if shape.has_table)
    cells = [cell for row in frame.table.rows for cell in row.cells]
    assert {run.font.size.pt for c in cells for run in c.text_frame.paragraphs[0].runs} == {18.0}
    assert {(c.margin_left, c.margin_right, c.margin_top, c.margin_bottom) for c in cells} == {
        (88900, 88900, 50800, 50800)
    }
    x, y, w, h = CONTENT
    heights = sum(row.height for row in frame.table.rows)
    assert frame.top == y + (h - heights) // 2
    assert y <= frame.top and frame.top + heights <= y + h
