"""Official figures within the tolerance (issue 13, item 3): a printed total that differs from
the computed one by no more than `toleranse` is shown as printed, and noted."""

from __future__ import annotations

import shutil
from pathlib import Path

from docx import Document

from .conftest import ROOTS, Ran, run_deckgen
from .pptx_inspect import view
from .test_tables import cells, table, write

# A rammeoversikt in kroner, shown in 1000 kr. In 2025 the parts of «Konsekvensjustert ramme»
# give 2.553.749.400 kr (2.553.749 shown), while the export prints 2.553.750.000 (2.553.750).
RAMME_CSV = (
    "Post;2024;2025\n"
    "Opprinnelig budsjett;2500000000;2500000000\n"
    "Sum vedtak forrige periode;-12000000;-8000000\n"
    "Sum budsjettendringer inneværende år;4500000;4500000\n"
    "Sum lønns- og prisvekst;61250000;57249400\n"
    "Konsekvensjustert ramme;2553750000;2553750000\n"
    "Økt bemanning barnevern;8000000;8000000\n"
    "Effektivisering skoleskyss;-2500000;-5000000\n"
    "Nye tiltak og realendringer;5500000;3000000\n"
    "Ramme 2024–27;2559250000;2556750000\n"
)
RAMME_SPEC = """\
tittel: Rammeoversikt
kilde: ramme.csv
etikett: Post
enhet_kilde: kr
enhet: 1000 kr
kolonner:
  - {navn: "2024", fra: "2024"}
  - {navn: "2025", fra: "2025"}
  - {navn: Endring, avvik: ["2025", "2024"]}
grupper:
  - rader:
      - Opprinnelig budsjett
      - Sum vedtak forrige periode
      - Sum budsjettendringer inneværende år
      - Sum lønns- og prisvekst
    delsum: Konsekvensjustert ramme
  - rader:
      - Økt bemanning barnevern
      - Effektivisering skoleskyss
    delsum: Nye tiltak og realendringer
sum: Ramme 2024–27
"""
PROSE = (
    "Konsekvensjustert ramme 2025: "
    '{{ tabell("tabeller/ramme.yaml").verdi("Konsekvensjustert ramme", "2025") '
    '| beløp("1000 kr") }}. Ramme 2025: '
    '{{ tabell("tabeller/ramme.yaml").verdi("Ramme 2024–27", "2025") | beløp("1000 kr") }}.\n'
)
NOTE = (
    "merk: content/tabeller/ramme.csv:6: rad 6 «Konsekvensjustert ramme», kolonne «2025»: "
    "viser oppgitt 2.553.750, beregnet 2.553.749 (innenfor toleransen på 1; alle tall i "
    "1000 kr)"
)
OFFICIAL_ROWS = [
    ["Post", "2024", "2025", "Endring"],
    ["Opprinnelig budsjett", "2.500.000", "2.500.000", "0"],
    ["Sum vedtak forrige periode", "-12.000", "-8.000", "4.000"],
    ["Sum budsjettendringer inneværende år", "4.500", "4.500", "0"],
    ["Sum lønns- og prisvekst", "61.250", "57.249", "-4.001"],
    ["Konsekvensjustert ramme", "2.553.750", "2.553.750", "0"],
    ["Økt bemanning barnevern", "8.000", "8.000", "0"],
    ["Effektivisering skoleskyss", "-2.500", "-5.000", "-2.500"],
    ["Nye tiltak og realendringer", "5.500", "3.000", "-2.500"],
    ["Ramme 2024–27", "2.559.250", "2.556.750", "-2.500"],
]


def project(tmp_path: Path, csv: str = RAMME_CSV, spec: str = RAMME_SPEC) -> Path:
    """The ramme-avvik project with the rammeoversikt in kroner, a Word chapter and prose."""
    root = tmp_path / "prosjekt"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    tables = root / "content" / "tabeller"
    write(tables, "ramme.csv", csv)
    write(tables, "ramme.yaml", spec)
    write(root / "content", "tekst.md", "## Ramme\n\n" + PROSE)
    chapter = "# Ramme\n\n![Rammeoversikt](tabeller/ramme.yaml)\n\n" + PROSE
    write(root / "content", "kapittel.md", chapter)
    deck = root / "decks" / "ramme.yaml"
    text = deck.read_text(encoding="utf-8")
    write(root / "decks", "ramme.yaml", text + "  - tekst.md\nkapittel: [kapittel.md]\n")
    return root


