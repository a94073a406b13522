"""Issue 10, data: broken exports (NUL, control characters, Excel escapes), the row limit per
table and the slide limit on the slides really made (continued tables included)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from deckgen import pipeline
from deckgen.data.tables import MAX_TABLE_ROWS, load_table
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.project import Project
from deckgen.writers.pptx import PptxWriter

from .conftest import TESTS, Ran, run_deckgen

BASE = TESTS / "feil" / "grunnlag"
SPEC = """tittel: Stor
kilde: {source}
etikett: Tjenesteområde
kolonner:
  - navn: Budsjett
    fra: Budsjett
  - navn: Regnskap
    fra: Regnskap
"""
ROW_LIMIT_ADVICE = (
    "Del den i flere tabeller (filtrer eksporten), eller summer radene i regnearket før "
    "eksporten (for eksempel én rad per tjenesteområde)"
)


def base_project(tmp_path: Path) -> Path:
    """A copy of the corpus's small valid project."""
    project = tmp_path / "prosjekt"
    shutil.copytree(BASE, project)
    return project


def deckgen(project: Path, *args: str, timeout: int = 120) -> Ran:
    """Run deckgen on the project; a build writes to <project>/../ut."""
    extra = ["--out", str(project.parent / "ut")] if args[0] == "build" else []
    return run_deckgen(*args, "--prosjekt", str(project), *extra, timeout=timeout)


def big_csv(path: Path, rows: int) -> None:
    """An export of `rows` service rows with two amount columns."""
    lines = ["Tjenesteområde;Budsjett;Regnskap"]
    lines.extend(f"Tjeneste {n};{1000 + n};{900 + n}" for n in range(1, rows + 1))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def big_table_project(tmp_path: Path, rows: int, uses: int) -> Path:
    """The base project whose demo.md shows one table of `rows` rows `uses` times."""
    project = base_project(tmp_path)
    tables = project / "content" / "tabeller"
    big_csv(tables / "stor.csv", rows)
    (tables / "stor.yaml").write_text(SPEC.format(source="stor.csv"), encoding="utf-8")
    (project / "content" / "demo.md").write_text(
        "".join(f"## Tabell {n}\n\n![Stor tabell](tabeller/stor.yaml)\n\n" for n in range(uses)),
        encoding="utf-8",
    )
    return project


