"""A percent column on the sum row (user test, round 24): the export's figure is never dropped,
and a percent that does not agree within the rounding of its shown figure is a mismatch."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .conftest import Ran, run_deckgen
from .pptx_inspect import view
from .test_tables import cells, table, write

BUDGET_CSV = (
    "Tjeneste;Regnskap 2023;Budsjett 2024;Budsjett 2025;Endring i %\n"
    "Grunnskole;312 455 120;318 900 000;326 450 000;2,4\n"
    "Barnehage;363 771 750;374 100 000;384 070 000;2,7\n"
    "Sum;676 226 870;693 000 000;710 520 000;2,5\n"
)
GIVEN_SPEC = """\
tittel: Budsjett per tjeneste
kilde: budsjett.csv
etikett: Tjeneste
kolonner:
  - navn: Budsjett 2024
    fra: Budsjett 2024
  - navn: Budsjett 2025
    fra: Budsjett 2025
  - navn: Endring i %
    fra: Endring i %
    format: prosent
sum: Sum
"""
CHECKED_SPEC = """\
tittel: Budsjett per tjeneste
kilde: budsjett.csv
etikett: Tjeneste
kolonner:
  - {navn: Budsjett 2024, fra: Budsjett 2024}
  - {navn: Budsjett 2025, fra: Budsjett 2025}
  - {navn: Endring i kroner, avvik: [Budsjett 2025, Budsjett 2024]}
  - navn: Endring i %
    andel: [Endring i kroner, Budsjett 2024]
    kontroll: Endring i %
sum: Sum
"""
GIVEN_NOTE = (
    "merk: content/tabeller/budsjett.csv:4: rad 4 «Sum», kolonne «Endring i %»: viser 2,5 % "
    "slik det står i eksporten, ikke kontrollert (en prosentkolonne kan ikke summeres; regn "
    "den ut med andel: og kontroll:, så kontrolleres den)"
)
PROSE = '{{ tabell("tabeller/budsjett.yaml").verdi("Sum", "Endring i %") | prosent }}'


def project(tmp_path: Path, csv: str, spec: str) -> Path:
    """A deck with the budget table and a line of prose reading its Sum percent."""
    root = tmp_path / "prosjekt"
    write_all(
        root,
        {
            "deckgen.yaml": "merkevare: drammen\n",
            "decks/budsjett.yaml": "tittel: Budsjett\ndato: 2024-10-01\ninnhold: [tekst.md]\n",
            "content/tekst.md": (
                "## Budsjett\n\n![Budsjett per tjeneste](tabeller/budsjett.yaml)\n\n"
                f"## Endring\n\nEndringen er {PROSE}.\n"
            ),
            "content/tabeller/budsjett.csv": csv,
            "content/tabeller/budsjett.yaml": spec,
        },
    )
    return root


def write_all(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path.parent, path.name, text)


def run(root: Path, *args: str) -> Ran:
    return run_deckgen(*args, "--prosjekt", str(root), cwd=root)


def test_a_percent_column_read_with_fra_shows_the_exports_sum_figure(tmp_path: Path) -> None:
    write(tmp_path, "budsjett.csv", BUDGET_CSV)
    computed, formatted = table(write(tmp_path, "budsjett.yaml", GIVEN_SPEC))
    assert cells(formatted)[-1] == ["Sum", "693.000", "710.520", "2,5 %"]
    assert computed.value("t", "Sum", "Endring i %") == Decimal("0.025")
    assert [p.display(tmp_path) for p in computed.notes] == [
        GIVEN_NOTE.removeprefix("merk: content/tabeller/")
    ]


def test_build_strict_shows_the_given_percent_on_slide_and_in_prose(tmp_path: Path) -> None:
    root = project(tmp_path, BUDGET_CSV, GIVEN_SPEC)
    out = tmp_path / "ut"
    built = run(root, "build", "budsjett", "--strict", "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines() == [GIVEN_NOTE]
    slides = view(out / "budsjett.pptx")
    assert next(s.tables[0] for s in slides if s.tables)[-1] == [
        "Sum",
        "693.000",
        "710.520",
        "2,5 %",
    ]
    assert "Endringen er 2,5 %." in [t for s in slides for t in s.texts]
    shown = run(root, "table", "content/tabeller/budsjett.yaml")
    assert shown.returncode == 0, shown.stderr
    assert "Sum               693.000        710.520        2,5 %" in shown.stdout.splitlines()
    assert GIVEN_NOTE in shown.stdout.splitlines() + shown.stderr.splitlines()


def test_a_computed_percent_agreeing_within_rounding_passes(tmp_path: Path) -> None:
    # 17.520 / 693.000 = 2,528 %: the export's 2,5 is that figure rounded
    write(tmp_path, "budsjett.csv", BUDGET_CSV)
    computed, formatted = table(write(tmp_path, "budsjett.yaml", CHECKED_SPEC))
    assert cells(formatted)[-1] == ["Sum", "693.000", "710.520", "17.520", "2,5 %"]
    assert computed.mismatches == []
    assert computed.notes == []


def test_a_percent_one_point_off_stops_the_build(tmp_path: Path) -> None:
    wrong = BUDGET_CSV.replace("710 520 000;2,5", "710 520 000;3,5")
    root = project(tmp_path, wrong, CHECKED_SPEC)
    built = run(root, "build", "budsjett", "--strict", "--out", str(tmp_path / "ut"))
    assert built.returncode == 1
    assert (
        "avvik: content/tabeller/budsjett.csv:4: rad 4 «Sum», kolonne «Endring i %»: oppgitt "
        "3,5 %, beregnet 2,5 % (et prosenttall vist med 1 desimal(er) må stemme innenfor "
        "avrundingen, 0,05 prosentpoeng)"
    ) in built.stderr.splitlines()


def test_a_percent_a_tenth_off_is_a_mismatch_and_half_a_tenth_is_not(tmp_path: Path) -> None:
    # Grunnskole 7.550 / 318.900 = 2,367 %: 2,4 agrees, 2,3 (0,067 points off) does not
    write(tmp_path, "budsjett.csv", BUDGET_CSV.replace("326 450 000;2,4", "326 450 000;2,3"))
    computed, _ = table(write(tmp_path, "budsjett.yaml", CHECKED_SPEC))
    assert [p.display(tmp_path) for p in computed.mismatches] == [
        "budsjett.csv:2: rad 2 «Grunnskole», kolonne «Endring i %»: oppgitt 2,3 %, beregnet "
        "2,4 % (et prosenttall vist med 1 desimal(er) må stemme innenfor avrundingen, 0,05 "
        "prosentpoeng)"
    ]


def test_a_sum_over_empty_cells_is_checked_against_the_export(tmp_path: Path) -> None:
    # every row empty in «Budsjett 2025», but the export's Sum says 710.520: not dropped
    csv = (
        "Tjeneste;Budsjett 2024;Budsjett 2025\n"
        "Grunnskole;318 900 000;\n"
        "Barnehage;374 100 000;\n"
        "Sum;693 000 000;710 520 000\n"
    )
    write(tmp_path, "budsjett.csv", csv)
    spec = GIVEN_SPEC.replace(
        "  - navn: Endring i %\n    fra: Endring i %\n    format: prosent\n", ""
    )
    computed, _ = table(write(tmp_path, "budsjett.yaml", spec))
    assert [p.display(tmp_path) for p in computed.mismatches] == [
        "budsjett.csv:4: rad 4 «Sum», kolonne «Budsjett 2025»: oppgitt 710.520, beregnet 0 "
        "(alle tall i 1000 kr)"
    ]
