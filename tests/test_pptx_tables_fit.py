"""PowerPoint tables and key figures: numbers never break, rows fit, totals stand out."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from deckgen import pipeline
from deckgen.brand import load_brand
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.pipeline import BuildResult
from deckgen.project import Project
from deckgen.textfit import Fonts, Line, wrapped_lines

from .pptx_inspect import boxes, tables, view

EMU_PT = 12700
INCH = 914400
CELL_MARGINS = 2 * int(0.08 * INCH)
SAFETY = int(0.04 * INCH)
"""What a number needs beyond its measured width and the cell margins, for renderer differences."""
YEARS = list(range(2024, 2032))
BRAND = load_brand(Path(__file__).resolve().parent.parent / "brand", "drammen")
FONTS = Fonts(BRAND.file(BRAND.skrift.fil_vanlig), BRAND.file(BRAND.skrift.fil_fet))


def project(tmp_path: Path, markdown: str, files: dict[str, str]) -> Path:
    """A fresh project with one deck file, its content and data files."""
    root = tmp_path / "prosjekt"
    (root / "decks").mkdir(parents=True)
    (root / "content" / "tabeller").mkdir(parents=True)
    (root / "content" / "t.md").write_text(markdown, encoding="utf-8")
    for name, text in files.items():
        (root / "content" / "tabeller" / name).write_text(text, encoding="utf-8")
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\n", encoding="utf-8"
    )
    return root


def build(root: Path, out: Path) -> BuildResult:
    """Build the project's deck as .pptx."""
    return pipeline.build(Project(root), "t", out, fmt="pptx")


def amounts_table(rows: int, seed: int = 9) -> tuple[dict[str, str], list[str]]:
    """A CSV and spec: 8 year columns of 10-digit amounts in kroner (some negative), long labels."""
    rng = random.Random(seed)
    lines, labels = ["Prosjekt;" + ";".join(map(str, YEARS))], []
    for n in range(1, rows + 1):
        label = f"Investeringsprosjekt nr. {n:02d} – rehabilitering av kommunale bygg"[:60]
        amounts = [rng.randint(1_000_000_000, 9_999_999_999) for _ in YEARS]
        amounts[n % 8] = -rng.randint(100_000_000, 999_999_999)
        lines.append(label + ";" + ";".join(f"{a:,}".replace(",", " ") for a in amounts))
        labels.append(label)
    columns = "\n".join(f'  - {{navn: "{y}", fra: "{y}"}}' for y in YEARS)
    spec = (
        "tittel: Investeringer\nkilde: inv.csv\netikett: Prosjekt\nenhet_kilde: kr\n"
        f"enhet: kr\nkolonner:\n{columns}\nsum: Sum investeringer\n"
    )
    return {"inv.csv": "\n".join(lines) + "\n", "inv.yaml": spec}, labels


AMOUNTS_MD = (
    "## Investeringer 2024–2031\n\n![Investeringer per prosjekt og år](tabeller/inv.yaml)\n"
)


def number_fits(text: str, size: float, bold: bool, width: int) -> bool:
    """Whether a number fits its column on one line, with the cell margins and a safety margin."""
    return FONTS.width_pt(text, size, bold) * EMU_PT + CELL_MARGINS + SAFETY <= width


def is_number(text: str) -> bool:
    """Whether a cell holds a number (digits, separators, sign)."""
    return any(ch.isdigit() for ch in text) and set(text) <= set("0123456789.,-−% ")


