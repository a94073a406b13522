"""The command line as user testers found it: build --json names each problem with the word
stderr shows it with and still prints merk: lines; preview takes --quiet and shows NAVN."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOTS, run_deckgen

MISMATCH = (
    "content/tabeller/ramme.csv:10: rad 10 «Ramme 2024–27», kolonne «2026»: oppgitt 2.550.850, "
    "beregnet 2.550.750 (alle tall i 1000 kr)"
)
STOP = "summene over stemmer ikke med kilden; rett kilden, eller bygg likevel med --godta-avvik"


@pytest.fixture
def mismatch(tmp_path: Path) -> Path:
    """A project whose export has a total that does not add up."""
    root = tmp_path / "avvik"
    shutil.copytree(ROOTS / "ramme-avvik", root)
    return root


def kinds_on_stderr(stderr: str) -> list[str]:
    """The word each stderr line starts with."""
    return [line.split(":", 1)[0] for line in stderr.splitlines()]


@pytest.mark.parametrize("as_json", [False, True])
def test_a_total_that_stops_the_build_is_avvik_on_stderr_and_in_the_json(
    mismatch: Path, as_json: bool
) -> None:
    result = run_deckgen("build", "ramme", *(["--json"] if as_json else []), cwd=mismatch)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"avvik: {MISMATCH}", f"feil: {STOP}"]
    if as_json:
        problems = json.loads(result.stdout)["problems"]
        assert [p["kind"] for p in problems] == kinds_on_stderr(result.stderr)
        assert (problems[0]["file"], problems[0]["line"]) == ("content/tabeller/ramme.csv", 10)


def test_an_accepted_total_is_advarsel_on_stderr_and_in_the_json(mismatch: Path) -> None:
    result = run_deckgen("build", "ramme", "--json", "--godta-avvik", cwd=mismatch)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"advarsel: {MISMATCH}",
        "bygget med --godta-avvik: tabellene over inneholder summer som ikke stemmer",
    ]
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem["kind"] == "advarsel"
    strict = run_deckgen(
        "build", "ramme", "--json", "--godta-avvik", "--strict", "--force", cwd=mismatch
    )
    assert strict.returncode == 1
    assert strict.stderr.splitlines() == [f"avvik: {MISMATCH}"]
    assert [p["kind"] for p in json.loads(strict.stdout)["problems"]] == ["avvik"]


def test_build_json_prints_merk_lines_on_stderr_unless_quiet(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    made = run_deckgen(
        "new", "x", "--utvalg", "Utvalg for oppvekst", "--merkevare", "lysvik", cwd=root
    )
    assert made.returncode == 0, made.stderr
    plain = run_deckgen("build", "x", cwd=root)
    notes = [line for line in plain.stderr.splitlines() if line.startswith("merk: ")]
    assert notes  # the Lysvik title slide shrinks its subtitle (item 7)
    as_json = run_deckgen("build", "x", "--json", "--force", cwd=root)
    assert as_json.returncode == 0
    assert as_json.stderr.splitlines() == notes
    kinds = [p["kind"] for p in json.loads(as_json.stdout)["problems"]]
    assert kinds == ["merk"] * len(notes)
    quiet = run_deckgen("build", "x", "--json", "--quiet", "--force", cwd=root)
    assert (quiet.returncode, quiet.stderr) == (0, "")
    assert json.loads(quiet.stdout) == json.loads(as_json.stdout)


@pytest.fixture
def previewable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the deck `deckgen new` makes; the pictures faked (no LibreOffice)."""
    from deckgen import preview

    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    assert run_deckgen("new", "x", "--dato", "2025-05-07", cwd=root).returncode == 0

    def pictures(built: Path, name: str, out_dir: Path, is_deck: bool) -> preview.Preview:
        folder = out_dir / f"{name}-forhandsvisning"
        sheet = out_dir / f"{name}-oversikt.png"
        return preview.Preview([folder / "lysbilde-01.png"], sheet, "lysbilde")

    monkeypatch.setattr(preview, "check_tools", lambda: None)
    monkeypatch.setattr(preview, "make_preview", pictures)
    return root


