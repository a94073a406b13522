"""`deckgen new` (a deck with one example of every slide kind, and a project when asked for one)
and the shell completion of names (issue 18, items 1 and 3)."""

from __future__ import annotations

import fnmatch
import shutil
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import REPO, ROOTS, run_deckgen

SCAFFOLD = REPO / "deckgen" / "scaffold_files"
WRITTEN = [
    "content/budsjett/bilder/kommunehus.png",
    "content/budsjett/diagrammer/budsjett.yaml",
    "content/budsjett/fakta.yaml",
    "content/budsjett/kapittel.md",
    "content/budsjett/lysbilder.md",
    "content/budsjett/tabeller/budsjett.csv",
    "content/budsjett/tabeller/budsjett.yaml",
    "decks/budsjett.yaml",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with deckgen.yaml naming its brand, and one deck already."""
    target = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", target)
    return target


def test_new_deck_builds_strict_with_no_warning_and_passes_uu(project: Path) -> None:
    made = run_deckgen("new", "budsjett", "--dato", "2025-05-07", cwd=project)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    assert made.stdout.splitlines() == [
        *(f"skrev {path}" for path in WRITTEN),
        "Bygg den med «deckgen build budsjett», og se lysbildene med «deckgen preview budsjett».",
    ]
    built = run_deckgen("build", "budsjett", "--strict", cwd=project)
    assert (built.returncode, built.stderr) == (0, "")
    assert built.stdout == "skrev build/budsjett.pptx (15 lysbilder)\nskrev build/budsjett.docx\n"
    assert (project / "build" / "budsjett.pptx").is_file()
    checked = run_deckgen("check", "--uu", "--strict", "budsjett", cwd=project)
    assert (checked.returncode, checked.stderr) == (0, "")
    assert checked.stdout == "budsjett: alt stemmer (15 lysbilder)\n"


def test_new_deck_has_every_slide_kind_a_data_table_and_a_chart(project: Path) -> None:
    from deckgen.documents import load_document
    from deckgen.model import Chart, SlideKind, Table
    from deckgen.project import Project

    assert run_deckgen("new", "budsjett", cwd=project).returncode == 0
    deck = load_document(Project(project), "budsjett").deck
    assert deck is not None
    kinds = {slide.kind for slide in deck.slides}
    assert kinds >= set(SlideKind) - {SlideKind.TITLE}
    blocks = [block for slide in deck.slides for block in slide.blocks]
    assert any(isinstance(block, Chart) for block in blocks)
    tables = [block for block in blocks if isinstance(block, Table)]
    assert len(tables) == 2  # one from the data file, one written in Markdown
    numbers = [slide for slide in deck.slides if slide.title == "Økonomien i korte trekk"][0]
    text = repr(numbers.blocks)
    assert "2.112,1 millioner kroner" in text and "6,5 %" in text


def test_the_deck_file_names_title_committee_and_date(project: Path) -> None:
    ran = run_deckgen(
        "new", "helse-2025", "--tittel", "Årsmelding: helse", "--utvalg", "Hovedutvalget for helse",
        "--dato", "2025-05-07", cwd=project,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    text = (project / "decks" / "helse-2025.yaml").read_text(encoding="utf-8")
    assert 'tittel: "Årsmelding: helse"\n' in text
    assert 'utvalg: "Hovedutvalget for helse"\n' in text
    assert "dato: 2025-05-07\n" in text
    assert "\nmerkevare:" not in text  # the project's brand, from deckgen.yaml
    assert "  - helse-2025/lysbilder.md\n" in text
    assert run_deckgen("build", "helse-2025", "--strict", cwd=project).returncode == 0


def test_new_twice_is_refused_and_changes_nothing(project: Path) -> None:
    assert run_deckgen("new", "budsjett", cwd=project).returncode == 0
    deck = project / "decks" / "budsjett.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + "# mitt\n", encoding="utf-8")
    again = run_deckgen("new", "budsjett", cwd=project)
    assert again.returncode == 1
    assert again.stderr == (
        "feil: «budsjett» finnes allerede (decks/budsjett.yaml, content/budsjett); velg et "
        "annet navn, eller slett det som er der først. deckgen new skriver aldri over noe\n"
    )
    assert deck.read_text(encoding="utf-8").endswith("# mitt\n")


def test_a_name_used_by_content_alone_is_refused(project: Path) -> None:
    ran = run_deckgen("new", "demo", cwd=project)
    assert ran.returncode == 1
    assert "«demo» finnes allerede (decks/demo.yaml, content/demo)" in ran.stderr


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("min deck", " (for eksempel «min-deck»)"),
        ("../x", " (for eksempel «x»)"),
        (".skjult", " (for eksempel «skjult»)"),
        ("???", ""),
    ],
)
def test_a_name_that_is_no_file_name_is_refused(project: Path, name: str, hint: str) -> None:
    ran = run_deckgen("new", name, cwd=project)
    assert ran.returncode == 1
    assert ran.stderr == (
        f"feil: «{name}» kan ikke brukes som navn på en presentasjon: bruk bokstaver, tall, "
        "bindestrek (-) og understrek (_), begynn med en bokstav eller et tall, høyst 64 tegn"
        f"{hint}\n"
    )
    assert not (project / "content" / "x").exists()


def test_a_windows_device_name_is_refused(project: Path) -> None:
    ran = run_deckgen("new", "CON", cwd=project)
    assert ran.returncode == 1
    assert ran.stderr == (
        "feil: «CON» kan ikke brukes som navn: det er et reservert filnavn i Windows\n"
    )


def test_outside_a_project_new_says_how_to_start_one(tmp_path: Path) -> None:
    ran = run_deckgen("new", "budsjett", cwd=tmp_path)
    assert ran.returncode == 1
    assert ran.stderr == (
        "feil: fant ingen deckgen-prosjekt (en mappe med decks/ eller reports/) i denne mappen "
        "eller over den. Gå til prosjektmappen, eller lag et nytt prosjekt med «deckgen new "
        "NAVN --prosjekt MAPPE» (for eksempel «--prosjekt .» for mappen du står i)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_new_with_prosjekt_makes_a_project_that_builds(tmp_path: Path) -> None:
    ran = run_deckgen("new", "budsjett", "--prosjekt", "ny", "--merkevare", "drammen", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == "laget et nytt prosjekt i ny"
    assert "skrev ny/deckgen.yaml" in ran.stdout.splitlines()
    assert "merkevare: drammen\n" in (tmp_path / "ny" / "deckgen.yaml").read_text("utf-8")
    built = run_deckgen("build", "budsjett", "--strict", cwd=tmp_path / "ny")
    assert (built.returncode, built.stderr) == (0, "")


def test_a_new_project_needs_a_brand_when_there_are_several(tmp_path: Path) -> None:
    from deckgen.project import Project
    from deckgen.projectconfig import brand_names

    names = brand_names(Project(tmp_path / "ny"))
    assert len(names) > 1
    ran = run_deckgen("new", "budsjett", "--prosjekt", "ny", cwd=tmp_path)
    assert ran.returncode == 1
    assert ran.stderr == (
        "feil: et nytt prosjekt trenger en merkevare; velg en med --merkevare NAVN "
        f"(merkevarene er: {', '.join(names)}), eller lag kommunens egen med «deckgen brand "
        "new» (docs/merkevare.md)\n"
    )
    assert not (tmp_path / "ny").exists()


def test_a_project_with_several_brands_and_no_choice_needs_merkevare(tmp_path: Path) -> None:
    (tmp_path / "decks").mkdir()
    ran = run_deckgen("new", "budsjett", cwd=tmp_path)
    assert ran.returncode == 1
    assert "deckgen.yaml velger ingen; velg en med --merkevare NAVN" in ran.stderr
    chosen = run_deckgen("new", "budsjett", "--merkevare", "drammen", cwd=tmp_path)
    assert chosen.returncode == 0, chosen.stderr
    text = (tmp_path / "decks" / "budsjett.yaml").read_text(encoding="utf-8")
    assert "\nmerkevare: drammen\n" in text
    assert run_deckgen("build", "budsjett", "--strict", cwd=tmp_path).returncode == 0


def test_an_unknown_brand_and_a_bad_date_are_refused(project: Path) -> None:
    brand = run_deckgen("new", "budsjett", "--merkevare", "dramen", cwd=project)
    assert brand.returncode == 1
    assert brand.stderr.startswith("feil: ukjent merkevare «dramen» (mente du «drammen»?)")
    date = run_deckgen("new", "budsjett", "--dato", "7. mai", cwd=project)
    assert date.returncode == 1
    assert date.stderr == (
        "feil: --dato «7. mai» er ikke en dato; skriv ÅÅÅÅ-MM-DD, for eksempel 2025-05-07\n"
    )
    assert not (project / "decks" / "budsjett.yaml").exists()


def test_new_without_a_name_is_a_usage_error(project: Path) -> None:
    ran = run_deckgen("new", cwd=project)
    assert ran.returncode == 3
    assert ran.stderr.endswith("feil: mangler argumentet NAVN\n")


def test_every_scaffold_file_is_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["deckgen"]
    files = [p.relative_to(REPO / "deckgen").as_posix() for p in SCAFFOLD.rglob("*") if p.is_file()]
    assert len(files) == 8
    for file in files:
        assert any(fnmatch.fnmatchcase(file, pattern) for pattern in patterns), file


def test_the_example_content_explains_itself_in_comments() -> None:
    text = (SCAFFOLD / "lysbilder.md").read_text(encoding="utf-8")
    for heading in ("PUNKTER", "TO KOLONNER", "TALL I TEKSTEN", "NØKKELTALL", "TABELL FRA EN",
                    "TABELL I MARKDOWN", "DIAGRAM", "BILDE", "NIVÅER", "PROSESS", "TIDSPLAN",
                    "SKILLEBILDE", "AVSLUTNING"):  # fmt: skip
        assert f"{{# {heading}" in text, heading
    assert "drammen" not in "".join(
        p.read_text(encoding="utf-8").lower() for p in SCAFFOLD.rglob("*.*") if p.suffix != ".png"
    )


# --- shell completion ------------------------------------------------------------------------


def _complete(words: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What bash completion offers for the command line words (the cursor after the last)."""
    from deckgen.cli import app

    monkeypatch.chdir(cwd)
    env = {
        "_DECKGEN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(app, [], prog_name="deckgen", env=env)
    assert result.exit_code == 0, result.output
    return result.output.split()


@pytest.mark.parametrize("command", ["build", "check", "preview", "watch"])
def test_completion_offers_the_projects_names(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _complete(f"deckgen {command} h", REPO, monkeypatch) == [
        "haai",
        "handlingsplan",
        "hoau",
    ]
    assert _complete(f"deckgen {command} ho", REPO, monkeypatch) == ["hoau"]


def test_completion_leaves_out_names_given_and_reads_prosjekt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _complete("deckgen build hoau ", REPO, monkeypatch) == ["haai", "handlingsplan"]
    other = f"deckgen check --prosjekt {ROOTS / 'alle-typer'} "
    assert _complete(other, tmp_path, monkeypatch) == ["demo"]
    assert _complete("deckgen build ", tmp_path, monkeypatch) == []  # no project: nothing


def test_completion_does_not_load_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    from deckgen import documents

    def refuse(*_args: object) -> None:
        raise AssertionError("completion read a document")

    monkeypatch.setattr(documents, "load_document", refuse)
    assert _complete("deckgen build ha", REPO, monkeypatch) == ["haai", "handlingsplan"]


def test_completion_options_are_described_in_bokmaal() -> None:
    ran = run_deckgen("--help")
    assert ran.returncode == 0
    flat = " ".join(ran.stdout.replace("│", " ").split())
    assert "--install-completion" in flat and "--show-completion" in flat
    assert "Installer fullføring med Tab" in flat
    assert "Vis skriptet for fullføring med Tab" in flat
    assert "Install completion" not in flat and "Show completion" not in flat


def test_install_completion_says_where_in_bokmaal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer import _completion_shared

    from deckgen.cli import app

    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: "bash")
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(app, ["--install-completion"], prog_name="deckgen")
    script = tmp_path / ".bash_completions" / "deckgen.sh"
    assert result.exit_code == 0
    assert result.output == (
        f"fullføring for bash er installert i {script}\n"
        "Den virker når du har startet terminalen på nytt.\n"
    )
    assert "_DECKGEN_COMPLETE" in script.read_text(encoding="utf-8")


def test_install_completion_for_an_unknown_shell_is_refused_in_bokmaal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer import _completion_shared

    from deckgen.cli import app

    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: "tcsh")
    result = CliRunner().invoke(app, ["--install-completion"], prog_name="deckgen")
    assert result.exit_code == 1
    assert result.output == (
        "fant ikke et skall deckgen kan installere fullføring for (tcsh); de som støttes er: "
        "bash, zsh, fish, powershell, pwsh\n"
    )


def test_a_prosjekt_that_is_a_file_is_named_as_given(tmp_path: Path) -> None:
    (tmp_path / "notater.txt").write_text("ikke en mappe\n", encoding="utf-8")
    made = run_deckgen("new", "budsjett", "--prosjekt", "notater.txt", cwd=tmp_path)
    assert made.returncode == 1
    assert made.stderr == "feil: «notater.txt» finnes og er ikke en mappe\n"