def test_wide_table_of_amounts_keeps_every_number_whole(tmp_path: Path) -> None:
    files, labels = amounts_table(12)
    root = project(tmp_path, AMOUNTS_MD, files)
    result = build(root, tmp_path / "ut")
    assert result.warnings == []
    out = result.outputs[0]
    slides = view(out)
    table_slides = [n for n, s in enumerate(slides, 1) if s.tables]
    assert len(table_slides) >= 2
    assert slides[table_slides[0] - 1].title == "Investeringer 2024–2031"
    continued = [slides[n - 1].title for n in table_slides[1:]]
    assert continued[0] == "Investeringer 2024–2031 (forts.)"
    assert len(set(continued)) == len(continued)  # «(forts. 2)» and on: no title twice
    shown = [row[0] for n in table_slides for row in slides[n - 1].tables[0][1:]]
    assert shown == [*labels, "Sum investeringer"]
    checked = 0
    for number in table_slides:
        (table,) = tables(out, number)
        assert table.cells[0][0].size >= 10.0
        label_width = table.cells[0][0].width
        assert label_width >= int(1.3 * INCH)
        for row in table.cells[1:]:
            for cell in row[1:]:
                assert is_number(cell.text), cell.text
                assert number_fits(cell.text, cell.size, cell.bold, cell.width), cell
                checked += 1
            assert label_width < 3 * row[1].width  # the label column does not take everything
        shapes = boxes(out, number)
        drawn = next(s for s in shapes if s.kind == "table")
        caption = next(s for s in shapes if s.text == "Alle tall i kr")
        assert caption.top >= drawn.bottom
    assert checked == (len(labels) + 1) * len(YEARS)


def test_rows_are_as_tall_as_their_wrapped_labels_and_headers(tmp_path: Path) -> None:
    files, labels = amounts_table(4)
    heads = ";".join(f"Revidert budsjett for år {y}" for y in YEARS)
    csv = files["inv.csv"].split("\n", 1)[1]
    files["inv.csv"] = f"Prosjekt;{heads}\n{csv}"
    for key in ("navn", "fra"):
        files["inv.yaml"] = files["inv.yaml"].replace(
            f'{key}: "', f'{key}: "Revidert budsjett for år '
        )
    root = project(tmp_path, AMOUNTS_MD, files)
    result = build(root, tmp_path / "ut")
    assert result.warnings == []
    out = result.outputs[0]
    (table,) = tables(out, 2)
    size = table.cells[0][0].size
    line = FONTS.line_height_pt(size, True) * EMU_PT
    for row, height in zip(table.cells, table.heights, strict=True):
        most = max(
            wrapped_lines(FONTS, Line(c.text, c.size, c.bold), c.width - CELL_MARGINS - SAFETY)
            for c in row
        )
        assert height >= most * line + 2 * int(0.03 * INCH), (row[0].text, most, height)
    header_lines = wrapped_lines(
        FONTS, Line(table.cells[0][1].text, size, True), table.cells[0][1].width - CELL_MARGINS
    )
    assert header_lines >= 2  # the long headers wrap instead of widening the number columns
    label_lines = wrapped_lines(
        FONTS, Line(labels[0], size, False), table.cells[1][0].width - CELL_MARGINS
    )
    assert label_lines >= 2
    shapes = boxes(out, 2)
    caption = next(s for s in shapes if s.text == "Alle tall i kr")
    assert caption.top >= next(s for s in shapes if s.kind == "table").bottom


def test_warns_with_its_line_only_when_the_numbers_cannot_fit(tmp_path: Path) -> None:
    wide = "130.000.000.000"
    head = " | ".join(f"K{n}" for n in range(12))
    text = f"## Bred\n\nTekst.\n\n| {head} |\n|{'--:|' * 12}\n| {' | '.join([wide] * 12)} |\n"
    result = build(project(tmp_path / "a", text, {}), tmp_path / "a" / "ut")
    (warning,) = result.warnings
    assert warning.location is not None and warning.location.line == 5
    assert warning.message == (
        "tabellen er for bred for lysbildet selv med minste skriftstørrelse (10 pt), "
        "så tall blir delt; bruk færre eller kortere kolonner"
    )
    head = " | ".join(f"K{n}" for n in range(8))
    text = (
        f"## Bred\n\n| Post | {head} |\n|:--|{'--:|' * 8}\n| Etikett | {' | '.join([wide] * 8)} |\n"
    )
    result = build(project(tmp_path / "b", text, {}), tmp_path / "b" / "ut")
    assert result.warnings == []
    (table,) = tables(result.outputs[0], 2)
    for cell in table.cells[1][1:]:
        assert number_fits(cell.text, cell.size, cell.bold, cell.width), cell


KEY_FIGURES = """## Nøkkeltall {.nøkkeltall}

2,3 mill. kr
: Tilskudd

1.216.746 kr
: Ramme

14 %
: Sykefravær

42
: Årsverk
"""