def excel_with_escapes(path: Path, rows: list[list[Any]], escapes: dict[str, str]) -> None:
    """An .xlsx of sheet «Drift» whose text holds Excel's `_xHHHH_` escapes (as Excel writes a
    control character or a carriage return); openpyxl refuses to write them itself."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Drift"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            for marker, escape in escapes.items():
                data = data.replace(marker.encode(), escape.encode())
            target.writestr(item, data)


# -- item 1: what is wrong with a CSV or Excel file is named where it is ------------------------


def test_a_nul_byte_in_a_csv_is_named_by_row_and_column_not_as_utf16(tmp_path: Path) -> None:
    project = base_project(tmp_path)
    (project / "content/tabeller/okonomi.csv").write_bytes(
        "Tjenesteområde;Budsjett;Regnskap\n"
        "P01 Skole;1218837;1216746\n"
        "P02 Barnehage;918157;923\x00382\n"
        "Sum;2136994;2140128\n".encode()
    )
    result = deckgen(project, "build", "demo")
    assert result.stderr.splitlines() == [
        "feil: content/tabeller/okonomi.csv:3: rad 3, kolonne «Regnskap»: tegnet NUL (byte 0); "
        "filen er trolig skadet eller ikke en tekstfil. Eksporter den på nytt som «CSV UTF-8»"
    ]
    assert result.returncode == 1
    assert not (tmp_path / "ut").exists()


def test_a_control_character_in_an_excel_cell_is_named_by_its_cell(tmp_path: Path) -> None:
    project = base_project(tmp_path)
    excel_with_escapes(
        project / "content/tabeller/okonomi.xlsx",
        [["Tjenesteområde", "Budsjett"], ["P01 SUB Skole", 1218837], ["P02 Barnehage", 918157]],
        {"SUB": "_x001A_"},
    )
    (project / "content/demo.md").write_text(
        "## Fra Excel\n\n![Tabell fra Excel](tabeller/excel.yaml)\n", encoding="utf-8"
    )
    result = deckgen(project, "build", "demo")
    assert result.stderr.splitlines() == [
        "feil: content/tabeller/okonomi.xlsx:2: celle A2 (kolonne «Tjenesteområde») i arket "
        "«Drift»: usynlig kontrolltegn U+001A (ofte fra eldre eksporter eller kopiering); "
        "slett det i Excel og lagre filen på nytt"
    ]
    assert result.returncode == 1


def test_a_line_break_excel_stores_as_an_escape_is_not_shown_as_code(tmp_path: Path) -> None:
    folder = tmp_path / "tabeller"
    folder.mkdir()
    excel_with_escapes(
        folder / "t.xlsx",
        [
            ["Tjenesteområde", "Budsjett", "Regnskap"],
            ["P01CR\nSkole", 100, 90],
            ["Sum", 100, 90],
        ],
        {"CR": "_x000D_"},
    )
    spec = folder / "t.yaml"
    spec.write_text(SPEC.format(source="t.xlsx") + "sum: Sum\n", encoding="utf-8")
    computed = load_table(spec, SourceLocation(spec), tmp_path)
    assert [row.label for row in computed.rows] == ["P01 Skole", "Sum"]


# -- item 2: a row limit per table, reached before anything is computed ------------------------


def test_a_table_of_100_000_rows_is_refused_naming_the_spec_count_and_limit(
    tmp_path: Path,
) -> None:
    project = big_table_project(tmp_path, 100_000, 1)
    result = deckgen(project, "build", "demo")
    assert result.stderr.splitlines() == [
        "feil: content/tabeller/stor.yaml:2: datafilen «stor.csv» har 100.000 rader; en tabell "
        f"kan ha høyst 10.000 rader. {ROW_LIMIT_ADVICE}"
    ]
    assert result.returncode == 1
    assert not (tmp_path / "ut").exists()


def test_the_row_limit_allows_ten_thousand_rows_and_refuses_one_more(tmp_path: Path) -> None:
    assert MAX_TABLE_ROWS == 10_000
    spec = tmp_path / "stor.yaml"
    spec.write_text(SPEC.format(source="stor.csv"), encoding="utf-8")
    big_csv(tmp_path / "stor.csv", 10_000)
    computed = load_table(spec, SourceLocation(spec), tmp_path)
    assert len(computed.rows) == 10_000
    assert computed.rows[-1].label == "Tjeneste 10000"
    big_csv(tmp_path / "stor.csv", 10_001)
    with pytest.raises(DeckgenError) as error:
        load_table(spec, SourceLocation(spec), tmp_path)
    assert [p.display(tmp_path) for p in error.value.problems] == [
        "stor.yaml:2: datafilen «stor.csv» har 10.001 rader; en tabell kan ha høyst 10.000 "
        f"rader. {ROW_LIMIT_ADVICE}"
    ]


def test_an_excel_sheet_over_the_row_limit_is_refused_while_its_rows_are_counted(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Drift")
    sheet.append(["Tjenesteområde", "Budsjett", "Regnskap"])
    for n in range(1, 10_002):
        sheet.append([f"Tjeneste {n}", 1000 + n, 900 + n])
    book.save(tmp_path / "stor.xlsx")
    spec = tmp_path / "stor.yaml"
    spec.write_text(SPEC.format(source="stor.xlsx"), encoding="utf-8")
    with pytest.raises(DeckgenError) as error:
        load_table(spec, SourceLocation(spec), tmp_path)
    assert [p.display(tmp_path) for p in error.value.problems] == [
        "stor.yaml:2: datafilen «stor.xlsx» har mer enn 10.000 rader; en tabell kan ha høyst "
        f"10.000 rader. {ROW_LIMIT_ADVICE}"
    ]


# -- item 3: the slide limit counts the slides really made, and stops before making them -------

SLIDE_LIMIT = (  # the whole deck: at its file
    "decks/demo.yaml:1: presentasjonen blir på mer enn {n} lysbilder (en lang tabell eller "
    "tekst fortsetter på «(forts.)»-lysbilder, og hvert av dem teller); høyst {n} kan bygges. "
    "Del den i flere presentasjoner, eller gjør tabellene og tekstene kortere"
)


@pytest.fixture
def no_slide_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the writer makes a slide."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a slide was made before the slide limit was checked")

    monkeypatch.setattr(PptxWriter, "_new", refuse)


def slides_in(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    return sum(1 for n in names if n.startswith("ppt/slides/slide") and n.endswith(".xml"))


def test_continued_table_slides_count_toward_the_slide_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = big_table_project(tmp_path, 40, 1)
    rendered = pipeline.render(Project(project), "demo", "pptx")
    made = rendered.slide_count
    assert made == slides_in(rendered.files["demo.pptx"])
    assert made > 3  # the title slide and a table continued on «(forts.)» slides
    monkeypatch.setattr("deckgen.readers.deckfile.MAX_SLIDES", made)
    assert pipeline.render(Project(project), "demo", "pptx").slide_count == made
    monkeypatch.setattr("deckgen.readers.deckfile.MAX_SLIDES", made - 1)
    with pytest.raises(DeckgenError) as error:
        pipeline.render(Project(project), "demo", "pptx")
    assert [p.display(project) for p in error.value.problems] == [SLIDE_LIMIT.format(n=made - 1)]


def test_a_deck_over_the_limit_by_its_tables_is_refused_before_any_slide_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_slide_drawn: None
) -> None:
    # Two tables of 60 rows make 1 + 6 + 6 slides; rows as low as the smallest font allows
    # would make 1 + 5 + 5, so the limit of 12 is found only by laying the tables out.
    project = big_table_project(tmp_path, 60, 2)
    monkeypatch.setattr("deckgen.readers.deckfile.MAX_SLIDES", 12)
    with pytest.raises(DeckgenError) as error:
        pipeline.render(Project(project), "demo", "pptx")
    assert [p.display(project) for p in error.value.problems] == [SLIDE_LIMIT.format(n=12)]
    monkeypatch.setattr("deckgen.readers.deckfile.MAX_SLIDES", 10)
    with pytest.raises(DeckgenError) as error:
        pipeline.render(Project(project), "demo", "pptx")
    assert [p.display(project) for p in error.value.problems] == [SLIDE_LIMIT.format(n=10)]


def test_three_tables_of_ten_thousand_rows_pass_2000_slides_and_are_refused(
    tmp_path: Path, no_slide_drawn: None
) -> None:
    project = big_table_project(tmp_path, 10_000, 3)
    with pytest.raises(DeckgenError) as error:
        pipeline.render(Project(project), "demo", "pptx")
    assert [p.display(project) for p in error.value.problems] == [SLIDE_LIMIT.format(n="2.000")]


def test_the_build_summary_counts_every_continued_slide(tmp_path: Path) -> None:
    project = big_table_project(tmp_path, 40, 1)
    result = deckgen(project, "build", "demo", "--format", "pptx")
    assert result.returncode == 0, result.stderr
    made = slides_in((tmp_path / "ut" / "demo.pptx").read_bytes())
    assert made > 3
    assert result.stdout.endswith(f"demo.pptx ({made} lysbilder)\n")
