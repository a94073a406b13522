"""Issue 14: «{.nivåer}» and «{.prosess}» in a Word report chapter are lists with bold labels,
not headings with the slide kind written out; a malformed level stops at its line."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from deckgen.brand import load_brand
from tests.conftest import REPO, run_deckgen

CHAPTER = """# Tiltak

## Tiltak på tre nivåer {.nivåer}

- **Indikerte tiltak**: tett oppfølging av de få som trenger mest
- Universelle tiltak: for *alle* barn og unge

## Slik gjør vi det {.prosess}

1. **Kartlegge**: vi finner ut hva barnet trenger
2. Gjennomføre

## Krøllparenteser i tittelen \\{.nivåer\\}

- bare et punkt
"""


def _report(tmp_path: Path, chapter: str) -> Path:
    """A project with one report of one chapter."""
    project = tmp_path / "prosjekt"
    (project / "content").mkdir(parents=True)
    (project / "reports").mkdir()
    (project / "deckgen.yaml").write_text("merkevare: drammen\n", encoding="utf-8")
    (project / "content" / "k.md").write_text(chapter, encoding="utf-8")
    (project / "reports" / "r.yaml").write_text(
        "tittel: Plan\nundertittel: U\ndato: 2024-01-01\nemne: E\nkapitler: [k.md]\n",
        encoding="utf-8",
    )
    return project


def test_levels_and_process_in_a_report_are_lists_with_bold_labels(
    tmp_path: Path, no_libreoffice: str
) -> None:
    project = _report(tmp_path, CHAPTER)
    result = run_deckgen("build", "r", "-p", str(project), "--out", str(tmp_path / "ut"))
    assert result.returncode == 0, result.stderr
    document = Document(str(tmp_path / "ut" / "r.docx"))
    styles = load_brand(REPO / "brand", "drammen").stiler
    body = [
        (p.style.name, p.text, [(r.text, bool(r.bold), bool(r.italic)) for r in p.runs])
        for p in document.paragraphs
    ]
    start = next(i for i, row in enumerate(body) if row[1] == "Tiltak på tre nivåer")
    assert [(style, text) for style, text, _ in body[start:]] == [
        (styles.overskrift.format(nivå=2), "Tiltak på tre nivåer"),
        (styles.punkt, "Indikerte tiltak: tett oppfølging av de få som trenger mest"),
        (styles.punkt, "Universelle tiltak: for alle barn og unge"),
        (styles.overskrift.format(nivå=2), "Slik gjør vi det"),
        (styles.nummerert, "Kartlegge: vi finner ut hva barnet trenger"),
        (styles.nummerert, "Gjennomføre"),
        (styles.overskrift.format(nivå=2), "Krøllparenteser i tittelen {.nivåer}"),
        (styles.punkt, "bare et punkt"),
    ]
    assert body[start + 2][2] == [
        ("Universelle tiltak: ", True, False),
        ("for ", False, False),
        ("alle", False, True),
        (" barn og unge", False, False),
    ]
    assert body[start + 5][2] == [("Gjennomføre", True, False)]


def test_a_level_without_a_label_in_a_report_stops_at_its_line(
    tmp_path: Path, no_libreoffice: str
) -> None:
    chapter = "# Tiltak\n\n## Nivåer {.nivåer}\n\n- **Topp**: få\n- bare tekst\n"
    result = run_deckgen("check", "r", "-p", str(_report(tmp_path, chapter)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/k.md:6: hvert nivå har et navn (uthevet eller foran kolon): skriv "
        "«- **Universelle tiltak**: for alle barn og unge»"
    ]


def test_other_content_and_too_many_steps_in_a_report_say_so_without_slide_advice(
    tmp_path: Path, no_libreoffice: str
) -> None:
    steps = "".join(f"{n}. Steg {n}\n" for n in range(1, 9))
    chapter = (
        "# Tiltak\n\n## Nivåer {.nivåer}\n\nInnledning.\n\n- **Topp**: se [her](https://a.no)\n"
        f"- **Bunn**: alle\n\n## Prosess {{.prosess}}\n\n{steps}"
    )
    result = run_deckgen("check", "r", "-p", str(_report(tmp_path, chapter)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/k.md:5: tekst utenfor punktlisten: under en overskrift med «{.nivåer}» "
        "står bare én punktliste der hvert punkt skrives «- **Universelle tiltak**: for alle "
        "barn og unge»; skriv annen tekst, tabeller og bilder under en egen overskrift",
        "feil: content/k.md:7: lenker og fotnoter kan ikke stå i et nivå under en overskrift "
        "med «{.nivåer}»; skriv dem i et avsnitt under en egen overskrift",
        "feil: content/k.md:10: listen under en overskrift med «{.prosess}» har 2–7 punkter "
        "(fant 8), som figuren på lysbildet; del listen i to, eller slå sammen punkter",
    ]


def test_a_slide_kind_on_a_report_heading_stops_instead_of_showing_its_braces(
    tmp_path: Path, no_libreoffice: str
) -> None:
    chapter = "# Tiltak\n\n## Datoer {.tidsplan}\n\n- 24. april: møte\n"
    result = run_deckgen("check", "r", "-p", str(_report(tmp_path, chapter)))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: content/k.md:3: «{.tidsplan}» på slutten av en overskrift virker bare på "
        "lysbilder; i en rapport kan en overskrift slutte med {.nivåer} eller {.prosess}. Skal "
        "krøllparentesene stå i tittelen, skriv «\\{» og «\\}»"
    ]
