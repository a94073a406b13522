"""Budget tables: every table kind, sources in CSV and Excel, bad cells and the integrity check."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.data.tables import load_table
from deckgen.errors import DeckgenError, SourceLocation
from deckgen.model import RowStyle
from deckgen.numbers import DRAMMEN, SPRAKRADET

from .conftest import REPO, ROOTS, run_deckgen


def table(spec: Path, style=DRAMMEN):  # type: ignore[no-untyped-def]
    computed = load_table(spec, SourceLocation(spec), spec.parent)
    return computed, computed.format(style)


def cells(formatted) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in formatted.header]] + [
        [c.text for c in r.cells] for r in formatted.rows
    ]


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def test_economic_result_hoau_matches_the_seed() -> None:
    computed, formatted = table(REPO / "content/hoau/tabeller/okonomi-2023.yaml")
    assert cells(formatted) == [
        [
            "Tjenesteområde",
            "Revidert budsjett 2023",
            "Regnskap 2023",
            "Avvik i kroner",
            "Avvik i prosent",
        ],
        ["P01 Skole", "1.218.837", "1.216.746", "2.091", "0,2 %"],
        ["P02 Barnehage", "918.157", "923.382", "-5.226", "-0,6 %"],
        ["P03 Forebyggende tjenester", "449.642", "445.281", "4.361", "1,0 %"],
        ["Sum", "2.586.636", "2.585.410", "1.226", "0,0 %"],
    ]
    assert formatted.caption == "Alle tall i 1000 kr"
    assert formatted.align == ["left", "right", "right", "right", "right"]
    assert [r.style for r in formatted.rows][-1] is RowStyle.TOTAL
    assert computed.mismatches == []


def test_economic_result_haai_matches_the_seed_with_uniform_formatting() -> None:
    _, formatted = table(REPO / "content/haai/tabeller/okonomi-2023.yaml")
    assert cells(formatted)[1] == [
        "P05 Mennesker med nedsatt funksjonsevne",
        "442.644",
        "458.460",
        "-15.817",
        "-3,6 %",
    ]
    assert cells(formatted)[-1] == ["Sum", "1.122.139", "1.124.793", "-2.654", "-0,2 %"]


def test_sprakradet_style() -> None:
    _, formatted = table(REPO / "content/hoau/tabeller/okonomi-2023.yaml", SPRAKRADET)
    assert cells(formatted)[2][1:] == [
        "918\u00a0157",
        "923\u00a0382",
        "\u22125\u00a0226",
        "\u22120,6\u00a0%",
    ]


def test_fund_movements_opening_movements_closing() -> None:
    computed, formatted = table(REPO / "content/felles/tabeller/disposisjonsfond-2023.yaml")
    assert cells(formatted)[1] == ["Saldo disposisjonsfond pr. 01.01.23", "843.729"]
    assert cells(formatted)[-1] == ["Saldo disposisjonsfond pr. 31.12.23", "605.694"]
    assert computed.mismatches == []


def test_rammeoversikt_subtotals_and_total_and_a_mismatch() -> None:
    computed, formatted = table(ROOTS / "ramme-avvik/content/tabeller/ramme.yaml")
    rows = cells(formatted)
    assert [r[0] for r in rows] == [
        "Post",
        "Opprinnelig budsjett",
        "Sum vedtak forrige periode",
        "Sum budsjettendringer inneværende år",
        "Sum lønns- og prisvekst",
        "Konsekvensjustert ramme",
        "Økt bemanning barnevern",
        "Effektivisering skoleskyss",
        "Nye tiltak og realendringer",
        "Ramme 2024–27",
    ]
    assert rows[5] == [
        "Konsekvensjustert ramme",
        "2.553.750",
        "2.550.750",
        "2.547.750",
        "2.547.750",
    ]
    assert rows[-1] == ["Ramme 2024–27", "2.559.250", "2.553.750", "2.550.750", "2.550.750"]
    styles = [r.style for r in formatted.rows]
    assert styles[4] is RowStyle.SUBTOTAL and styles[7] is RowStyle.SUBTOTAL
    assert styles[8] is RowStyle.TOTAL
    assert [p.display(ROOTS / "ramme-avvik") for p in computed.mismatches] == [
        "content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2026»: oppgitt 2.550.850, "
        "beregnet 2.550.750 (alle tall i 1000 kr)"
    ]


def test_check_command_exits_1_and_names_row_column_values_and_file() -> None:
    result = run_deckgen("check", "ramme", "--prosjekt", str(ROOTS / "ramme-avvik"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "avvik: content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2026»: "
        "oppgitt 2.550.850, beregnet 2.550.750 (alle tall i 1000 kr)",
        "1 sum(mer) stemmer ikke",
    ]


def test_build_refuses_mismatch_unless_told(tmp_path: Path) -> None:
    base = ["build", "ramme", "--prosjekt", str(ROOTS / "ramme-avvik"), "--out", str(tmp_path)]
    refused = run_deckgen(*base)
    assert refused.returncode == 1 and not (tmp_path / "ramme.pptx").exists()
    accepted = run_deckgen(*base, "--godta-avvik")
    assert accepted.returncode == 0
    assert "bygget med --godta-avvik" in accepted.stderr
    assert (tmp_path / "ramme.pptx").is_file()


def test_investment_budget_from_excel_with_row_sum_and_owner_subtotals(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Forside"
    sheet["A1"] = "Eksport fra økonomisystemet"
    data = book.create_sheet("Investeringer")
    data.append(["Investeringsbudsjett 2024–2027"])
    data.append([])
    data.append(["Prosjekt", "2024", "2025", "2026", "2027"])
    data.append(["Ny barneskole", 120_000_000, 80_500_000, None, None])
    data.append(["Skoleutstyr", 5_000_000, "5.000.000", 5_000_000, 5_000_000])
    data.append(["Omsorgsboliger", 40_000_000, 60_000_000, 20_000_000, None])
    book.save(tmp_path / "investering.xlsx")
    spec = write(
        tmp_path,
        "investering.yaml",
        """
