"""Issue 13's «done when»: a budget project straight from the finance exports – groups from a
column, a percent row, a printed total within the tolerance, a long export – builds, and
`deckgen table` shows it (tests/roots/budsjett)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from .conftest import ROOTS, Ran, run_deckgen

RAMME = [
    ["Tjeneste", "2025", "2024"],
    ["P01 Skole", "1.216.746", "1.218.837"],
    ["P02 Barnehage", "923.382", "918.157"],
    ["Sum Oppvekst", "2.140.129", "2.136.994"],
    ["Legevakt", "30.000", "29.000"],
    ["Helsestasjon", "12.500", "13.000"],
    ["Sum helse og omsorg", "42.501", "42.000"],
    ["Konsekvensjustert ramme", "2.182.631", "2.178.994"],
    ["Resultatgrad", "0,6 %", "0,4 %"],
]
"""The rammeoversikt: groups and subtotals computed from the «Sektor» column, the printed
total 2.182.631 (computed 2.182.630) shown, the percent row as percent."""

LANG = [
    ["Tjeneste", "2024", "2023"],
    ["P01 Skole", "1.250.001", "1.218.837"],
    ["P02 Barnehage", "930.000", "918.157"],
    ["P03 Kultur", "-5.226", ""],
    ["Sum drift", "2.174.775", "2.136.994"],
]
"""The long export pivoted: one row per service, one column per year, summed."""


OFFICIAL_NOTE = (
    "merk: content/tabeller/ramme.csv:8: rad 8 «Konsekvensjustert ramme», kolonne "
    "«Budsjett 2025»: viser oppgitt 2.182.631, beregnet 2.182.630 (innenfor toleransen "
    "på 1; alle tall i 1000 kr)"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Ran, Path]:
    """The budget deck built: the run and the output folder."""
    root = tmp_path_factory.mktemp("budsjett")
    project = root / "prosjekt"
    shutil.copytree(ROOTS / "budsjett", project)
    out = root / "ut"
    return run_deckgen("build", "budsjett", "-p", str(project), "--out", str(out)), out


def slide_tables(path: Path) -> list[list[list[str]]]:
    """The text of every table in the deck, slide by slide."""
    return [
        [[cell.text for cell in row.cells] for row in shape.table.rows]
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_table
    ]


def test_the_budget_builds_with_groups_percent_row_official_total_and_pivot(
    built: tuple[Ran, Path],
) -> None:
    ran, out = built
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.splitlines() == [OFFICIAL_NOTE]
    assert slide_tables(out / "budsjett.pptx") == [RAMME, LANG]


def test_word_shows_the_same_cells(built: tuple[Ran, Path]) -> None:
    _, out = built
    chapter = Document(str(out / "budsjett.docx"))
    cells = [[[c.text for c in row.cells] for row in table.rows] for table in chapter.tables]
    assert cells == [RAMME, LANG]


def test_deckgen_table_shows_the_rammeoversikt() -> None:
    project = ROOTS / "budsjett"
    ran = run_deckgen("table", "content/tabeller/ramme.yaml", "-p", str(project))
    assert ran.returncode == 0
    assert ran.stderr.splitlines() == [OFFICIAL_NOTE]  # the table command says it too
    assert [line.rstrip() for line in ran.stdout.splitlines()] == [
        "Rammeoversikt",
        "",
        "Tjeneste                      2025       2024",
        "───────────────────────  ─────────  ─────────",
        "P01 Skole                1.216.746  1.218.837",
        "P02 Barnehage              923.382    918.157",
        "─────────────────────────────────────────────",
        "Sum Oppvekst             2.140.129  2.136.994",
        "Legevakt                    30.000     29.000",
        "Helsestasjon                12.500     13.000",
        "─────────────────────────────────────────────",
        "Sum helse og omsorg         42.501     42.000",
        "═════════════════════════════════════════════",
        "Konsekvensjustert ramme  2.182.631  2.178.994",
        "Resultatgrad                 0,6 %      0,4 %",
        "Alle tall i 1000 kr",
    ]
