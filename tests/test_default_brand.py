"""Which brand a deck or report without «merkevare:» gets (issue 12): deckgen.yaml's, else the
only brand there is; never a brand named in code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen import brand, projectconfig

from .conftest import REPO, TESTS, raise_source_total, run_deckgen


@pytest.fixture(autouse=True)
def only_drammen_shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """deckgen as if Drammen were the only brand it ships, whichever brands brand/ holds."""
    shipped = tmp_path / "shipped"
    shutil.copytree(REPO / "brand" / "drammen", shipped / "drammen")
    monkeypatch.setattr(brand, "BUNDLED_BRANDS", shipped)
    monkeypatch.setattr(projectconfig, "BUNDLED_BRANDS", shipped)


def corpus_project(tmp_path: Path) -> Path:
    """The corpus project without its deckgen.yaml: its deck names no brand."""
    project = tmp_path / "prosjekt"
    shutil.copytree(TESTS / "feil" / "grunnlag", project)
    (project / "deckgen.yaml").unlink()
    return project


def project_with_two_brands(tmp_path: Path) -> Path:
    """The corpus project (its deck names no brand) with a brand of its own beside the shipped."""
    project = corpus_project(tmp_path)
    shutil.copytree(REPO / "brand" / "drammen", project / "brand" / "egen")
    config = project / "brand" / "egen" / "brand.yaml"
    text = config.read_text(encoding="utf-8").replace("DRAMMEN KOMMUNE", "EGEN KOMMUNE")
    config.write_text(text, encoding="utf-8")
    assert "EGEN KOMMUNE" in text
    return project


def brand_of(project: Path, name: str) -> str:
    """The folder of the brand the document is built with."""
    from deckgen.documents import load_document
    from deckgen.project import Project

    document = load_document(Project(project), name)
    assert document.deck is not None and document.deck.brand == document.brand.folder.name
    return document.brand.folder.as_posix()


def test_two_brands_and_no_choice_is_an_error_naming_the_file(tmp_path: Path) -> None:
    project = project_with_two_brands(tmp_path)
    result = run_deckgen("check", "demo", "-p", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: decks/demo.yaml:1: filen sier ikke hvilken merkevare den bruker, og prosjektet "
        "har 2 (drammen, egen); skriv «merkevare: navn» i filen, eller i deckgen.yaml for hele "
        "prosjektet"
    ]


def test_deckgen_yaml_chooses_the_brand_of_every_document(tmp_path: Path) -> None:
    project = project_with_two_brands(tmp_path)
    (project / "deckgen.yaml").write_text("merkevare: egen\n", encoding="utf-8")
    result = run_deckgen("build", "demo", "-p", str(project), "--out", str(tmp_path / "ut"))
    assert result.returncode == 0, result.stderr
    assert brand_of(project, "demo") == (project / "brand" / "egen").as_posix()


def test_a_document_naming_its_brand_wins_over_deckgen_yaml(tmp_path: Path) -> None:
    project = project_with_two_brands(tmp_path)
    (project / "deckgen.yaml").write_text("merkevare: egen\n", encoding="utf-8")
    deck = project / "decks" / "demo.yaml"
    deck.write_text(deck.read_text(encoding="utf-8") + "merkevare: drammen\n", "utf-8")
    result = run_deckgen("build", "demo", "-p", str(project), "--out", str(tmp_path / "ut"))
    assert result.returncode == 0, result.stderr
    assert brand_of(project, "demo") == (tmp_path / "shipped" / "drammen").as_posix()


def test_a_wrong_deckgen_yaml_names_its_own_line(tmp_path: Path) -> None:
    project = project_with_two_brands(tmp_path)
    (project / "deckgen.yaml").write_text("# prosjektet\nmerkevare: egne\n", encoding="utf-8")
    result = run_deckgen("check", "demo", "-p", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "feil: deckgen.yaml:2: ukjent merkevare «egne» (mente du «egen»?); "
        "kjente merkevarer: drammen, egen"
    ]
    (project / "deckgen.yaml").write_text("merkevaren: egen\n", encoding="utf-8")
    result = run_deckgen("check", "demo", "-p", str(project))
    assert result.returncode == 1
    assert result.stderr.startswith("feil: deckgen.yaml:1: ukjent nøkkel «merkevaren»")


def test_the_only_brand_there_is_needs_no_choice(tmp_path: Path) -> None:
    project = corpus_project(tmp_path)
    result = run_deckgen("check", "demo", "-p", str(project))
    assert (result.returncode, result.stderr) == (0, "")
    assert brand_of(project, "demo").endswith("/shipped/drammen")


def test_a_mismatch_is_told_in_the_brands_number_style(tmp_path: Path) -> None:
    project = project_with_two_brands(tmp_path)
    config = project / "brand" / "egen" / "brand.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "tallformat: drammen", "tallformat: språkrådet"
    )
    config.write_text(text, encoding="utf-8")
    (project / "deckgen.yaml").write_text("merkevare: egen\n", encoding="utf-8")
    raise_source_total(project)
    result = run_deckgen("check", "demo", "-p", str(project))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "avvik: content/tabeller/okonomi.csv:4: rad 4 «Sum», kolonne «Regnskap»: oppgitt "
        "2\u00a0140\u00a0228, beregnet 2\u00a0140\u00a0128 (alle tall i 1000 kr)"
    )