kilde: investering.xlsx
ark: Investeringer
overskriftsrad: 3
etikett: Prosjekt
enhet_kilde: kr
enhet: 1000 kr
kolonner:
  - {navn: "2024", fra: "2024"}
  - {navn: "2025", fra: "2025"}
  - {navn: "2026", fra: "2026"}
  - {navn: "2027", fra: "2027"}
  - {navn: Sum, sum: ["2024", "2025", "2026", "2027"]}
grupper:
  - rader: [Ny barneskole, Skoleutstyr]
    delsum: Sum investeringer kommunekassen
  - rader: [Omsorgsboliger]
    delsum: Sum investeringer eiendomsselskapet
sum: Sum investeringer
""",
    )
    _, formatted = table(spec)
    assert cells(formatted) == [
        ["Prosjekt", "2024", "2025", "2026", "2027", "Sum"],
        ["Ny barneskole", "120.000", "80.500", "", "", "200.500"],
        ["Skoleutstyr", "5.000", "5.000", "5.000", "5.000", "20.000"],
        ["Sum investeringer kommunekassen", "125.000", "85.500", "5.000", "5.000", "220.500"],
        ["Omsorgsboliger", "40.000", "60.000", "20.000", "", "120.000"],
        ["Sum investeringer eiendomsselskapet", "40.000", "60.000", "20.000", "", "120.000"],
        ["Sum investeringer", "165.000", "145.500", "25.000", "5.000", "340.500"],
    ]


def test_yearly_series_in_percent(tmp_path: Path) -> None:
    write(
        tmp_path,
        "serie.csv",
        'Nøkkeltall,2021,2022,2023\nSykefravær,"14,0 %","11,8 %","14,6 %"\n'
        'Turnover,"13,2 %","12,2 %","11,2 %"\n',
        encoding="cp1252",
    )
    spec = write(
        tmp_path,
        "serie.yaml",
        """
kilde: serie.csv
etikett: Nøkkeltall
tekst: "Kilde: årsevalueringen 2023"
kursiv: [Turnover]
kolonner:
  - {navn: "2021", fra: "2021", format: prosent}
  - {navn: "2022", fra: "2022", format: prosent}
  - {navn: "2023", fra: "2023", format: prosent}
""",
    )
    _, formatted = table(spec)
    assert cells(formatted)[1:] == [
        ["Sykefravær", "14,0 %", "11,8 %", "14,6 %"],
        ["Turnover", "13,2 %", "12,2 %", "11,2 %"],
    ]
    assert formatted.rows[1].style is RowStyle.RATIO
    assert formatted.caption == "Kilde: årsevalueringen 2023"


def test_csv_with_bom_and_comma_separator(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", "\ufeffPost,Beløp\nA,1000\nB,2000\n")
    spec = write(
        tmp_path,
        "a.yaml",
        "kilde: a.csv\netikett: Post\nenhet: kr\nkolonner: [{navn: Beløp, fra: Beløp}]\nsum: Sum\n",
    )
    assert cells(table(spec)[1])[-1] == ["Sum", "3.000"]


def test_bad_cells_reported_by_file_row_and_column(tmp_path: Path) -> None:
    write(tmp_path, "feil.csv", "Post;Beløp\nA;12,3,4\nB;abc\nC;5\n")
    spec = write(
        tmp_path,
        "feil.yaml",
        "kilde: feil.csv\netikett: Post\nenhet: kr\nkolonner: [{navn: Beløp, fra: Beløp}]\n",
    )
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "feil.csv:2: rad 2, kolonne «Beløp»: «12,3,4» er ikke et tall",
        "feil.csv:3: rad 3, kolonne «Beløp»: «abc» er ikke et tall",
    ]


def test_empty_cells_stay_empty_unless_spec_says_zero(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;A;B\nX;;5\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\n"
        "kolonner: [{navn: A, fra: A}, {navn: B, fra: B}, {navn: Avvik, avvik: [A, B]}]\n",
    )
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    assert [p.message for p in caught.value.problems] == [
        "rad 2 «X», kolonne «A» er tom, men «Avvik» regnes ut av den; skriv 0 i eksporten "
        "hvis beløpet er null, eller sett tomme_som_null: true i t.yaml"
    ]
    spec.write_text(
        spec.read_text(encoding="utf-8") + "tomme_som_null: true\nnullverdi: –\n", encoding="utf-8"
    )
    assert cells(table(spec)[1])[1] == ["X", "–", "5", "-5"]


def test_missing_sheet_and_unknown_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Post", "Beløp"])
    book.active.append(["A", 1000])
    book.save(tmp_path / "b.xlsx")
    spec = write(
        tmp_path,
        "b.yaml",
        "kilde: b.xlsx\nark: Data\netikett: Post\nkolonner: [{navn: Beløp, fra: Beløp}]\n",
    )
    with pytest.raises(DeckgenError, match="arket «Data» finnes ikke i «b.xlsx»; arkene er: Sheet"):
        table(spec)
    spec.write_text(
        "kilde: b.xlsx\netikett: Post\nkolonner:\n  - {navn: Beløp, fra: Belop}\n", encoding="utf-8"
    )
    with pytest.raises(DeckgenError) as caught:
        table(spec)
    assert [p.display(tmp_path) for p in caught.value.problems] == [
        "b.yaml:4: kilden «b.xlsx» (arket «Sheet») har ingen kolonne «Belop» (mente du «Beløp»?)"
    ]
