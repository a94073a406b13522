"""Formats for single rows (`radformat:`), issue 13 item 2, and one build of a table that uses
both groups from a column and a percent row, the same cells in PowerPoint and Word."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document
from pptx import Presentation

from deckgen.model import RowStyle

from .conftest import ROOTS, run_deckgen
from .pptx_inspect import tables
from .test_tables import cells, table, write
from .test_tables_export import problems

EXPORT = (
    "Tjeneste;Regnskap;Budsjett\n"
    "P01 Skole;1216746400;1218837300\n"
    "P02 Barnehage;923382400;918156600\n"
    "Sum;2140128800;2136993900\n"
    "Resultatgrad;{r};{b}\n"
)
SPEC = (
    "kilde: t.csv\n"
    "etikett: Tjeneste\n"
    "kolonner:\n"
    "  - {navn: Regnskap, fra: Regnskap}\n"
    "  - {navn: Budsjett, fra: Budsjett}\n"
    "sum: Sum\n"
    "radformat:\n"
    "  Resultatgrad: {format: prosent}\n"
)


def export(tmp_path: Path, r: str = "0,6 %", b: str = "0,4 %") -> None:
    write(tmp_path, "t.csv", EXPORT.format(r=r, b=b))


def test_a_percent_row_in_a_table_of_amounts(tmp_path: Path) -> None:
    export(tmp_path)
    computed, formatted = table(write(tmp_path, "t.yaml", SPEC))
    assert cells(formatted) == [
        ["Tjeneste", "Regnskap", "Budsjett"],
        ["P01 Skole", "1.216.746", "1.218.837"],
        ["P02 Barnehage", "923.382", "918.157"],
        ["Sum", "2.140.129", "2.136.994"],
        ["Resultatgrad", "0,6 %", "0,4 %"],
    ]
    assert [r.style for r in formatted.rows] == [
        RowStyle.NORMAL,
        RowStyle.NORMAL,
        RowStyle.TOTAL,
        RowStyle.RATIO,  # italic by default
    ]
    assert computed.mismatches == [] and computed.warnings == []


def test_a_percent_row_is_never_summed_and_keeps_its_place(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.csv",
        "Tjeneste;Regnskap;Budsjett\nP01 Skole;1000;2000\nResultatgrad;14,6;2\nSum;1000;2000\n",
    )
    computed, formatted = table(write(tmp_path, "t.yaml", SPEC.replace("enhet", "x")))
    assert cells(formatted)[1:] == [
        ["P01 Skole", "1", "2"],
        ["Resultatgrad", "14,6 %", "2,0 %"],
        ["Sum", "1", "2"],
    ]
    assert computed.mismatches == []  # the row is not checked against itself read another way


def test_own_decimals_and_upright(tmp_path: Path) -> None:
    export(tmp_path, "0,625 %", "0,4 %")
    spec = SPEC.replace("{format: prosent}", "{format: prosent, desimaler: 2, kursiv: false}")
    _, formatted = table(write(tmp_path, "t.yaml", spec))
    assert cells(formatted)[4] == ["Resultatgrad", "0,63 %", "0,40 %"]
    assert formatted.rows[3].style is RowStyle.NORMAL


def test_plain_numbers_read_by_kildetall_or_by_their_decimals(tmp_path: Path) -> None:
    export(tmp_path, "0,6", "0,4")
    spec = SPEC.replace("{format: prosent}", "{format: prosent, kildetall: prosent}")
    assert cells(table(write(tmp_path, "t.yaml", spec))[1])[4] == ["Resultatgrad", "0,6 %", "0,4 %"]
    export(tmp_path, "0,006", "0,004")
    assert cells(table(write(tmp_path, "t.yaml", SPEC))[1])[4] == ["Resultatgrad", "0,6 %", "0,4 %"]


def test_plain_numbers_that_could_be_either_are_an_error(tmp_path: Path) -> None:
    export(tmp_path, "0,6", "0,4")
    assert problems(write(tmp_path, "t.yaml", SPEC)) == [
        "t.yaml:8: raden «Resultatgrad» (rad 5 i «t.csv») vises i prosent (radformat:), men "
        "alle tallene uten «%» ligger fra -1 til 1 med høyst to desimaler (kolonne «Regnskap»: "
        "«0,6»), så de kan være både andeler (60 %) og prosenttall (0,6 %); skriv kildetall: "
        "andel eller kildetall: prosent under radformat: for raden"
    ]


def test_an_amount_row_with_its_own_decimals_in_italics_is_still_summed(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Tjeneste;Regnskap\nA;1250\nB;2000\nSum;3250\n")
    spec = (
        "kilde: t.csv\netikett: Tjeneste\nkolonner: [{navn: Regnskap, fra: Regnskap}]\n"
        "sum: Sum\nradformat:\n  A: {format: beløp, desimaler: 1, kursiv: true}\n"
    )
    computed, formatted = table(write(tmp_path, "t.yaml", spec))
    assert cells(formatted)[1:] == [["A", "1,3"], ["B", "2"], ["Sum", "3"]]
    assert [r.style for r in formatted.rows] == [RowStyle.RATIO, RowStyle.NORMAL, RowStyle.TOTAL]
    assert computed.mismatches == []


def test_unknown_row_is_an_error_with_a_suggestion_and_the_line(tmp_path: Path) -> None:
    export(tmp_path)
    spec = write(tmp_path, "t.yaml", SPEC.replace("  Resultatgrad:", "  Resultat grad:"))
    assert problems(spec) == [
        "t.yaml:8: raden «Resultat grad» under radformat: finnes ikke i «t.csv» (mente du "
        "«Resultatgrad»?)"
    ]


def test_keys_and_values_are_checked_by_the_schema(tmp_path: Path) -> None:
    export(tmp_path)
    spec = SPEC.replace("{format: prosent}", "{format: prosnet, desimal: 1}")
    assert problems(write(tmp_path, "t.yaml", spec)) == [
        "t.yaml:8: «radformat.Resultatgrad.format» må være «beløp» eller «prosent», ikke "
        "«prosnet» (mente du «prosent»?)",
        "t.yaml:8: ukjent nøkkel «desimal» (mente du «desimaler»?)",
    ]


def test_a_row_under_both_kursiv_and_radformat_is_an_error(tmp_path: Path) -> None:
    export(tmp_path)
    spec = write(tmp_path, "t.yaml", SPEC + "kursiv: [Resultatgrad]\n")
    assert problems(spec) == [
        "t.yaml:8: raden «Resultatgrad» står både under kursiv: og radformat:; fjern den fra "
        "kursiv: og skriv kursiv: true under radformat: (format: prosent for en andel)"
    ]


GROUPED_EXPORT = (
    "Område;Tjeneste;Regnskap;Budsjett\n"
    "Oppvekst;P01 Skole;1216746400;1218837300\n"
    "Oppvekst;P02 Barnehage;923382400;918156600\n"
    "Oppvekst;Sum Oppvekst;2140128800;2136993900\n"
    "Helse;Legevakt;30000000;29000000\n"
    ";Totalt;2170128800;2165993900\n"
    ";Resultatgrad;0,6 %;0,4 %\n"
)
GROUPED_SPEC = (
    "tittel: Resultat\n"
    "kilde: t.csv\n"
    "etikett: Tjeneste\n"
    "grupper_fra: Område\n"
    "kolonner:\n"
    "  - {navn: Regnskap, fra: Regnskap}\n"
    "  - {navn: Budsjett, fra: Budsjett}\n"
    "sum: Totalt\n"
    "radformat:\n"
    "  Resultatgrad: {format: prosent}\n"
)
EXPECTED = [
    ["Tjeneste", "Regnskap", "Budsjett"],
    ["P01 Skole", "1.216.746", "1.218.837"],
    ["P02 Barnehage", "923.382", "918.157"],
    ["Sum Oppvekst", "2.140.129", "2.136.994"],
    ["Legevakt", "30.000", "29.000"],
    ["Sum Legevakt", "30.000", "29.000"],
    ["Totalt", "2.170.129", "2.165.994"],
    ["Resultatgrad", "0,6 %", "0,4 %"],
]


def test_a_percent_row_without_a_group_stands_after_the_total(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", GROUPED_EXPORT.replace("Helse;", "Legevakt;"))
    computed, formatted = table(write(tmp_path, "t.yaml", GROUPED_SPEC))
    assert cells(formatted) == EXPECTED
    assert computed.mismatches == []


def test_built_through_the_cli_pptx_and_docx_show_the_same_cells(tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(ROOTS / "ramme-avvik", project)
    folder = project / "content/tabeller"
    write(folder, "t.csv", GROUPED_EXPORT.replace("Helse;", "Legevakt;"))
    write(folder, "t.yaml", GROUPED_SPEC)
    write(project / "content", "ramme.md", "## Resultat\n\n![Resultat](tabeller/t.yaml)\n")
    deck = project / "decks/ramme.yaml"
    write(project / "content", "kapittel.md", "# Resultat\n\n![Resultat](tabeller/t.yaml)\n")
    deck.write_text(deck.read_text(encoding="utf-8") + "kapittel: [kapittel.md]\n", "utf-8")
    out = tmp_path / "out"
    ran = run_deckgen("build", "ramme", "--prosjekt", str(project), "--out", str(out))
    assert ran.returncode == 0, ran.stderr
    [slide_table] = tables(out / "ramme.pptx", 2)
    [word_table] = Document(str(out / "ramme.docx")).tables
    assert [[c.text for c in row] for row in slide_table.cells] == EXPECTED
    assert [[c.text for c in row.cells] for row in word_table.rows] == EXPECTED
    bold = [[c.bold for c in row] for row in slide_table.cells]
    assert [row[0] for row in bold] == [True, False, False, True, False, True, True, False]
    [shape] = [s for s in Presentation(str(out / "ramme.pptx")).slides[1].shapes if s.has_table]
    slide_italic = [
        r.font.italic for p in shape.table.cell(7, 1).text_frame.paragraphs for r in p.runs
    ]
    word_italic = [r.italic for p in word_table.rows[7].cells[1].paragraphs for r in p.runs]
    assert slide_italic == [True] and word_italic == [True]


def test_a_total_row_cannot_have_a_row_format(tmp_path: Path) -> None:
    export(tmp_path)
    spec = write(tmp_path, "t.yaml", SPEC + "  Sum: {desimaler: 1}\n")
    assert problems(spec) == [
        "t.yaml:9: raden «Sum» under radformat: er en sum- eller delsumrad, som deckgen regner "
        "ut; radformat: gjelder rader fra eksporten"
    ]