@pytest.mark.parametrize("quiet", ["-q", "--quiet"])
def test_preview_takes_quiet_as_build_does(previewable: Path, quiet: str) -> None:
    loud = run_deckgen("preview", "x", cwd=previewable)
    assert (loud.returncode, loud.stderr) == (0, "")
    assert loud.stdout.splitlines() == [
        "skrev build/x.pptx (15 lysbilder)",
        "skrev build/x.docx",
        "skrev build/x-forhandsvisning/ (1 lysbilde som PNG)",
        "skrev build/x-oversikt.png",
    ]
    silent = run_deckgen("preview", "x", quiet, cwd=previewable)
    assert (silent.returncode, silent.stdout, silent.stderr) == (0, "", "")


def test_preview_prints_merk_lines_unless_quiet_and_a_total_that_stops_it_as_avvik(
    previewable: Path, mismatch: Path
) -> None:
    deck = previewable / "decks" / "x.yaml"
    extra = "merkevare: lysvik\nundertittel: Utvalg for oppvekst\nutvalg: Utvalg for oppvekst\n"
    deck.write_text(deck.read_text(encoding="utf-8") + extra, encoding="utf-8")
    built = run_deckgen("build", "x", "--out", "ut", cwd=previewable)
    notes = [line for line in built.stderr.splitlines() if line.startswith("merk: ")]
    assert notes
    loud = run_deckgen("preview", "x", cwd=previewable)
    assert loud.stderr.splitlines() == notes
    assert run_deckgen("preview", "x", "-q", cwd=previewable).stderr == ""
    stopped = run_deckgen("preview", "ramme", cwd=mismatch)
    assert stopped.returncode == 1
    assert stopped.stderr.splitlines() == [f"avvik: {MISMATCH}", f"feil: {STOP}"]


@pytest.mark.parametrize("command", ["preview", "watch", "new"])
def test_a_missing_name_shows_the_usage_line_as_build_does(command: str) -> None:
    ran = run_deckgen(command)
    assert ran.returncode == 3
    assert ran.stderr.splitlines() == [
        f"Bruk: python -m deckgen {command} [VALG] NAVN",
        f"Se «python -m deckgen {command} --help» for hjelp.",
        "feil: mangler argumentet NAVN",
    ]


def test_new_takes_quiet_and_still_writes_the_deck(tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    made = run_deckgen("new", "x", "-q", cwd=root)
    assert (made.returncode, made.stdout, made.stderr) == (0, "", "")
    assert (root / "decks" / "x.yaml").is_file()
    taken = run_deckgen("new", "x", "--quiet", cwd=root)
    assert taken.returncode == 1
    assert taken.stderr.startswith("feil: «x» finnes allerede")


@pytest.mark.parametrize(
    ("options", "key"),
    [
        (["--utvalg", "Utvalg for oppvekst"], "undertittel"),
        ([], "tittel"),
    ],
)
def test_the_title_slide_is_located_at_the_key_of_its_text_not_the_files_first_line(
    tmp_path: Path, options: list[str], key: str
) -> None:
    from deckgen.documents import load_document
    from deckgen.project import Project

    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    made = run_deckgen("new", "x", "--merkevare", "lysvik", *options, cwd=root)
    assert made.returncode == 0, made.stderr
    lines = (root / "decks" / "x.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(f"{key}:"))
    deck = load_document(Project(root), "x").deck
    assert deck is not None and (deck.location.path.name, deck.location.line) == ("x.yaml", line)
    built = run_deckgen("build", "x", cwd=root)
    assert built.returncode == 0, built.stderr
    about_deck = [text for text in built.stderr.splitlines() if "decks/x.yaml" in text]
    assert all(text.startswith(f"merk: decks/x.yaml:{line}: ") for text in about_deck)


def test_a_deck_with_only_utvalg_is_located_at_utvalg(tmp_path: Path) -> None:
    from deckgen.documents import load_document
    from deckgen.project import Project

    root = tmp_path / "p"
    shutil.copytree(ROOTS / "alle-typer", root)
    assert run_deckgen("new", "x", cwd=root).returncode == 0
    deck_file = root / "decks" / "x.yaml"
    text = deck_file.read_text(encoding="utf-8")
    deck_file.write_text(text.replace("# utvalg: Hovedutvalget", "utvalg: Hovedutvalget"), "utf-8")
    lines = deck_file.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("utvalg:"))
    deck = load_document(Project(root), "x").deck
    assert deck is not None and deck.location.line == line
