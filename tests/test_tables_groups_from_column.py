"""Groups made from a column of the export (`grupper_fra:`, `delsummer:`), issue 13 item 1."""

from __future__ import annotations

from pathlib import Path

from deckgen.model import RowStyle

from .test_tables import cells, table, write
from .test_tables_export import problems

EXPORT = (
    "Område;Tjeneste;Regnskap;Budsjett\n"
    "Oppvekst;P01 Skole;1216746400;1218837300\n"
    "Oppvekst;P02 Barnehage;923382400;918156600\n"
    "Oppvekst;Sum Oppvekst;2140128800;2136993900\n"
    "Helse;Legevakt;30000000;29000000\n"
    "Helse;Helsestasjon;12500000;13000000\n"
    "Helse;Sum helse og omsorg;42500000;42000000\n"
    ";Totalt;2182628800;2178993900\n"
)
"""A rammeoversikt as it comes: a group column, printed subtotals and a total."""

SPEC = (
    "kilde: t.csv\n"
    "etikett: Tjeneste\n"
    "grupper_fra: Område\n"
    "delsummer:\n"
    "  Helse: Sum helse og omsorg\n"
    "kolonner:\n"
    "  - {navn: Regnskap, fra: Regnskap}\n"
    "  - {navn: Budsjett, fra: Budsjett}\n"
    "sum: Totalt\n"
)


def test_groups_and_subtotals_come_from_the_column_in_the_exports_order(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT)
    computed, formatted = table(write(tmp_path, "t.yaml", SPEC))
    assert cells(formatted) == [
        ["Tjeneste", "Regnskap", "Budsjett"],
        ["P01 Skole", "1.216.746", "1.218.837"],
        ["P02 Barnehage", "923.382", "918.157"],
        ["Sum Oppvekst", "2.140.129", "2.136.994"],
        ["Legevakt", "30.000", "29.000"],
        ["Helsestasjon", "12.500", "13.000"],
        ["Sum helse og omsorg", "42.500", "42.000"],
        ["Totalt", "2.182.629", "2.178.994"],
    ]
    assert [r.style for r in formatted.rows] == [
        RowStyle.NORMAL,
        RowStyle.NORMAL,
        RowStyle.SUBTOTAL,
        RowStyle.NORMAL,
        RowStyle.NORMAL,
        RowStyle.SUBTOTAL,
        RowStyle.TOTAL,
    ]
    assert computed.mismatches == []


def test_a_printed_subtotal_that_does_not_add_up_is_a_mismatch(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT.replace("42500000;42000000", "42600000;42000000"))
    computed, _ = table(write(tmp_path, "t.yaml", SPEC))
    assert [m.display(tmp_path) for m in computed.mismatches] == [
        "t.csv:7: rad 7 «Sum helse og omsorg», kolonne «Regnskap»: oppgitt 42.600, beregnet "
        "42.500 (alle tall i 1000 kr)"
    ]


def test_a_group_without_a_printed_subtotal_gets_sum_and_its_value(tmp_path: Path) -> None:
    export = "".join(line for line in EXPORT.splitlines(True) if "Sum" not in line)
    write(tmp_path, "t.csv", export)
    spec = write(tmp_path, "t.yaml", SPEC.replace("delsummer:\n  Helse: Sum helse og omsorg\n", ""))
    computed, formatted = table(spec)
    assert [r[0] for r in cells(formatted)] == [
        "Tjeneste",
        "P01 Skole",
        "P02 Barnehage",
        "Sum Oppvekst",
        "Legevakt",
        "Helsestasjon",
        "Sum Helse",
        "Totalt",
    ]
    assert cells(formatted)[6] == ["Sum Helse", "42.500", "42.000"]
    assert computed.mismatches == []


def test_unknown_group_column_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT)
    spec = write(tmp_path, "t.yaml", SPEC.replace("grupper_fra: Område", "grupper_fra: Omrade"))
    assert problems(spec) == [
        "t.yaml:3: grupper_fra: kilden «t.csv» har ingen kolonne «Omrade» (mente du «Område»?)"
    ]


def test_grupper_and_grupper_fra_together_is_an_error_naming_the_line(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT)
    spec = write(tmp_path, "t.yaml", SPEC + "grupper: [{rader: [P01 Skole]}]\n")
    assert problems(spec) == [
        "t.yaml:3: grupper: og grupper_fra: kan ikke brukes i samme tabell; bruk grupper_fra: "
        "for å lage gruppene fra en kolonne i eksporten, eller grupper: for å liste radene selv"
    ]