def run(root: Path, *args: str) -> Ran:
    return run_deckgen(*args, "--prosjekt", str(root), cwd=root)


def built_tables(out: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The rammeoversikt as the slide and the Word chapter show it."""
    slides = view(out / "ramme.pptx")
    slide = next(s.tables[0] for s in slides if s.tables)
    word = Document(str(out / "ramme.docx")).tables[0]
    return slide, [[c.text for c in row.cells] for row in word.rows]


def prose(out: Path) -> tuple[str, str]:
    """The prose line on the slide and in the Word chapter."""
    slides = view(out / "ramme.pptx")
    on_slide = next(t for s in slides for t in s.texts if t.startswith("Konsekvensjustert"))
    paragraphs = Document(str(out / "ramme.docx")).paragraphs
    in_word = next(p.text for p in paragraphs if p.text.startswith("Konsekvensjustert"))
    return on_slide, in_word


def test_the_printed_total_is_shown_and_derived_figures_use_it(tmp_path: Path) -> None:
    write(tmp_path, "ramme.csv", RAMME_CSV)
    spec = write(tmp_path, "ramme.yaml", RAMME_SPEC)
    computed, formatted = table(spec)
    # the subtotal as printed; Endring and the total (a sum of subtotals) computed from it
    assert cells(formatted) == OFFICIAL_ROWS
    assert computed.mismatches == []
    assert computed.warnings == []
    assert [p.display(tmp_path) for p in computed.notes] == [
        NOTE.removeprefix("merk: content/tabeller/")
    ]


def test_build_and_check_show_the_printed_total_and_note_it(tmp_path: Path) -> None:
    root = project(tmp_path)
    out = tmp_path / "ut"
    built = run(root, "build", "ramme", "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines() == [NOTE]
    slide, word = built_tables(out)
    assert slide == OFFICIAL_ROWS
    assert word == OFFICIAL_ROWS
    assert prose(out) == (
        "Konsekvensjustert ramme 2025: 2.553.750. Ramme 2025: 2.556.750.",
        "Konsekvensjustert ramme 2025: 2.553.750. Ramme 2025: 2.556.750.",
    )
    checked = run(root, "check", "ramme")
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.splitlines() == [NOTE]
    assert checked.stdout.startswith("ramme: alt stemmer")


def test_strict_does_not_stop_on_the_note(tmp_path: Path) -> None:
    root = project(tmp_path)
    built = run(root, "build", "ramme", "--strict", "--out", str(tmp_path / "ut"))
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines() == [NOTE]
    checked = run(root, "check", "ramme", "--strict")
    assert (checked.returncode, checked.stderr.splitlines()) == (0, [NOTE])


def test_vis_beregnet_shows_the_computed_figure_and_says_so(tmp_path: Path) -> None:
    root = project(tmp_path, spec=RAMME_SPEC + "vis_beregnet: true\n")
    out = tmp_path / "ut"
    built = run(root, "build", "ramme", "--out", str(out))
    assert built.returncode == 0, built.stderr
    note = (
        "merk: content/tabeller/ramme.csv:6: rad 6 «Konsekvensjustert ramme», kolonne «2025»: "
        "viser beregnet 2.553.749 (vis_beregnet: true), oppgitt 2.553.750 (innenfor "
        "toleransen på 1; alle tall i 1000 kr)"
    )
    total = (
        "merk: content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2025»: "
        "viser beregnet 2.556.749 (vis_beregnet: true), oppgitt 2.556.750 (innenfor "
        "toleransen på 1; alle tall i 1000 kr)"
    )
    assert built.stderr.splitlines() == [note, total]
    computed_rows = [list(r) for r in OFFICIAL_ROWS]
    computed_rows[5] = ["Konsekvensjustert ramme", "2.553.750", "2.553.749", "-1"]
    computed_rows[9] = ["Ramme 2024–27", "2.559.250", "2.556.749", "-2.501"]
    slide, word = built_tables(out)
    assert slide == computed_rows
    assert word == computed_rows
    assert prose(out) == (
        "Konsekvensjustert ramme 2025: 2.553.749. Ramme 2025: 2.556.749.",
        "Konsekvensjustert ramme 2025: 2.553.749. Ramme 2025: 2.556.749.",
    )


def test_beyond_the_tolerance_it_stays_a_mismatch(tmp_path: Path) -> None:
    csv = RAMME_CSV.replace(
        "Konsekvensjustert ramme;2553750000;2553750000",
        "Konsekvensjustert ramme;2553750000;2553751000",
    )
    root = project(tmp_path, csv=csv)
    checked = run(root, "check", "ramme")
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == [
        "avvik: content/tabeller/ramme.csv:6: rad 6 «Konsekvensjustert ramme», kolonne «2025»: "
        "oppgitt 2.553.751, beregnet 2.553.749 (alle tall i 1000 kr)",
        "1 sum(mer) stemmer ikke",
    ]
    built = run(root, "build", "ramme", "--out", str(tmp_path / "ut"))
    assert built.returncode == 1
    assert not (tmp_path / "ut" / "ramme.pptx").exists()


def test_a_control_column_within_the_tolerance_is_shown_as_printed(tmp_path: Path) -> None:
    write(tmp_path, "t.csv", "Post;Budsjett;Regnskap;Avvik\nA;1000;600;401\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\nkolonner:\n"
        "  - {navn: Budsjett, fra: Budsjett}\n"
        "  - {navn: Regnskap, fra: Regnskap}\n"
        "  - {navn: Avvik, avvik: [Budsjett, Regnskap], kontroll: Avvik}\n"
        "  - {navn: Andel, andel: [Avvik, Budsjett]}\n",
    )
    computed, formatted = table(spec)
    # the export's 401 is shown, and the share is computed from it (400 would give 40,0 %)
    assert cells(formatted)[1] == ["A", "1.000", "600", "401", "40,1 %"]
    assert [p.display(tmp_path) for p in computed.notes] == [
        "t.csv:2: rad 2 «A», kolonne «Avvik»: viser oppgitt 401, beregnet 400 (innenfor "
        "toleransen på 1; alle tall i kr)"
    ]


def test_the_total_sums_the_subtotals_as_shown(tmp_path: Path) -> None:
    # both subtotals are printed 0,6 above their parts; the printed total is their sum, 1,2
    # above the parts: checked against the subtotals shown, it adds up
    csv = RAMME_CSV.replace(
        "Effektivisering skoleskyss;-2500000;-5000000",
        "Effektivisering skoleskyss;-2500000;-5000600",
    )
    write(tmp_path, "ramme.csv", csv)
    spec = write(tmp_path, "ramme.yaml", RAMME_SPEC)
    computed, formatted = table(spec)
    assert computed.mismatches == []
    assert cells(formatted)[8:] == [
        ["Nye tiltak og realendringer", "5.500", "3.000", "-2.500"],
        ["Ramme 2024–27", "2.559.250", "2.556.750", "-2.500"],
    ]
    assert [p.location.line for p in computed.notes if p.location] == [6, 9]


def test_a_difference_the_table_cannot_show_is_not_noted_but_prose_gets_the_printed_figure(
    tmp_path: Path,
) -> None:
    # the parts give 2.553.749.900 kr, the export prints 2.553.750.000: both shown 2.553.750
    csv = RAMME_CSV.replace("prisvekst;61250000;57249400", "prisvekst;61250000;57249900")
    write(tmp_path, "ramme.csv", csv)
    spec = write(tmp_path, "ramme.yaml", RAMME_SPEC)
    computed, formatted = table(spec)
    assert cells(formatted)[5] == ["Konsekvensjustert ramme", "2.553.750", "2.553.750", "0"]
    assert computed.notes == []
    assert computed.value("ramme", "Konsekvensjustert ramme", "2025") == 2553750000
    assert computed.value("ramme", "Ramme 2024–27", "2025") == 2556750000


def test_a_read_column_with_a_control_keeps_the_exports_figure_without_a_note(
    tmp_path: Path,
) -> None:
    write(tmp_path, "t.csv", "Post;Beløp;Kontroll\nA;1000;1001\n")
    spec = write(
        tmp_path,
        "t.yaml",
        "kilde: t.csv\netikett: Post\nenhet: kr\n"
        "kolonner: [{navn: Beløp, fra: Beløp, kontroll: Kontroll}]\n",
    )
    computed, formatted = table(spec)
    assert cells(formatted)[1] == ["A", "1.000"]
    assert (computed.notes, computed.mismatches) == ([], [])