def test_key_figures_share_one_size_that_fits_every_card(tmp_path: Path) -> None:
    from pptx import Presentation

    result = build(project(tmp_path, KEY_FIGURES, {}), tmp_path / "ut")
    assert result.warnings == []
    slide = Presentation(str(result.outputs[0])).slides[1]
    cards = [s for s in slide.shapes if s.name.startswith("Nøkkeltall")]
    assert [c.text_frame.paragraphs[0].runs[0].text for c in cards] == [
        "2,3 mill. kr",
        "1.216.746 kr",
        "14 %",
        "42",
    ]
    sizes = {c.text_frame.paragraphs[0].runs[0].font.size.pt for c in cards}
    assert len(sizes) == 1
    (size,) = sizes
    for card in cards:
        frame = card.text_frame
        room = int(card.width) - int(frame.margin_left) - int(frame.margin_right)
        value = frame.paragraphs[0].runs[0].text
        needed = FONTS.width_pt(value, size, True) * EMU_PT + int(0.15 * INCH)
        assert needed <= room, (value, needed, room)
    longest = max(
        FONTS.width_pt(c.text_frame.paragraphs[0].runs[0].text, size + 2, True) for c in cards
    )
    assert longest * EMU_PT > room - int(0.2 * INCH)  # the largest size that fits, not smaller


GROUPS = """tittel: Ramme
kilde: ramme.csv
etikett: Post
enhet_kilde: 1000 kr
kolonner:
  - {navn: "2024", fra: "2024"}
grupper:
  - rader: [A, B]
    delsum: Sum AB
  - rader: [C]
    delsum: Sum C
sum: Ramme
"""


def luminance(colour: str) -> float:
    """Relative luminance of an RGB hex colour (WCAG 2)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_total_row_looks_different_from_subtotals(tmp_path: Path) -> None:
    csv = "Post;2024\nA;1\nB;2\nSum AB;3\nC;4\nSum C;4\nRamme;7\n"
    markdown = "## Ramme\n\n![Ramme](tabeller/ramme.yaml)\n"
    root = project(tmp_path, markdown, {"ramme.csv": csv, "ramme.yaml": GROUPS})
    result = build(root, tmp_path / "ut")
    (table,) = tables(result.outputs[0], 2)
    labels = [row[0].text for row in table.cells]
    assert labels == ["Post", "A", "B", "Sum AB", "C", "Sum C", "Ramme"]
    subtotal, other, total = table.fills[3], table.fills[5], table.fills[6]
    assert subtotal == other
    assert total not in (subtotal, "FFFFFF", BRAND.farger.lys, BRAND.farger.primær)
    assert table.top_lines[6] == BRAND.farger.primær
    assert table.top_lines[:6] == [None] * 6
    assert all(c.bold for c in table.cells[6]) and all(c.bold for c in table.cells[3])
    for fill in (subtotal, total):
        assert contrast(fill, BRAND.farger.tekst) >= 4.5
    # the darker total fill is darker than the subtotal fill
    assert luminance(total) < luminance(subtotal)


def test_a_label_word_too_long_for_what_is_left_warns_but_numbers_stay_whole(
    tmp_path: Path,
) -> None:
    wide = "130.000.000.000"
    word = "Investeringsprosjektrehabiliteringavkommunalebygg"
    head = " | ".join(f"K{n}" for n in range(8))
    text = (
        f"## Bred\n\n| Post | {head} |\n|:--|{'--:|' * 8}\n| {word} | {' | '.join([wide] * 8)} |\n"
    )
    result = build(project(tmp_path, text, {}), tmp_path / "ut")
    (warning,) = result.warnings
    assert warning.location is not None and warning.location.line == 3
    assert warning.message == (
        "tabellen er så bred at lange ord i kolonnen «Post» blir delt, selv med minste "
        "skriftstørrelse (10 pt); bruk kortere ord eller færre kolonner"
    )
    (table,) = tables(result.outputs[0], 2)
    assert table.cells[1][0].text == word
    assert table.cells[1][0].width >= int(1.3 * INCH)
    for cell in table.cells[1][1:]:
        assert number_fits(cell.text, cell.size, cell.bold, cell.width), cell


BRAND_SETTINGS = """lysbilder:
  tabellfarger:
    overskrift_tekst: "FFF4C2"
    stripe: "FAFAFA"
    delsum: "CCDDEE"
    sum: "AABBCC"
  ord:
    fortsettelse: "(fortsatt)"
    skille: " / "
    tabell: "Tabell uten tittel"
