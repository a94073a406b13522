"""`deckgen table <spec.yaml>`: the computed table in the terminal, exit codes as `check`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, ROOTS, run_deckgen

RAMME = ROOTS / "ramme-avvik"


def small_project(tmp_path: Path) -> Path:
    """A project with one small table: a group with a subtotal, a total and a ratio row."""
    (tmp_path / "decks").mkdir()
    (tmp_path / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    tables = tmp_path / "content" / "tabeller"
    tables.mkdir(parents=True)
    (tables / "t.csv").write_text(
        "Post;2024;2025\nA;1000500;-2000\nB;2500;300000\nResultatgrad;0,6 %;1,2 %\n",
        encoding="utf-8",
    )
    (tables / "t.yaml").write_text(
        "tittel: Liten tabell\nkilde: t.csv\netikett: Post\nkolonner:\n"
        '  - {navn: "2024", fra: "2024"}\n  - {navn: "2025", fra: "2025"}\n'
        "grupper:\n  - rader: [A, B]\n    delsum: Sum drift\nsum: Totalt\n"
        "kursiv: [Resultatgrad]\n",
        encoding="utf-8",
    )
    return tmp_path


def test_the_table_is_printed_aligned_with_subtotal_and_total_marked(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    result = run_deckgen("table", "content/tabeller/t.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Liten tabell",
        "",
        "Post           2024   2025",
        "────────────  ─────  ─────",
        "A             1.001     -2",
        "B                 3    300",
        "──────────────────────────",
        "Sum drift     1.003    298",
        "══════════════════════════",
        "Totalt        1.003    298",
        "Resultatgrad  0,6 %  1,2 %",
        "Alle tall i 1000 kr",
    ]
    assert result.stderr == ""


def test_from_a_subfolder_or_with_prosjekt_and_another_number_style(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    inside = run_deckgen("table", "t.yaml", cwd=project / "content" / "tabeller")
    assert inside.returncode == 0 and "A             1.001     -2" in inside.stdout
    other = run_deckgen(
        "table", "content/tabeller/t.yaml", "--prosjekt", str(project), "--tallformat",
        "språkrådet", cwd=ROOTS,
    )  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert "A             1\u00a0001     \u22122" in other.stdout.splitlines()


def test_a_mismatch_is_marked_in_the_table_and_listed_with_file_and_line() -> None:
    result = run_deckgen("table", "content/tabeller/ramme.yaml", cwd=RAMME)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-4:] == [
        "═" * 84,
        "Ramme 2024–27                         2.559.250   2.553.750   2.550.750!  2.550.750",
        "Alle tall i 1000 kr",
        "! = stemmer ikke med summen i kilden (avvik, se under)",
    ]
    assert (
        lines[2]
        == "Post                                       2024        2025        2026        2027"
    )
    assert result.stderr.splitlines() == [
        "avvik: content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2026»: "
        "oppgitt 2.550.850, beregnet 2.550.750 (alle tall i 1000 kr)",
        "1 sum(mer) stemmer ikke",
    ]


def test_an_accepted_mismatch_exits_0_and_still_says_so() -> None:
    result = run_deckgen("table", "content/tabeller/ramme.yaml", "--godta-avvik", cwd=RAMME)
    assert result.returncode == 0
    assert "2.550.750!" in result.stdout
    assert result.stderr.splitlines() == [
        "advarsel: content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2026»: "
        "oppgitt 2.550.850, beregnet 2.550.750 (alle tall i 1000 kr)",
    ]


def test_an_unknown_spec_path_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    result = run_deckgen("table", "content/tabeller/s.yaml", cwd=project)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "feil: tabellfilen «content/tabeller/s.yaml» finnes ikke (verken fra mappen du står i "
        "eller fra prosjektmappen) (mente du «content/tabeller/t.yaml»?)"
    ]
    outside = run_deckgen("table", "../t.yaml", cwd=project)
    assert outside.returncode == 1
    assert outside.stderr == "feil: ../t.yaml: tabellfilen «../t.yaml» peker ut av prosjektmappen\n"


def test_a_bad_spec_gives_the_build_error_and_a_bad_number_style_lists_the_choices(
    tmp_path: Path,
) -> None:
    project = small_project(tmp_path)
    spec = project / "content" / "tabeller" / "t.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace('fra: "2025"', 'fra: "2026"'))
    result = run_deckgen("table", "content/tabeller/t.yaml", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        "feil: content/tabeller/t.yaml:6: kilden «t.csv» har ingen kolonne «2026» "
        "(mente du «2025»?)\n"
    )
    style = run_deckgen("table", "content/tabeller/t.yaml", "--tallformat", "norsk", cwd=project)
    assert style.returncode == 1
    assert (
        style.stderr
        == "feil: ukjent tallformat «norsk» i --tallformat; gyldige: drammen, språkrådet\n"
    )


def test_the_table_command_loads_no_writer_or_heavy_library(tmp_path: Path) -> None:
    """What keeps it well under a second (0,3–0,4 s measured): no pptx, docx, pandas or openpyxl."""
    project = small_project(tmp_path)
    code = (
        "import sys\nfrom deckgen import cli\nsys.argv = ['deckgen', 'table', "
        "'content/tabeller/t.yaml']\ntry:\n    cli.main()\nexcept SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "heavy = ('pandas', 'pptx', 'docx', 'openpyxl')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert ran.stdout.splitlines()[-1] == "[]"


def test_without_a_project_brand_the_documents_decide_the_number_style(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    (project / "deckgen.yaml").unlink()
    deck = "tittel: T\ndato: 2024-01-01\ninnhold: [t.md]\nmerkevare: {}\n"
    (project / "decks" / "a.yaml").write_text(deck.format("lysvik"), encoding="utf-8")
    result = run_deckgen("table", "content/tabeller/t.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "A             1\u00a0001     \u22122" in result.stdout.splitlines()
    (project / "decks" / "b.yaml").write_text(deck.format("drammen"), encoding="utf-8")
    both = run_deckgen("table", "content/tabeller/t.yaml", cwd=project)
    assert both.returncode == 1 and both.stdout == ""
    assert both.stderr == (
        "feil: content/tabeller/t.yaml: tabellbeskrivelsen har ikke tallformat:, og prosjektet "
        "viser tall på flere måter (drammen i b; språkrådet i a); velg med --tallformat drammen "
        "eller --tallformat språkrådet (eller skriv «merkevare:» i deckgen.yaml)\n"
    )
    chosen = run_deckgen("table", "content/tabeller/t.yaml", "--tallformat", "drammen", cwd=project)
    assert chosen.returncode == 0 and "A             1.001     -2" in chosen.stdout

    for deck in ("a", "b"):
        (project / "decks" / f"{deck}.yaml").unlink()
    none = run_deckgen("table", "content/tabeller/t.yaml", cwd=project)
    assert none.returncode == 1
    assert none.stderr == (  # not «flere måter ()»
        "feil: content/tabeller/t.yaml: tabellbeskrivelsen har ikke tallformat:, og ingen "
        "presentasjon eller rapport i prosjektet sier hvilken merkevare (og dermed hvilket "
        "tallformat) den bruker; velg med --tallformat drammen eller --tallformat språkrådet "
        "(eller skriv «merkevare:» i deckgen.yaml)\n"
    )


def test_warnings_beside_a_mismatch_are_labelled_warnings(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    tables = project / "content" / "tabeller"
    (tables / "t.csv").write_text(
        "Post;2024;2025\nA;1000500;-2000\nSum A;1000500;-2000\nTotalt;1;1\n"
        "Resultatgrad;0,6 %;1,2 %\n",
        encoding="utf-8",
    )
    spec = (tables / "t.yaml").read_text(encoding="utf-8")
    spec = spec.replace("grupper:\n  - rader: [A, B]\n    delsum: Sum drift\n", "")
    (tables / "t.yaml").write_text(spec, encoding="utf-8")
    ran = run_deckgen("table", "content/tabeller/t.yaml", "-p", str(project))
    assert ran.returncode == 1
    labels = [line.split(":")[0] for line in ran.stderr.splitlines()]
    assert "feil" not in labels and labels.count("avvik") == 2 and "advarsel" in labels