def test_a_subtotal_for_a_value_no_row_has_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT)
    spec = write(tmp_path, "t.yaml", SPEC.replace("  Helse:", "  Helsa: Sum helsa\n  Helse:"))
    assert problems(spec) == [
        "t.yaml:5: delsummer: ingen rad i kilden «t.csv» har «Helsa» i kolonnen «Område» "
        "(mente du «Helse»?)"
    ]


def test_an_empty_group_cell_on_an_ordinary_row_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT.replace("Helse;Legevakt", ";Legevakt"))
    assert problems(write(tmp_path, "t.yaml", SPEC)) == [
        "t.csv:5: rad 5 «Legevakt»: kolonnen «Område» er tom, så raden hører ikke til noen "
        "gruppe (grupper_fra: Område)"
    ]


def test_a_total_row_the_spec_does_not_name_is_an_error_not_a_group(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT.replace(";Totalt;", "Totalt;I alt;"))
    assert problems(write(tmp_path, "t.yaml", SPEC.replace("sum: Totalt\n", ""))) == [
        "t.csv:8: rad 8 «I alt» har «Totalt» i kolonnen «Område», som en sumrad, men er verken "
        "sum: eller en delsum i t.yaml; er raden tabellens sum, skriv sum: I alt, er den en "
        "delsum, skriv den under delsummer:"
    ]


def test_a_subtotal_spelt_differently_from_the_export_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT)
    spec = write(tmp_path, "t.yaml", SPEC.replace("Sum helse og omsorg", "Sum helse og  Omsorg"))
    assert problems(spec)[0] == (
        "t.yaml:5: delsumraden «Sum helse og Omsorg» for «Helse» finnes ikke i kilden, men "
        "«Sum helse og omsorg» (rad 7) gjør – bare store og små bokstaver er forskjellige; skriv "
        "navnet likt under delsummer:"
    )


def test_delsummer_without_grupper_fra_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT)
    spec = write(tmp_path, "t.yaml", SPEC.replace("grupper_fra: Område\n", ""))
    assert problems(spec) == [
        "t.yaml:3: delsummer: gjelder bare grupper laget med grupper_fra:; skriv grupper_fra: "
        "<kolonne>, eller skriv delsummen som delsum: i hver gruppe under grupper:"
    ]


def test_a_row_like_a_subtotal_the_export_lacks_is_warned_about(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", EXPORT.replace("Sum Oppvekst", "Sum for Oppvekst"))
    computed, formatted = table(write(tmp_path, "t.yaml", SPEC))
    assert [w.display(tmp_path) for w in computed.warnings] == [
        "t.csv:4: rad 4 «Sum for Oppvekst» ser ut som en sumrad, men telles med i delsummen "
        "«Sum Oppvekst», som ikke står i eksporten; er raden delsummen for «Oppvekst», skriv den "
        "under delsummer: i t.yaml (delsummer: {Oppvekst: Sum for Oppvekst})"
    ]


def test_a_subtotal_named_with_another_dash_than_the_export_is_matched_and_noted(
    tmp_path: Path,
) -> None:
    export = EXPORT.replace("Sum helse og omsorg", "Sum helse - omsorg")
    write(tmp_path, "t.csv", export)
    spec = SPEC.replace("Sum helse og omsorg", "Sum helse – omsorg")
    computed, formatted = table(write(tmp_path, "t.yaml", spec))
    assert [row[0] for row in cells(formatted)][6] == "Sum helse – omsorg"
    assert computed.mismatches == []
    assert [w.message for w in computed.warnings if "bindestrek" in w.message] == [
        "«Sum helse – omsorg» (i eksporten «Sum helse - omsorg», rad 7) er regnet som samme "
        "rad som i «t.csv», for navnene er like bortsett fra bindestrek (-) og tankestrek (–); "
        "tabellen viser navnet slik det står i t.yaml"
    ]


def test_a_group_value_like_another_but_misspelt_is_warned_about(tmp_path: Path) -> None:
    export = EXPORT.replace("Helse;Helsestasjon", "Hesle;Helsestasjon").replace(
        "Helse;Sum helse og omsorg;42500000", "Helse;Sum helse og omsorg;30000000"
    )
    write(tmp_path, "t.csv", export)
    computed, _ = table(write(tmp_path, "t.yaml", SPEC))
    assert [w.display(tmp_path) for w in computed.warnings] == [
        "t.csv:6: rad 6 «Helsestasjon» har «Hesle» i kolonnen «Område», som bare står på 1 rad "
        "og ligner «Helse»; er det en skrivefeil, blir raden en egen gruppe – rett eksporten"
    ]