"""


def branded_project(tmp_path: Path, markdown: str, files: dict[str, str], extra: str) -> Path:
    """A project whose deck uses a copy of the Drammen brand with extra brand.yaml keys."""
    root = project(tmp_path, markdown, files)
    folder = root / "brand" / "egen"
    shutil.copytree(BRAND.folder, folder)
    text = (folder / "brand.yaml").read_text(encoding="utf-8").split("\nlysbilder:")[0]
    (folder / "brand.yaml").write_text(text + "\n" + extra, encoding="utf-8")
    (root / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (root / "decks" / "t.yaml").write_text(
        "tittel: T\nundertittel: Under\nutvalg: Utvalget\ndato: 2024-01-01\n"
        "merkevare: egen\ninnhold: [t.md]\n",
        encoding="utf-8",
    )
    return root


def test_table_colours_and_words_come_from_the_brand(tmp_path: Path) -> None:
    csv = "Post;2024\nA;1\nB;2\nSum AB;3\nC;4\nSum C;4\nRamme;7\n"
    rows = "".join(f"| Rad {n} | {n} |\n" for n in range(1, 21))
    markdown = "## Ramme\n\n![Ramme](tabeller/ramme.yaml)\n\n## Lang\n\n| Post | Beløp |\n"
    markdown += f"|:--|--:|\n{rows}"
    root = branded_project(
        tmp_path, markdown, {"ramme.csv": csv, "ramme.yaml": GROUPS}, BRAND_SETTINGS
    )
    out = build(root, tmp_path / "ut").outputs[0]
    (table,) = tables(out, 2)
    assert table.fills == ["005B8F", "FAFAFA", "EEF3F7", "CCDDEE", "EEF3F7", "CCDDEE", "AABBCC"]
    prs = Presentation(str(out))
    frame = next(s for s in prs.slides[1].shapes if s.has_table)
    header_run = frame.table.cell(0, 0).text_frame.paragraphs[0].runs[0]
    assert str(header_run.font.color.rgb) == "FFF4C2"  # reads on the primary fill
    slides = view(out)
    assert [s.title for s in slides[2:]] == ["Lang", "Lang (fortsatt)"]
    title = {s.placeholder_format.idx: s.text_frame.text for s in prs.slides[0].placeholders}
    assert title[1] == "Under" and title[13] == "Utvalget / 1. januar 2024"
    frames = [s for s in prs.slides[2].shapes if s.has_table]
    assert frames[0]._element.nvGraphicFramePr.cNvPr.get("descr") == "Tabell uten tittel"


def test_default_brand_keeps_todays_table_colours_and_words(tmp_path: Path) -> None:
    csv = "Post;2024\nA;1\nB;2\nSum AB;3\nC;4\nSum C;4\nRamme;7\n"
    markdown = "## Ramme\n\n![Ramme](tabeller/ramme.yaml)\n"
    root = branded_project(tmp_path, markdown, {"ramme.csv": csv, "ramme.yaml": GROUPS}, "")
    (table,) = tables(build(root, tmp_path / "ut").outputs[0], 2)
    assert table.fills == ["005B8F", "FFFFFF", "EEF3F7", "D6E5ED", "EEF3F7", "D6E5ED", "ADCBDB"]


def test_placeholder_numbers_in_the_brand_are_refused_with_what_to_do(tmp_path: Path) -> None:
    extra = "lysbilder:\n  plassholdere:\n    to_kolonner: [1, 2]\n"
    root = branded_project(tmp_path, "## A\n\nTekst\n", {}, extra)
    lines = (root / "brand" / "egen" / "brand.yaml").read_text(encoding="utf-8").splitlines()
    line = lines.index("  plassholdere:") + 1
    with pytest.raises(DeckgenError) as caught:
        build(root, tmp_path / "ut")
    assert [(p.location, p.message) for p in caught.value.problems] == [
        (
            SourceLocation(root / "brand" / "egen" / "brand.yaml", line),
            "«plassholdere» brukes ikke lenger: deckgen finner plassholderne etter rolle "
            "(tittel, tekst, bilde) og plass (kolonner fra venstre mot høyre); fjern nøkkelen",
        )
    ]
