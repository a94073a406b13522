"""Issue 10, text fitting: text that cannot fit its box is given up on as soon as that is certain
(measuring stops once the text is taller than the box), with the same warning as before; a
long table in a Word chapter is written in time linear in its length."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

from docx import Document

from deckgen import pipeline
from deckgen.project import Project
from deckgen.textfit import Fonts, Line, fit_scale, height_pt

from .conftest import REPO, TESTS, Ran, run_deckgen

BASE = TESTS / "feil" / "grunnlag"
LONG_PARAGRAPH = "\n".join(["lorem ipsum " * 10] * 800)
"""One paragraph of 96 KB, on 800 lines (a single line may hold at most 20.000 characters)."""
TOO_MUCH_TEXT = (
    "content/demo.md:1: teksten får ikke plass på lysbildet selv med minste skriftstørrelse; "
    "del den på flere lysbilder eller i kolonner"
)


def project_with(tmp_path: Path, markdown: str) -> Path:
    """A copy of the corpus's small valid project whose demo.md is `markdown`."""
    project = tmp_path / "prosjekt"
    shutil.copytree(BASE, project)
    (project / "content" / "demo.md").write_text(markdown, encoding="utf-8")
    return project


def check(project: Path, *args: str) -> Ran:
    """Run `deckgen check demo` on the project."""
    return run_deckgen("check", "demo", *args, "--prosjekt", str(project), timeout=120)


def brand_fonts() -> Fonts:
    """The test brand's regular and bold fonts."""
    fonts = sorted((REPO / "brand").glob("*/fonts/*.ttf"))
    regular = next(f for f in fonts if "bold" not in f.name.lower())
    bold = next(f for f in fonts if "bold" in f.name.lower())
    return Fonts(regular, bold)


def test_a_paragraph_of_96_kb_on_one_slide_warns_that_it_does_not_fit(tmp_path: Path) -> None:
    project = project_with(tmp_path, f"## Hei\n\n{LONG_PARAGRAPH}\n")
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert f"advarsel: {TOO_MUCH_TEXT}" in result.stderr
    assert "demo: ingen feil, 1 advarsel(er) (2 lysbilder)" in result.stdout + result.stderr


def test_a_paragraph_of_96_kb_is_an_error_with_strict(tmp_path: Path) -> None:
    project = project_with(tmp_path, f"## Hei\n\n{LONG_PARAGRAPH}\n")
    result = check(project, "--strict")
    assert result.returncode == 1
    assert result.stderr.strip() == f"feil: {TOO_MUCH_TEXT}"


def test_five_thousand_list_items_continue_on_forts_slides_at_full_size(tmp_path: Path) -> None:
    """Issue 16: text does not shrink below the brand's floor (Drammen: never); it continues
    on «(forts.)» slides, every item kept."""
    items = "".join(f"- punkt {n}\n" for n in range(5000))
    result = check(project_with(tmp_path, f"## Hei\n\n{items}"), "--strict")
    assert result.returncode == 0, result.stderr
    slides = int(result.stdout.split("(")[1].split()[0])
    assert 300 < slides < 2000


def test_text_that_would_need_more_slides_than_the_limit_is_refused_before_drawing(
    tmp_path: Path,
) -> None:
    items = "".join(f"- p{n}\n" for n in range(40_000))
    result = check(project_with(tmp_path, f"## Hei\n\n{items}"))
    assert result.returncode == 1
    assert result.stderr.startswith(
        "feil: decks/demo.yaml:2: presentasjonen blir på mer enn 2.000 lysbilder (en lang "
        "tabell eller tekst fortsetter på «(forts.)»-lysbilder"
    )


def test_a_heading_of_19_kb_warns_that_it_does_not_fit(tmp_path: Path) -> None:
    project = project_with(tmp_path, "## " + "lorem ipsum " * 1600 + "\n\nHei\n")
    result = check(project, "--strict")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "feil: content/demo.md:1: overskriften «lorem ipsum lorem ipsum lorem ipsum lore…» får "
        "ikke plass på lysbildet selv med minste skriftstørrelse; gjør den kortere"
    )


def test_measuring_with_a_limit_stops_above_it_and_is_exact_below_it() -> None:
    fonts = brand_fonts()
    lines = [Line("ord " * 50, 18.0), Line("kort", 18.0, True, 0, 6.0)] * 3
    full = height_pt(fonts, lines, 3_000_000)
    assert height_pt(fonts, lines, 3_000_000, 1.0, full) == full
    assert height_pt(fonts, lines, 3_000_000, 1.0, full + 1) == full
    stopped = height_pt(fonts, lines, 3_000_000, 1.0, full / 3)
    assert full / 3 < stopped < full


def test_fit_scale_gives_the_same_scale_whether_or_not_the_text_fits() -> None:
    fonts = brand_fonts()
    lines = [Line("ord " * 60, 20.0)] * 4
    height = math.ceil(height_pt(fonts, lines, 4_000_000, 0.8) * 12700)
    assert fit_scale(fonts, lines, 4_000_000, height, 0.7) == (0.8, True)
    assert fit_scale(fonts, lines, 4_000_000, height // 4, 0.7) == (0.7, False)


def test_a_word_table_of_1500_rows_keeps_every_row_and_its_repeated_labels(tmp_path: Path) -> None:
    rows = "".join(
        f"| {'^' if n % 10 == 1 else f'Tjeneste {n}'} | {1000 + n} |\n" for n in range(1500)
    )
    project = tmp_path / "p"
    (project / "decks").mkdir(parents=True)
    (project / "content").mkdir()
    (project / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (project / "decks" / "t.yaml").write_text(
        "tittel: T\ndato: 2024-01-01\ninnhold: [a.md]\nkapittel: [k.md]\n", encoding="utf-8"
    )
    (project / "content" / "a.md").write_text("## A\n\nx\n", encoding="utf-8")
    (project / "content" / "k.md").write_text(
        f"# K\n\n| Område | Beløp |\n|---|--:|\n{rows}", encoding="utf-8"
    )
    built = pipeline.build(Project(project), "t", tmp_path / "ut", fmt="docx").outputs[0]
    table = Document(str(built)).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert len(cells) == 1501
    assert cells[0] == ["Område", "Beløp"]
    assert cells[1500] == ["Tjeneste 1499", "2499"]
    assert cells[11] == ["Tjeneste 10", "1010"] and cells[12] == ["Tjeneste 10", "1011"]
    repeated = [r for r in range(2, 1501) if cells[r][0] == cells[r - 1][0]]
    assert repeated == list(range(2, 1501, 10))
